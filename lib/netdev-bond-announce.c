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

/* After a failover: the learning table of the MACs the bond transmitted
 * from and of the host's addresses, learning frames, gratuitous ARPs and
 * unsolicited neighbour advertisements, and the multicast queries handed
 * to the bridge as received (resend_igmp). */

#include <config.h>
#include "netdev-bond-private.h"

#include <string.h>

#include "bond-mcast.h"
#include "dp-packet.h"
#include "hash.h"
#include "openvswitch/poll-loop.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "timeval.h"
#include "util.h"

static uint64_t
learn_key(const struct eth_addr mac, uint16_t vlan)
{
    return (eth_addr_to_uint64(mac) | ((uint64_t) (vlan & VLAN_VID_MASK)
                                       << 48) | (UINT64_C(1) << 63));
}

static size_t
learn_slot(uint64_t key)
{
    return hash_uint64(key) & (BOND_LEARN_SIZE - 1);
}

/* Records that the host uses 'ip' (IPv4-mapped if '!ipv6') with 'mac' on
 * 'vlan'.  Gives up rather than wait if another thread holds the table. */
static void
bond_learn_addr(struct netdev_bond *dev, bool ipv6, const struct in6_addr *ip,
                const struct eth_addr mac, uint16_t vlan)
{
    uint32_t epoch;

    if (!ipv6_addr_is_set(ip) || eth_addr_is_multicast(mac)
        || ovs_mutex_trylock(&dev->learned.mutex)) {
        return;
    }
    atomic_read_relaxed(&netdev_bond_epoch, &epoch);

    struct bond_host_addr *a = NULL, *oldest = &dev->learned.addrs[0];
    for (size_t i = 0; i < dev->learned.n_addrs; i++) {
        struct bond_host_addr *e = &dev->learned.addrs[i];
        if (e->ipv6 == ipv6 && ipv6_addr_equals(&e->ip, ip)
            && e->vlan == vlan) {
            a = e;
            break;
        }
        if (e->epoch < oldest->epoch) {
            oldest = e;
        }
    }
    if (!a) {
        a = (dev->learned.n_addrs < BOND_MAX_HOST_ADDRS
             ? &dev->learned.addrs[dev->learned.n_addrs++] : oldest);
        a->ipv6 = ipv6;
        a->ip = *ip;
        a->vlan = vlan;
        dev->learned.gen++;
    } else if (!eth_addr_equals(a->mac, mac)) {
        dev->learned.gen++;
    }
    a->mac = mac;
    a->epoch = epoch;
    ovs_mutex_unlock(&dev->learned.mutex);
}

/* If 'packet' is an ARP or neighbour solicitation or advertisement from the
 * host, learns the address it announces.  'l3' is the offset of its L3
 * header, 'type' its ethertype. */
static void
bond_learn_host(struct netdev_bond *dev, const struct dp_packet *packet,
                size_t l3, ovs_be16 type, uint16_t vlan)
{
    const uint8_t *p = dp_packet_data(packet);
    size_t size = dp_packet_size(packet);
    struct eth_addr mac;
    struct in6_addr ip;

    if (type == htons(ETH_TYPE_ARP) && size >= l3 + ARP_ETH_HEADER_LEN) {
        const struct arp_eth_header *arp = (const void *) (p + l3);
        ovs_be32 spa = get_16aligned_be32(&arp->ar_spa);
        if (arp->ar_hrd == htons(ARP_HRD_ETHERNET)
            && arp->ar_pro == htons(ARP_PRO_IP) && spa) {
            in6_addr_set_mapped_ipv4(&ip, spa);
            bond_learn_addr(dev, false, &ip, arp->ar_sha, vlan);
        }
    } else if (type == htons(ETH_TYPE_IPV6)
               && size >= l3 + IPV6_HEADER_LEN + 4
               && p[l3 + 6] == IPPROTO_ICMPV6) {
        uint8_t icmp_type = p[l3 + IPV6_HEADER_LEN];
        if (icmp_type == ND_NEIGHBOR_SOLICIT
            || icmp_type == ND_NEIGHBOR_ADVERT) {
            memcpy(&ip, p + l3 + 8, sizeof ip);
            memcpy(&mac, p + 6, sizeof mac);
            if (!ipv6_addr_is_multicast(&ip)) {
                bond_learn_addr(dev, true, &ip, mac, vlan);
            }
        }
    }
}

/* Records that 'packet''s source MAC was sent through 'dev'. */
void
netdev_bond_announce_learn(struct netdev_bond *dev,
                           const struct dp_packet *packet)
{
    const struct eth_header *eth = dp_packet_data(packet);

    if (dp_packet_size(packet) < ETH_HEADER_LEN
        || eth_addr_is_multicast(eth->eth_src)) {
        return;
    }

    /* ARP and neighbour discovery: rare, looked at closer. */
    ovs_be16 type;
    size_t l3;
    uint16_t vlan;
    if (!packet_l3(packet, &type, &l3, &vlan)) {
        vlan = 0;               /* A truncated 802.1Q tag. */
    } else if (OVS_UNLIKELY(type == htons(ETH_TYPE_ARP)
                            || type == htons(ETH_TYPE_IPV6))) {
        bond_learn_host(dev, packet, l3, type, vlan);
    }

    uint64_t key = learn_key(eth->eth_src, vlan);
    struct bond_learn_entry *e = &dev->learned.macs[learn_slot(key)];
    uint64_t old_key;
    uint32_t epoch, old_epoch;

    atomic_read_relaxed(&netdev_bond_epoch, &epoch);
    atomic_read_relaxed(&e->key, &old_key);
    atomic_read_relaxed(&e->epoch, &old_epoch);
    if (old_key != key) {
        atomic_store_relaxed(&e->key, key);
    }
    if (old_epoch != epoch) {
        atomic_store_relaxed(&e->epoch, epoch);
    }
}

/* If entry 'i' of 'dev''s learning table was used within BOND_LEARN_AGE of
 * 'epoch', stores its MAC and VLAN in '*mac' and '*vlan' and returns true. */
static bool
bond_learn_entry_fresh(struct netdev_bond *dev, size_t i, uint32_t epoch,
                       struct eth_addr *mac, uint16_t *vlan)
{
    uint64_t key;
    uint32_t seen;

    atomic_read_relaxed(&dev->learned.macs[i].key, &key);
    atomic_read_relaxed(&dev->learned.macs[i].epoch, &seen);
    if (!key || epoch - seen > BOND_LEARN_AGE) {
        return false;
    }
    eth_addr_from_uint64(key & UINT64_C(0xffffffffffff), mac);
    *vlan = (key >> 48) & VLAN_VID_MASK;
    return true;
}

/* Returns true if 'dev' recently sent frames from 'mac' on 'vlan'. */
bool
netdev_bond_announce_learned(struct netdev_bond *dev,
                             const struct eth_addr mac, uint16_t vlan)
{
    uint64_t key = learn_key(mac, vlan);
    uint64_t found;

    atomic_read_relaxed(&dev->learned.macs[learn_slot(key)].key, &found);
    return found == key;
}

/* Returns a learning frame from 'mac' to 'dst' on 'vlan': a minimum-size
 * frame of type 0x9000 (loopback).  Linux's balance-tlb and -alb send them
 * to 'mac' itself, which a switch learns and never forwards back. */
struct dp_packet *
netdev_bond_announce_frame(const struct eth_addr mac,
                           const struct eth_addr dst, uint16_t vlan)
{
    struct dp_packet *packet = dp_packet_new(ETH_TOTAL_MIN + VLAN_HEADER_LEN);
    void *payload = eth_compose(packet, dst, mac, 0x9000,
                                ETH_TOTAL_MIN - ETH_HEADER_LEN);

    memset(payload, 0, ETH_TOTAL_MIN - ETH_HEADER_LEN);
    if (vlan) {
        eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(vlan));
    }
    return packet;
}

/* Returns a destination for a learning frame from 'mac' that differs in
 * each round ('serial'): a locally administered unicast address that no
 * frame of the previous rounds went to.  A switch that caches its
 * forwarding decisions (Open vSwitch's megaflows keep the decision for a
 * frame like the last round's RARP for 10 s) learns only from a frame that
 * misses its cache; this one always misses, so the switch moves 'mac' to
 * the new member at once, instead of at its next revalidation. */
static struct eth_addr
learning_frame_dst(const struct eth_addr mac, uint16_t serial)
{
    struct eth_addr dst = mac;

    dst.ea[0] = (dst.ea[0] | 0x02) & ~0x01;
    dst.ea[4] ^= serial >> 8;
    dst.ea[5] ^= serial;
    if (eth_addr_equals(dst, mac)) {
        dst.ea[3] ^= 0xff;
    }
    return dst;
}

/* Sends a learning frame for every MAC that 'dev' transmitted recently,
 * through 'member', to a destination that no earlier round used (see
 * learning_frame_dst()), followed by a RARP, as Open vSwitch sends, if
 * 'rarp'. */
static void
bond_send_relearn(struct netdev_bond *dev, struct netdev *member, bool rarp)
    OVS_REQUIRES(dev->mutex)
{
    struct dp_packet_batch batch;
    uint16_t serial = ++dev->announce.notify_serial;
    uint32_t epoch;
    size_t n = 0;

    atomic_read_relaxed(&netdev_bond_epoch, &epoch);
    dp_packet_batch_init(&batch);
    for (size_t i = 0; i < BOND_LEARN_SIZE; i++) {
        struct eth_addr mac;
        uint16_t vlan;

        if (!bond_learn_entry_fresh(dev, i, epoch, &mac, &vlan)) {
            continue;
        }
        struct eth_addr dst = learning_frame_dst(mac, serial);
        netdev_bond_tx_queue(member, &batch,
                             netdev_bond_announce_frame(mac, dst, vlan));
        if (rarp) {
            struct dp_packet *packet = dp_packet_new(0);
            compose_rarp(packet, mac);
            if (vlan) {
                eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(vlan));
            }
            netdev_bond_tx_queue(member, &batch, packet);
        }
        n++;
    }
    netdev_bond_tx_flush(member, &batch);
    VLOG_DBG("%s: sent learning frames for %"PRIuSIZE" MACs on %s%s",
             netdev_get_name(&dev->up), n, netdev_get_name(member),
             rarp ? ", with RARPs" : "");
}

/* Starts telling the network that the MACs behind 'dev' moved to its new
 * active member: 'num_grat_arp' rounds of notifications and, whatever that
 * number, learning frames again after 10, 30, 70 and 150 ms.  Open
 * vSwitch, as a switch, moves a MAC back to the port it left when it
 * accounts for frames that arrived there just before the failover (its
 * revalidators push their statistics, which it learns from, after the
 * failover's first learning frame); the later frames move it back for
 * good. */
void
netdev_bond_announce_start(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    if (dev->settings.num_grat_arp) {
        dev->announce.notify_left = dev->settings.num_grat_arp;
        dev->announce.notify_next = now;
        dev->announce.relearn_left = BOND_RELEARN_ROUNDS;
        dev->announce.relearn_next = now + BOND_RELEARN_FIRST;
    }
    dev->announce.query_left = dev->settings.resend_igmp;
    dev->announce.query_next = now;
}

/* Hands 'packet' to the bridge as if it had arrived on 'dev', or drops it
 * if too many are waiting. */
static void
bond_inject(struct netdev_bond *dev, struct dp_packet *packet)
{
    ovs_mutex_lock(&dev->announce.inject_mutex);
    if (dev->announce.n_inject < BOND_INJECT_MAX) {
        dev->announce.inject[dev->announce.n_inject++] = packet;
        packet = NULL;
    }
    atomic_store_relaxed(&dev->announce.inject_pending, true);
    ovs_mutex_unlock(&dev->announce.inject_mutex);
    dp_packet_delete(packet);
    poll_immediate_wake();
}

/* Asks the hosts behind 'dev' for their multicast memberships, so that
 * their reports leave through the new active member (resend_igmp; see
 * bond-mcast.h): an IGMPv3 and an MLDv2 general query on each VLAN that
 * 'dev' recently sent frames on, from the active member's MAC. */
static void
bond_send_queries(struct netdev_bond *dev, const struct bond_map *map)
    OVS_REQUIRES(dev->mutex)
{
    uint16_t vlans[16];
    size_t n_vlans = 0;
    uint32_t epoch;

    vlans[n_vlans++] = 0;
    atomic_read_relaxed(&netdev_bond_epoch, &epoch);
    for (size_t i = 0; i < BOND_LEARN_SIZE; i++) {
        struct eth_addr mac;
        uint16_t vlan;

        if (bond_learn_entry_fresh(dev, i, epoch, &mac, &vlan)) {
            size_t j = 0;
            while (j < n_vlans && vlans[j] != vlan) {
                j++;
            }
            if (j == n_vlans && n_vlans < ARRAY_SIZE(vlans)) {
                vlans[n_vlans++] = vlan;
            }
        }
    }

    for (size_t i = 0; i < n_vlans; i++) {
        struct dp_packet *igmp = dp_packet_new(128);
        struct dp_packet *mld = dp_packet_new(128);

        bond_mcast_compose_igmp_query(igmp, map->active_mac, vlans[i]);
        bond_mcast_compose_mld_query(mld, map->active_mac, vlans[i]);
        bond_inject(dev, igmp);
        bond_inject(dev, mld);
    }
    VLOG_DBG("%s: multicast queries on %"PRIuSIZE" VLANs",
             netdev_get_name(&dev->up), n_vlans);
}

/* Sends the peer notifications due after a failover: learning frames,
 * gratuitous ARPs and neighbour advertisements (see
 * netdev_bond_announce_start()). */
static void
announce_run(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);

    if (dev->announce.query_left > 0 && now >= dev->announce.query_next) {
        dev->announce.query_left--;
        dev->announce.query_next = now + BOND_MCAST_INTERVAL;
        if (map->active) {
            bond_send_queries(dev, map);
        }
    }

    if (dev->announce.relearn_left > 0 && now >= dev->announce.relearn_next) {
        dev->announce.relearn_left--;
        dev->announce.relearn_next
            = now + (BOND_RELEARN_FIRST
                     << (BOND_RELEARN_ROUNDS - dev->announce.relearn_left));
        if (map->active && !map->fom_active) {
            bond_send_relearn(dev, map->active, false);
        }
    }

    if (dev->announce.notify_left <= 0 || now < dev->announce.notify_next) {
        return;
    }
    dev->announce.notify_left--;
    dev->announce.notify_next
        = now + (dev->settings.peer_notif_delay
                 ? dev->settings.peer_notif_delay
                 : dev->settings.detect_mode == BOND_DETECT_MIIMON
                 ? dev->settings.miimon_interval : 100);
    if (!map->active) {
        return;
    }
    if (!map->fom_active) {
        bond_send_relearn(dev, map->active, true);
    }

    /* Gratuitous ARPs and unsolicited neighbour advertisements for the
     * host's addresses, as Linux's bonding sends them; but not in
     * balance-alb, where each peer has its own member's MAC for them and
     * the table of peers sends the updates. */
    if (dev->settings.mode == BOND_MODE_BALANCE_ALB) {
        return;
    }

    struct dp_packet_batch batch;
    uint32_t epoch;
    size_t n = 0;

    atomic_read_relaxed(&netdev_bond_epoch, &epoch);
    dp_packet_batch_init(&batch);
    ovs_mutex_lock(&dev->learned.mutex);
    for (size_t i = 0; i < dev->learned.n_addrs; i++) {
        const struct bond_host_addr *a = &dev->learned.addrs[i];
        struct dp_packet *packet;

        if (epoch - a->epoch > BOND_LEARN_AGE) {
            continue;
        }
        /* With fail_over_mac active, the host's addresses now live at
         * the new active member's MAC. */
        struct eth_addr mac = map->fom_active ? map->active_mac : a->mac;
        packet = dp_packet_new(0);
        if (a->ipv6) {
            static const struct in6_addr all_nodes
                = IN6ADDR_ALL_HOSTS_INIT;
            static const struct eth_addr all_nodes_mac
                = ETH_ADDR_C(33, 33, 00, 00, 00, 01);
            compose_nd_na(packet, mac, all_nodes_mac, &a->ip, &all_nodes,
                          htonl(ND_RSO_OVERRIDE));
        } else {
            ovs_be32 ip = in6_addr_get_mapped_ipv4(&a->ip);
            compose_arp(packet, ARP_OP_REQUEST, mac, eth_addr_zero, true,
                        ip, ip);
        }
        if (a->vlan) {
            eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(a->vlan));
        }
        netdev_bond_tx_queue(map->active, &batch, packet);
        n++;
    }
    ovs_mutex_unlock(&dev->learned.mutex);
    netdev_bond_tx_flush(map->active, &batch);
    VLOG_DBG("%s: sent %"PRIuSIZE" peer notifications on %s",
             netdev_get_name(&dev->up), n, netdev_get_name(map->active));
}

static long long int
announce_wake(const struct netdev_bond *dev, long long int now OVS_UNUSED)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_announce_info *a = &dev->announce;
    long long int wake = LLONG_MAX;

    if (a->notify_left > 0) {
        wake = MIN(wake, a->notify_next);
    }
    if (a->relearn_left > 0) {
        wake = MIN(wake, a->relearn_next);
    }
    if (a->query_left > 0) {
        wake = MIN(wake, a->query_next);
    }
    return wake;
}

const struct bond_concern netdev_bond_announce_concern = {
    .name = "announcements",
    .run = announce_run,
    .wake = announce_wake,
};
