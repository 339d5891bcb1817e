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

/* balance-tlb and balance-alb: the host's addresses for the receive path,
 * balance-alb's table of peers (lib/bond-alb.c) fed with the ARP that the
 * host sends and receives, the rewritten ARP replies and updates, and the
 * periodic learning frames. */

#include <config.h>
#include "netdev-bond-private.h"

#include <limits.h>

#include "bond-alb.h"
#include "dp-packet.h"
#include "openvswitch/vlog.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "timeval.h"
#include "util.h"

/* Copies the host's IPv4 addresses into 'map', for the receive path. */
void
netdev_bond_alb_publish_hosts(struct netdev_bond *dev, struct bond_map *map)
    OVS_REQUIRES(dev->mutex)
{
    ovs_mutex_lock(&dev->learned.mutex);
    for (size_t i = 0; i < dev->learned.n_addrs; i++) {
        const struct bond_host_addr *a = &dev->learned.addrs[i];
        if (!a->ipv6) {
            struct bond_host4 *h = &map->hosts[map->n_hosts++];
            h->ip = in6_addr_get_mapped_ipv4(&a->ip);
            h->mac = a->mac;
        }
    }
    dev->alb.map_gen = dev->learned.gen;
    ovs_mutex_unlock(&dev->learned.mutex);
}

/* balance-alb: copies the host's IPv4 addresses into 'map', for the
 * receive path, and tells the table of peers which members may carry
 * traffic and which one is 'active'. */
void
netdev_bond_alb_publish(struct netdev_bond *dev, struct bond_map *map,
                        int active)
    OVS_REQUIRES(dev->mutex)
{
    netdev_bond_alb_publish_hosts(dev, map);

    struct bond_alb_member members[BOND_MAX_MEMBERS];
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_alb_member *am = &members[i];
        int tx = map->slot_tx[i];

        am->usable = tx >= 0;
        am->speed = bond_state_member(dev->state, i)->speed;
        am->mac = tx >= 0 ? map->tx_mac[tx] : eth_addr_zero;
    }
    ovs_mutex_lock(&dev->alb.mutex);
    if (dev->alb.table) {
        bond_alb_set_members(dev->alb.table, members, dev->n_members, active,
                             time_msec());
    }
    ovs_mutex_unlock(&dev->alb.mutex);
}

/* Starts or stops balance-alb's table of peers as the mode requires. */
static void
alb_configure(struct netdev_bond *dev,
              const struct bond_settings *old OVS_UNUSED,
              long long int now OVS_UNUSED)
    OVS_REQUIRES(dev->mutex)
{
    bool want = dev->settings.mode == BOND_MODE_BALANCE_ALB;

    ovs_mutex_lock(&dev->alb.mutex);
    if (want && !dev->alb.table) {
        dev->alb.table = bond_alb_create();
    } else if (!want && dev->alb.table) {
        bond_alb_destroy(dev->alb.table);
        dev->alb.table = NULL;
    }
    ovs_mutex_unlock(&dev->alb.mutex);
}

/* Sends learning frames so that the switch keeps every member's MAC on its
 * port, and the host's MACs on the active member's. */
static void
bond_send_learning(struct netdev_bond *dev, const struct bond_map *map)
    OVS_REQUIRES(dev->mutex)
{
    for (size_t i = 0; i < map->n_members; i++) {
        struct dp_packet_batch batch;

        if (!map->enabled[i]) {
            continue;
        }
        dp_packet_batch_init(&batch);
        netdev_bond_tx_queue(map->members[i], &batch,
                             netdev_bond_announce_frame(map->macs[i],
                                                        map->macs[i], 0));
        if (map->members[i] == map->active) {
            ovs_mutex_lock(&dev->learned.mutex);
            for (size_t a = 0; a < dev->learned.n_addrs; a++) {
                const struct bond_host_addr *ha = &dev->learned.addrs[a];
                bool dup = false;
                for (size_t b = 0; b < a && !dup; b++) {
                    dup = (eth_addr_equals(dev->learned.addrs[b].mac, ha->mac)
                           && dev->learned.addrs[b].vlan == ha->vlan);
                }
                if (!dup) {
                    struct dp_packet *frame;

                    frame = netdev_bond_announce_frame(ha->mac, ha->mac,
                                                       ha->vlan);
                    netdev_bond_tx_queue(map->members[i], &batch, frame);
                }
            }
            ovs_mutex_unlock(&dev->learned.mutex);
        }
        netdev_bond_tx_flush(map->members[i], &batch);
    }
}

/* Sends balance-alb's updates due at 'now': ARP replies that give each
 * peer its member's MAC for the host's address. */
static void
bond_alb_send_updates(struct netdev_bond *dev, const struct bond_map *map,
                      long long int now)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_alb_update updates[BOND_ALB_MAX_PEERS];
    size_t n = 0;

    ovs_mutex_lock(&dev->alb.mutex);
    if (dev->alb.table) {
        n = bond_alb_run(dev->alb.table, now, updates, ARRAY_SIZE(updates));
    }
    ovs_mutex_unlock(&dev->alb.mutex);

    for (size_t i = 0; i < n; i++) {
        const struct bond_alb_update *u = &updates[i];
        int tx = u->member < BOND_MAX_MEMBERS ? map->slot_tx[u->member] : -1;
        struct dp_packet_batch batch;

        if (tx < 0) {
            continue;
        }
        dp_packet_batch_init(&batch);
        for (int copy = 0; copy < BOND_ALB_UPDATE_COPIES; copy++) {
            struct dp_packet *packet = dp_packet_new(0);
            compose_arp(packet, ARP_OP_REPLY, u->mac, u->peer_mac, false,
                        u->host_ip, u->peer_ip);
            if (u->vlan) {
                eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(u->vlan));
            }
            dp_packet_batch_add(&batch, packet);
        }
        VLOG_DBG("%s: tell "IP_FMT" that "IP_FMT" is at "ETH_ADDR_FMT
                 " (member %s)", netdev_get_name(&dev->up),
                 IP_ARGS(u->peer_ip), IP_ARGS(u->host_ip),
                 ETH_ADDR_ARGS(u->mac), netdev_get_name(map->tx[tx]));
        netdev_bond_member_send_own(map->tx[tx], &batch);
    }
}

/* Republishes the map when the host has new addresses that the receive
 * path of balance-alb or fail_over_mac active should know. */
static void
alb_refresh_hosts(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (bond_uses_host_addrs(&dev->settings)) {
        bool stale;
        ovs_mutex_lock(&dev->learned.mutex);
        stale = dev->learned.gen != dev->alb.map_gen;
        ovs_mutex_unlock(&dev->learned.mutex);
        if (stale) {
            netdev_bond_publish_map(dev);
        }
    }
}

/* Runs balance-tlb's and -alb's timers: learning frames every lp_interval,
 * and balance-alb's table of peers. */
static void
alb_run(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;

    alb_refresh_hosts(dev);

    if (s->mode != BOND_MODE_BALANCE_TLB
        && s->mode != BOND_MODE_BALANCE_ALB) {
        dev->alb.lp_next = LLONG_MAX;
        return;
    }

    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);
    if (dev->alb.lp_next == LLONG_MAX) {
        dev->alb.lp_next = now;
    }
    if (now >= dev->alb.lp_next) {
        bond_send_learning(dev, map);
        dev->alb.lp_next = now + s->lp_interval * 1000LL;
    }
    if (s->mode == BOND_MODE_BALANCE_ALB) {
        bond_alb_send_updates(dev, map, now);
    }
}

static long long int
alb_wake(const struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    long long int wake = dev->alb.lp_next;

    if (bond_uses_host_addrs(&dev->settings)) {
        /* The packet path adds peers, updates and host addresses without
         * waking us: look ten times a second, as Linux looks at its table
         * of peers. */
        wake = MIN(wake, now + 100);
    }
    return wake;
}

const struct bond_concern netdev_bond_alb_concern = {
    .name = "tlb/alb",
    .configure = alb_configure,
    .run = alb_run,
    .wake = alb_wake,
};

static void
arp_to_alb(const struct arp_eth_header *arp, uint16_t vlan,
           struct bond_alb_arp *out)
{
    out->sha = arp->ar_sha;
    out->spa = get_16aligned_be32(&arp->ar_spa);
    out->tha = arp->ar_tha;
    out->tpa = get_16aligned_be32(&arp->ar_tpa);
    out->vlan = vlan;
}

/* balance-alb: the host sends ARP frame 'arp' in 'packet'.  A reply goes
 * out on the member assigned to its peer, carrying that member's MAC
 * unless it is the active member; anything else goes out unchanged on the
 * active member.  Returns the index in 'map->tx' to send on. */
size_t
netdev_bond_alb_tx_arp(struct netdev_bond *dev, const struct bond_map *map,
                       struct dp_packet *packet, struct arp_eth_header *arp,
                       uint16_t vlan, size_t active)
{
    struct bond_alb_arp a;
    struct eth_addr sha;
    int slot = -1;

    arp_to_alb(arp, vlan, &a);
    ovs_mutex_lock(&dev->alb.mutex);
    if (dev->alb.table) {
        if (arp->ar_op == htons(ARP_OP_REPLY)) {
            slot = bond_alb_host_reply(dev->alb.table, &a, time_msec(), &sha);
        } else if (arp->ar_op == htons(ARP_OP_REQUEST)) {
            bond_alb_host_request(dev->alb.table, &a, time_msec());
        }
    }
    ovs_mutex_unlock(&dev->alb.mutex);

    int tx = slot >= 0 && slot < BOND_MAX_MEMBERS ? map->slot_tx[slot] : -1;
    if (tx < 0 || (size_t) tx == active) {
        return active;
    }
    struct eth_header *eth = dp_packet_data(packet);
    eth->eth_src = sha;
    arp->ar_sha = sha;
    return tx;
}

/* balance-alb: feeds the ARP frames in 'batch', which the receive rules
 * accepted, to the table of peers. */
void
netdev_bond_alb_rx(struct netdev_bond *dev, struct dp_packet_batch *batch)
{
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct arp_eth_header *arp;
        struct bond_alb_arp a;
        uint16_t vlan;
        ovs_be16 type;
        size_t l3;

        if (packet_l3(packet, &type, &l3, &vlan)
            && type == htons(ETH_TYPE_ARP)
            && (arp = packet_arp(packet, l3))) {
            arp_to_alb(arp, vlan, &a);
            ovs_mutex_lock(&dev->alb.mutex);
            if (dev->alb.table) {
                bond_alb_peer_arp(dev->alb.table, &a, time_msec());
            }
            ovs_mutex_unlock(&dev->alb.mutex);
        }
    }
}
