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

/* Receive: the bond's receive queue polls its members' queues and applies
 * the mode's rules (frames on a backup member, on a member that is not
 * collecting, reflections, frames for a member's MAC handed to the host),
 * handing slow-protocol and ARP-monitor frames to their machines. */

#include <config.h>
#include "netdev-bond-private.h"

#include <errno.h>
#include <string.h>

#include "dp-packet.h"
#include "openvswitch/poll-loop.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "util.h"

struct netdev_rxq *
netdev_bond_rxq_alloc(void)
{
    struct netdev_rxq_bond *rx = xzalloc(sizeof *rx);
    return &rx->up;
}

/* Opens member 'm''s receive queue 'queue' as the next of 'rx''s. */
static void
bond_rxq_open_member(struct netdev_rxq_bond *rx, const struct netdev_bond *dev,
                     const struct bond_member *m, int queue)
{
    int error = netdev_rxq_open(m->netdev, &rx->rxqs[rx->n_rxqs], queue);
    if (!error) {
        rx->n_rxqs++;
    } else {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s: could not receive on member %s queue %d (%s)",
                     netdev_get_name(&dev->up), m->name, queue,
                     ovs_strerror(error));
    }
}

/* The "bond" class's one receive queue polls the first queue of every
 * member; each of the "bond-pmd" class's polls one member queue (see
 * netdev-bond-queues.c). */
int
netdev_bond_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    struct netdev_bond *dev = netdev_bond_cast(rx->up.netdev);

    ovs_mutex_lock(&dev->mutex);
    rx->rxqs = xcalloc(MAX(dev->n_members, 1), sizeof *rx->rxqs);
    rx->n_rxqs = 0;
    if (netdev_is_pmd(&dev->up)) {
        size_t member;
        int queue;

        if (netdev_bond_queues_slot(dev, rx->up.queue_id, &member, &queue)) {
            bond_rxq_open_member(rx, dev, &dev->members[member], queue);
        }
    } else {
        for (size_t i = 0; i < dev->n_members; i++) {
            if (dev->members[i].netdev) {
                bond_rxq_open_member(rx, dev, &dev->members[i], 0);
            }
        }
    }
    rx->next = 0;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

void
netdev_bond_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);

    for (size_t i = 0; i < rx->n_rxqs; i++) {
        netdev_rxq_close(rx->rxqs[i]);
    }
    free(rx->rxqs);
}

void
netdev_bond_rxq_dealloc(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    free(rx);
}

/* Returns the MAC of host address 'ip' of 'dev', from 'map' or, for an
 * address learned since the map was made, from the table itself. */
static bool
bond_host_mac(struct netdev_bond *dev, const struct bond_map *map,
              ovs_be32 ip, struct eth_addr *mac)
{
    for (size_t i = 0; i < map->n_hosts; i++) {
        if (map->hosts[i].ip == ip) {
            *mac = map->hosts[i].mac;
            return true;
        }
    }

    /* Rare: the main thread republishes the map within 100 ms. */
    struct in6_addr ip6;
    bool found = false;
    in6_addr_set_mapped_ipv4(&ip6, ip);
    ovs_mutex_lock(&dev->learned.mutex);
    for (size_t i = 0; i < dev->learned.n_addrs && !found; i++) {
        const struct bond_host_addr *a = &dev->learned.addrs[i];
        if (!a->ipv6 && ipv6_addr_equals(&a->ip, &ip6)) {
            *mac = a->mac;
            found = true;
        }
    }
    ovs_mutex_unlock(&dev->learned.mutex);
    return found;
}

/* Returns the MAC of the host that uses IPv6 address 'ip', or, if it is
 * not known but the bond has seen only one MAC use addresses, that one. */
static bool
bond_host_mac6(struct netdev_bond *dev, const struct in6_addr *ip,
               struct eth_addr *mac)
{
    bool found = false, one = true;
    struct eth_addr only = eth_addr_zero;

    ovs_mutex_lock(&dev->learned.mutex);
    for (size_t i = 0; i < dev->learned.n_addrs && !found; i++) {
        const struct bond_host_addr *a = &dev->learned.addrs[i];
        if (a->ipv6 && ipv6_addr_equals(&a->ip, ip)) {
            *mac = a->mac;
            found = true;
        }
        if (i && !eth_addr_equals(a->mac, only)) {
            one = false;
        }
        only = a->mac;
    }
    if (!found && one && dev->learned.n_addrs) {
        *mac = only;
        found = true;
    }
    ovs_mutex_unlock(&dev->learned.mutex);
    return found;
}

/* 'packet' arrived addressed to a member's own MAC, which the bond gave a
 * peer for one of the host's addresses (balance-alb, for IPv4, or
 * fail_over_mac active).  Gives it the host's MAC back.  Returns false, to
 * drop it, if it is not for a host address. */
static bool
bond_rx_to_host(struct netdev_bond *dev, const struct bond_map *map,
                struct dp_packet *packet)
{
    struct eth_header *eth = dp_packet_data(packet);
    const uint8_t *data = dp_packet_data(packet);
    struct eth_addr mac;
    ovs_be32 ip = 0;
    uint16_t vlan;
    ovs_be16 type;
    size_t l3;

    if (!packet_l3(packet, &type, &l3, &vlan)) {
        return false;
    }
    if (type == htons(ETH_TYPE_IPV6)
        && dp_packet_size(packet) >= l3 + IPV6_HEADER_LEN) {
        struct in6_addr dst;

        memcpy(&dst, data + l3 + 24, sizeof dst);
        if (!bond_host_mac6(dev, &dst, &mac)) {
            return false;
        }
        eth->eth_dst = mac;
        return true;
    }

    const struct arp_eth_header *arp = NULL;
    if (type == htons(ETH_TYPE_IP)
        && dp_packet_size(packet) >= l3 + IP_HEADER_LEN) {
        const struct ip_header *ih = (const void *) (data + l3);
        ip = get_16aligned_be32(&ih->ip_dst);
    } else if (type == htons(ETH_TYPE_ARP)) {
        arp = packet_arp(packet, l3);
        ip = arp ? get_16aligned_be32(&arp->ar_tpa) : 0;
    }
    if (!ip) {
        return false;
    }
    if (!bond_host_mac(dev, map, ip, &mac)) {
        /* An address the bond has not seen the host use (after a restart,
         * say): an ARP request still reaches the host, broadcast, and its
         * answer teaches the bond the address. */
        if (!arp || arp->ar_op != htons(ARP_OP_REQUEST)) {
            return false;
        }
        mac = eth_addr_broadcast;
    }
    eth->eth_dst = mac;
    return true;
}

/* Returns true if the receive rules of 'map' accept 'packet', which arrived
 * on member 'idx' (an index in 'map->members'). */
static bool
bond_rx_accept(struct netdev_bond *dev, const struct bond_map *map,
               size_t idx, struct dp_packet *packet)
{
    const struct eth_header *eth = dp_packet_data(packet);

    if (dp_packet_size(packet) >= ETH_HEADER_LEN
        && eth->eth_type == htons(ETH_TYPE_LACP)) {
        /* Slow protocols are for the bond, never for the datapath. */
        netdev_bond_lacp_rx(dev, map->members[idx], packet);
        return false;
    }
    if (map->all_members_active) {
        return true;
    }
    if (!map->enabled[idx]) {
        return false;
    }

    switch (map->mode) {
    case BOND_MODE_ACTIVE_BACKUP:
        if (map->members[idx] != map->active) {
            return false;
        }
        if (map->fom_active && dp_packet_size(packet) >= ETH_HEADER_LEN
            && eth_addr_equals(eth->eth_dst, map->active_mac)) {
            return bond_rx_to_host(dev, map, packet);
        }
        return true;

    case BOND_MODE_BALANCE_TLB:
        return map->members[idx] == map->active;

    case BOND_MODE_BALANCE_ALB:
        /* Peers send to the member's MAC that they were told; anything
         * else only counts on the active member. */
        if (dp_packet_size(packet) >= ETH_HEADER_LEN
            && eth_addr_equals(eth->eth_dst, map->macs[idx])) {
            return bond_rx_to_host(dev, map, packet);
        }
        return map->members[idx] == map->active;

    case BOND_MODE_BALANCE_SLB:
        /* Broadcast and multicast only on the active member, so that the
         * switch's flooding does not come back in twice; and never frames
         * from a MAC that we sent out ourselves (a reflection). */
        if (dp_packet_size(packet) < ETH_HEADER_LEN) {
            return false;
        }
        if (eth_addr_is_multicast(eth->eth_dst)
            && map->members[idx] != map->active) {
            return false;
        }
        return !netdev_bond_announce_learned(dev, eth->eth_src,
                                             packet_vlan(packet));

    case BOND_MODE_BALANCE_RR:
    case BOND_MODE_BALANCE_XOR:
    case BOND_MODE_BROADCAST:
    case BOND_MODE_8023AD:
    case BOND_MODE_BALANCE_TCP:
    case N_BOND_MODES:
    default:
        return true;
    }
}

/* Drops from 'batch', which arrived on 'member', what the receive rules of
 * 'dev' refuse. */
static void
bond_rx_filter(struct netdev_bond *dev, const struct bond_map *map,
               const struct netdev *member, struct dp_packet_batch *batch)
{
    size_t idx;

    for (idx = 0; idx < map->n_members; idx++) {
        if (map->members[idx] == member) {
            break;
        }
    }
    if (idx >= map->n_members) {
        /* Not a member any more: the rxq is about to be reopened. */
        dp_packet_delete_batch(batch, true);
        dp_packet_batch_init(batch);
        return;
    }

    if (map->arp_monitor) {
        netdev_bond_arpmon_rx(dev, map->members[idx], batch);
    }

    struct dp_packet *packet;
    const size_t n_batch = dp_packet_batch_size(batch);
    uint64_t dropped = 0;
    size_t i;
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n_batch, packet, batch) {
        if (bond_rx_accept(dev, map, idx, packet)) {
            dp_packet_batch_refill(batch, packet, i);
        } else {
            dp_packet_delete(packet);
            dropped++;
        }
    }
    if (dropped) {
        uint64_t orig;
        atomic_add_relaxed(&map->mstate[idx]->rx_dropped, dropped, &orig);
    }
    if (map->mode == BOND_MODE_BALANCE_ALB) {
        netdev_bond_alb_rx(dev, batch);
    }
}

int
netdev_bond_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                     int *qfill)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    struct netdev_bond *dev = netdev_bond_cast(rx->up.netdev);
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);

    if (qfill) {
        *qfill = -ENOTSUP;
    }

    bool pending;
    atomic_read_relaxed(&dev->announce.inject_pending, &pending);
    if (OVS_UNLIKELY(pending)) {
        size_t n = 0;

        ovs_mutex_lock(&dev->announce.inject_mutex);
        while (n < dev->announce.n_inject
               && dp_packet_batch_size(batch) < NETDEV_MAX_BURST) {
            dp_packet_batch_add(batch, dev->announce.inject[n++]);
        }
        dev->announce.n_inject -= n;
        memmove(dev->announce.inject, dev->announce.inject + n,
                dev->announce.n_inject * sizeof dev->announce.inject[0]);
        if (!dev->announce.n_inject) {
            atomic_store_relaxed(&dev->announce.inject_pending, false);
        }
        ovs_mutex_unlock(&dev->announce.inject_mutex);
        if (!dp_packet_batch_is_empty(batch)) {
            return 0;
        }
    }

    /* The active member first, when only it may deliver. */
    bool active_only = (map->active && !map->all_members_active
                        && (map->mode == BOND_MODE_ACTIVE_BACKUP
                            || map->mode == BOND_MODE_BALANCE_TLB
                            || map->mode == BOND_MODE_BALANCE_ALB));
    if (active_only && ++rx->polls % BOND_BACKUP_POLL) {
        for (size_t i = 0; i < rx->n_rxqs; i++) {
            struct netdev_rxq *mrx = rx->rxqs[i];
            if (netdev_rxq_get_netdev(mrx) == map->active) {
                if (!netdev_rxq_recv(mrx, batch, NULL)) {
                    bond_rx_filter(dev, map, map->active, batch);
                    if (!dp_packet_batch_is_empty(batch)) {
                        return 0;
                    }
                }
                return EAGAIN;
            }
        }
    }

    /* Polls each member once, starting after the one that delivered last,
     * and returns the first frames that pass the receive rules. */
    for (size_t i = 0; i < rx->n_rxqs; i++) {
        size_t idx = (rx->next + i) % rx->n_rxqs;
        struct netdev_rxq *mrx = rx->rxqs[idx];

        if (!netdev_rxq_recv(mrx, batch, NULL)) {
            bond_rx_filter(dev, map, netdev_rxq_get_netdev(mrx), batch);
            if (!dp_packet_batch_is_empty(batch)) {
                rx->next = (idx + 1) % rx->n_rxqs;
                return 0;
            }
        }
    }
    return EAGAIN;
}

void
netdev_bond_rxq_wait(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    struct netdev_bond *dev = netdev_bond_cast(rx->up.netdev);
    bool pending;

    atomic_read_relaxed(&dev->announce.inject_pending, &pending);
    if (pending) {
        poll_immediate_wake();
    }

    for (size_t i = 0; i < rx->n_rxqs; i++) {
        netdev_rxq_wait(rx->rxqs[i]);
    }
}

int
netdev_bond_rxq_drain(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);

    for (size_t i = 0; i < rx->n_rxqs; i++) {
        netdev_rxq_drain(rx->rxqs[i]);
    }
    return 0;
}
