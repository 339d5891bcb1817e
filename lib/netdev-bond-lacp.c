/*
 * Copyright (c) 2026 The ovs-bond authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at:
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/* 802.3ad: drives lib/lacp-fsm.c, the bond's LACP machines, with the
 * members' links and the PDUs they receive, and sends its PDUs. */

#include <config.h>
#include "netdev-bond-private.h"

#include <string.h>

#include "dp-packet.h"
#include "lacp-fsm.h"
#include "ovs-thread.h"
#include "timeval.h"
#include "util.h"

/* Starts, reconfigures or stops 'dev''s LACP according to its settings. */
void
netdev_bond_lacp_configure(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;

    if (s->lacp == BOND_LACP_OFF) {
        lacp_fsm_destroy(dev->lacp);
        dev->lacp = NULL;
        return;
    }
    if (!dev->lacp) {
        dev->lacp = lacp_fsm_create();
    }

    struct lacp_fsm_settings ls = {
        .sys_id = s->has_lacp_system_id ? s->lacp_system_id : dev->hwaddr,
        .sys_priority = (s->lacp_system_priority ? s->lacp_system_priority
                         : dev->n_members > 1 ? 65534 : 65535),
        .active = s->lacp == BOND_LACP_ACTIVE,
        .fast = s->lacp_fast,
        .ad_select = (s->ad_select == BOND_AD_SELECT_BANDWIDTH
                      ? LACP_FSM_SELECT_BANDWIDTH
                      : s->ad_select == BOND_AD_SELECT_COUNT
                      ? LACP_FSM_SELECT_COUNT : LACP_FSM_SELECT_STABLE),
        .fallback = (s->lacp_strict ? LACP_FSM_FALLBACK_NONE
                     : s->lacp_fallback_ab ? LACP_FSM_FALLBACK_AB
                     : LACP_FSM_FALLBACK_ALL),
    };
    struct lacp_fsm_port_settings *ps = xcalloc(dev->n_members, sizeof *ps);
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member_settings *ms = &s->members[i];
        ps[i].name = ms->name;
        ps[i].port_id = ms->lacp_port_id ? ms->lacp_port_id : i + 1;
        ps[i].port_priority = ms->lacp_port_priority;
    }
    /* Open vSwitch's default key: the first member's port ID. */
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member_settings *ms = &s->members[i];
        ps[i].key = ms->lacp_key ? ms->lacp_key : ps[0].port_id;
    }
    lacp_fsm_configure(dev->lacp, &ls, ps, dev->n_members, now);
    free(ps);
}

static void
lacp_configure(struct netdev_bond *dev,
               const struct bond_settings *old OVS_UNUSED, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    netdev_bond_lacp_configure(dev, now);
}

/* The state machines run in the link concern (netdev_bond_update()), which
 * feeds them each member's link first. */
static long long int
lacp_wake(const struct netdev_bond *dev, long long int now OVS_UNUSED)
    OVS_REQUIRES(dev->mutex)
{
    return dev->lacp ? lacp_fsm_wake_time(dev->lacp) : LLONG_MAX;
}

const struct bond_concern netdev_bond_lacp_concern = {
    .name = "lacp",
    .configure = lacp_configure,
    .wake = lacp_wake,
};

/* lacp_fsm_send_cb: frames 'pdu' and sends it on member 'idx' from the
 * member's own MAC to the slow protocols address. */
void
netdev_bond_lacp_send(void *dev_, size_t idx, const void *pdu, size_t size)
    OVS_NO_THREAD_SAFETY_ANALYSIS
{
    static const struct eth_addr slow_protocols
        = ETH_ADDR_C(01, 80, c2, 00, 00, 02);
    struct netdev_bond *dev = dev_;
    struct bond_member *m = &dev->members[idx];
    struct eth_addr mac;

    if (!netdev_bond_member_usable(m)
        || netdev_get_etheraddr(m->netdev, &mac)) {
        return;
    }

    struct dp_packet *packet = dp_packet_new(ETH_HEADER_LEN + size);
    void *payload = eth_compose(packet, slow_protocols, mac, ETH_TYPE_LACP,
                                size);
    memcpy(payload, pdu, size);

    struct dp_packet_batch batch;
    dp_packet_batch_init_packet(&batch, packet);
    netdev_bond_member_send_own(m->netdev, &batch);
}

/* Feeds the slow-protocol frame 'packet', received on member 'netdev' of
 * 'dev', to LACP. */
void
netdev_bond_lacp_rx(struct netdev_bond *dev, const struct netdev *netdev,
                    const struct dp_packet *packet)
{
    ovs_mutex_lock(&dev->mutex);
    int i = dev->lacp ? netdev_bond_member_index(dev, netdev) : -1;
    if (i >= 0) {
        long long int now = time_msec();
        lacp_fsm_receive(dev->lacp, i,
                         (const uint8_t *) dp_packet_data(packet)
                         + ETH_HEADER_LEN,
                         dp_packet_size(packet) - ETH_HEADER_LEN,
                         now, netdev_bond_lacp_send, dev);
        /* Only the machines: a flood of PDUs must not cost a carrier and
         * speed query of every member per frame. */
        if (lacp_fsm_run(dev->lacp, now, netdev_bond_lacp_send, dev)) {
            netdev_bond_refresh_carrier(dev);
            netdev_bond_publish_map(dev);
            netdev_change_seq_changed(&dev->up);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
}
