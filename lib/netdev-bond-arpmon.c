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

/* The ARP and NS monitor: drives lib/bond-arpmon.c with probe rounds and
 * the replies the members receive. */

#include <config.h>
#include "netdev-bond-private.h"

#include <limits.h>
#include <string.h>

#include "bond-arpmon.h"
#include "bond-config.h"
#include "dp-packet.h"
#include "ovs-thread.h"
#include "packets.h"
#include "timeval.h"

/* Returns true if 'a' and 'b' have the same ARP monitor settings. */
static bool
arp_settings_equal(const struct bond_settings *a,
                   const struct bond_settings *b)
{
    return (a->arp_interval == b->arp_interval
            && a->n_arp_targets == b->n_arp_targets
            && !memcmp(a->arp_targets, b->arp_targets,
                       a->n_arp_targets * sizeof a->arp_targets[0])
            && a->n_ns_targets == b->n_ns_targets
            && !memcmp(a->ns_targets, b->ns_targets,
                       a->n_ns_targets * sizeof a->ns_targets[0])
            && a->arp_validate == b->arp_validate
            && a->arp_all_targets == b->arp_all_targets
            && a->arp_missed_max == b->arp_missed_max);
}

/* Starts, restarts or stops the ARP monitor of 'dev' after a configuration
 * change from 'old'.  Members start alive for one window: new members, and
 * all of them when the monitor's settings changed. */
static void
arpmon_configure(struct netdev_bond *dev, const struct bond_settings *old,
                 long long int now)
    OVS_REQUIRES(dev->mutex)
{
    bool changed = !arp_settings_equal(old, &dev->settings);

    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        if (changed || !m->arp.last_rx) {
            bond_arpmon_reset(&m->arp, now);
        }
    }
    if (!dev->settings.arp_interval) {
        dev->arp.next = LLONG_MAX;
    } else if (changed || dev->arp.next == LLONG_MAX) {
        dev->arp.next = now;
    }
}

/* Returns true if member 'idx' of 'dev' has the active role for the ARP
 * monitor: the active member in modes that have one, every member in the
 * others. */
bool
netdev_bond_arpmon_active_role(const struct netdev_bond *dev, size_t idx)
    OVS_REQUIRES(dev->mutex)
{
    return (!bond_config_mode_has_active(dev->settings.mode)
            || (int) idx == bond_state_active(dev->state));
}

/* Returns whether the ARP monitor of 'dev' sees member 'idx' alive at
 * 'now', for status reports, and stores in '*age' the ms since its last
 * proof of life that counts. */
bool
netdev_bond_arpmon_view(const struct netdev_bond *dev, size_t idx,
                        long long int now, long long int *age)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_arpmon_member *arp = &dev->members[idx].arp;
    bool active = netdev_bond_arpmon_active_role(dev, idx);

    *age = now - bond_arpmon_last_proof(&dev->settings, arp, active);
    return bond_arpmon_alive(&dev->settings, arp, active,
                             bond_state_member(dev->state, idx)->carrier, now);
}

/* Returns the host address of 'dev' to probe from: the first IPv6 one if
 * 'ipv6', else the first IPv4 one.  Returns false if there is none. */
static bool
bond_host_source(struct netdev_bond *dev, bool ipv6,
                 struct bond_host_addr *addr)
{
    bool found = false;

    ovs_mutex_lock(&dev->learned.mutex);
    for (size_t i = 0; i < dev->learned.n_addrs && !found; i++) {
        if (dev->learned.addrs[i].ipv6 == ipv6) {
            *addr = dev->learned.addrs[i];
            found = true;
        }
    }
    ovs_mutex_unlock(&dev->learned.mutex);
    return found;
}

/* Sends one round of probes: on every member, an ARP request for each
 * IPv4 target and a neighbour solicitation for each IPv6 target.  The
 * active member of active-backup asks from the host's addresses (learned
 * from what the host sent), as Linux's bonding does; every other member
 * asks from its own MAC, with the IPv4 source 0.0.0.0 (an RFC 5227 probe)
 * and its IPv6 link-local address, so that the answer comes back to it and
 * the host's MAC never moves to a backup's port. */
static void
bond_arp_probe(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;
    struct bond_host_addr host4, host6;

    memset(&host4, 0, sizeof host4);
    memset(&host6, 0, sizeof host6);
    bool has4 = bond_host_source(dev, false, &host4);
    bool has6 = bond_host_source(dev, true, &host6);

    dev->arp.n_own = 0;
    dev->arp.own[dev->arp.n_own++] = has4 ? host4.mac : dev->hwaddr;
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        struct dp_packet_batch batch;
        struct eth_addr mac;

        if (!netdev_bond_member_usable(m)
            || netdev_get_etheraddr(m->netdev, &mac)) {
            continue;
        }
        dev->arp.own[dev->arp.n_own++] = mac;

        bool host = (bond_config_mode_has_active(s->mode)
                     && (int) i == bond_state_active(dev->state));
        uint16_t vlan = has4 ? host4.vlan : has6 ? host6.vlan : 0;
        dp_packet_batch_init(&batch);
        for (size_t t = 0; t < s->n_arp_targets; t++) {
            struct dp_packet *p = dp_packet_new(0);
            compose_arp(p, ARP_OP_REQUEST,
                        host ? dev->arp.own[0] : mac, eth_addr_zero, true,
                        (host && has4
                         ? in6_addr_get_mapped_ipv4(&host4.ip) : 0),
                        s->arp_targets[t]);
            if (vlan) {
                eth_push_vlan(p, htons(ETH_TYPE_VLAN), htons(vlan));
            }
            netdev_bond_tx_queue(m->netdev, &batch, p);
        }
        for (size_t t = 0; t < s->n_ns_targets; t++) {
            struct dp_packet *p = dp_packet_new(0);
            struct in6_addr src;

            if (host && has6) {
                src = host6.ip;
            } else {
                in6_generate_lla(mac, &src);
            }
            compose_nd_ns(p, host && has6 ? host6.mac : mac, &src,
                          &s->ns_targets[t]);
            if (vlan) {
                eth_push_vlan(p, htons(ETH_TYPE_VLAN), htons(vlan));
            }
            netdev_bond_tx_queue(m->netdev, &batch, p);
        }
        netdev_bond_tx_flush(m->netdev, &batch);
    }
}

/* Runs the ARP monitor of 'dev' at 'now': a probe round when one is due.
 * netdev_bond_update() then reads what the members have heard. */
static void
arpmon_run(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    if (dev->settings.arp_interval && now >= dev->arp.next) {
        bond_arp_probe(dev);
        dev->arp.next = now + dev->settings.arp_interval;
    }
}

static long long int
arpmon_wake(const struct netdev_bond *dev, long long int now OVS_UNUSED)
    OVS_REQUIRES(dev->mutex)
{
    return dev->arp.next;
}

const struct bond_concern netdev_bond_arpmon_concern = {
    .name = "arp monitor",
    .configure = arpmon_configure,
    .run = arpmon_run,
    .wake = arpmon_wake,
};

/* Feeds the frames in 'batch', received on member netdev 'netdev' of
 * 'dev', to the ARP monitor. */
void
netdev_bond_arpmon_rx(struct netdev_bond *dev, const struct netdev *netdev,
                      const struct dp_packet_batch *batch)
{
    long long int now = time_msec();
    const struct dp_packet *packet;

    ovs_mutex_lock(&dev->mutex);
    int i = netdev_bond_member_index(dev, netdev);
    if (i >= 0) {
        struct bond_member *m = &dev->members[i];
        bool active = netdev_bond_arpmon_active_role(dev, i);
        DP_PACKET_BATCH_FOR_EACH (j, packet, batch) {
            int target;
            enum bond_arpmon_kind kind = bond_arpmon_classify(
                &dev->settings, dp_packet_data(packet),
                dp_packet_size(packet), dev->arp.own, dev->arp.n_own,
                &target);
            bond_arpmon_rx(&dev->settings, &m->arp, active, kind, target,
                           now);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
}
