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

/* Transmit: the member that sends each packet, by mode (active-backup,
 * balance-rr, the hash modes and their buckets, broadcast, tlb/alb,
 * fail_over_mac active), batching per member, and rebalancing the buckets
 * by load.  Runs in any datapath thread without locks, on the map that the
 * main thread publishes. */

#include <config.h>
#include "netdev-bond-private.h"

#include <limits.h>
#include <string.h>

#include "bond-config.h"
#include "bond-hash.h"
#include "csum.h"
#include "dp-packet.h"
#include "hash.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "random.h"

/* Adds 'packet' to 'batch', sending the batch on 'member' when it is full.
 * Call netdev_bond_tx_flush() at the end.  For the main loop's own frames
 * (see netdev_bond_member_send_own()). */
void
netdev_bond_tx_queue(struct netdev *member, struct dp_packet_batch *batch,
                     struct dp_packet *packet)
{
    dp_packet_batch_add(batch, packet);
    if (dp_packet_batch_is_full(batch)) {
        netdev_bond_member_send_own(member, batch);
        dp_packet_batch_init(batch);
    }
}

/* Sends what remains in 'batch' on 'member'. */
void
netdev_bond_tx_flush(struct netdev *member, struct dp_packet_batch *batch)
{
    if (!dp_packet_batch_is_empty(batch)) {
        netdev_bond_member_send_own(member, batch);
        dp_packet_batch_init(batch);
    }
}

/* Writes into 'buckets' where the packet path placed buckets by load in the
 * current map, unless that is already in 'dev->tx.buckets', and marks those
 * buckets true in 'placed' if it is nonnull. */
void
netdev_bond_tx_placements(struct netdev_bond *dev,
                          uint8_t buckets[BOND_HASH_BUCKETS],
                          bool placed[BOND_HASH_BUCKETS])
    OVS_REQUIRES(dev->mutex)
{
    struct bond_map *map = ovsrcu_get_protected(struct bond_map *, &dev->map);

    if (!map->gen || map->gen == dev->tx.folded_gen) {
        return;
    }
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        uint8_t tx;

        atomic_read_relaxed(&map->placed[i], &tx);
        if (tx) {
            buckets[i] = tx - 1;
            if (placed) {
                placed[i] = true;
            }
        }
    }
}

/* Writes the buckets that the packet path placed by load in the current
 * map into 'dev->tx.buckets', once per map, so that the next map keeps
 * them; a placed bucket is no longer idle, and young until it settles. */
void
netdev_bond_tx_fold_placements(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    bool placed[BOND_HASH_BUCKETS] = { false };

    netdev_bond_tx_placements(dev, dev->tx.buckets, placed);
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        if (placed[i]) {
            dev->tx.bucket_idle[i] = false;
            dev->tx.bucket_young[i] = true;
        }
    }
    dev->tx.folded_gen = ovsrcu_get_protected(struct bond_map *,
                                              &dev->map)->gen;
}

/* Reads into 'delta' the bytes each bucket carried since 'seen' and updates
 * 'seen', and into 'load' what each of the 'n_tx' members carried. */
static void
tx_bucket_deltas(struct netdev_bond *dev, uint64_t seen[BOND_HASH_BUCKETS],
                 size_t n_tx, uint64_t delta[BOND_HASH_BUCKETS],
                 uint64_t load[BOND_MAX_MEMBERS])
    OVS_REQUIRES(dev->mutex)
{
    memset(load, 0, BOND_MAX_MEMBERS * sizeof *load);
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        uint64_t bytes;

        atomic_read_relaxed(&dev->tx.bucket_bytes[i], &bytes);
        delta[i] = bytes - seen[i];
        seen[i] = bytes;
        load[dev->tx.buckets[i] % n_tx] += delta[i];
    }
}

/* Returns the biggest bucket on member 'from' that, moved to member 'to',
 * narrows the gap between their loads, among those that 'movable' allows
 * (all if it is null) and that have not 'moved'; -1 if there is none.  A
 * bucket that carries nearly all of 'from's load would only swap the two
 * members' loads, and does not count.  Settling needs the biggest: a flow
 * that started late in the 250 ms shows little of its weight, and moving
 * the other one off its member is what parts them. */
static int
tx_bucket_to_move(const struct netdev_bond *dev, size_t n_tx,
                  size_t from, size_t to,
                  const uint64_t delta[BOND_HASH_BUCKETS],
                  const uint64_t load[BOND_MAX_MEMBERS],
                  const bool movable[BOND_HASH_BUCKETS],
                  const bool moved[BOND_HASH_BUCKETS])
    OVS_REQUIRES(dev->mutex)
{
    uint64_t gap = load[from] - load[to];
    int best = -1;

    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        if (dev->tx.buckets[i] % n_tx == from && delta[i] && !moved[i]
            && (!movable || movable[i]) && delta[i] < gap
            && load[from] - delta[i] >= load[from] / 32
            && (best < 0 || delta[i] > delta[best])) {
            best = i;
        }
    }
    return best;
}

/* Moves buckets, among those that 'movable' allows (all if it is null),
 * to the least loaded of the 'n_tx' members from the most loaded one that
 * has a bucket worth moving (tx_bucket_to_move()), as Open vSwitch's
 * rebalance passes over a member it cannot usefully take from, until the
 * loads are within 10% of each other or no member has one; a bucket moves
 * at most once.  'delta' holds what each bucket carried, 'load' what each
 * member did. */
static void
tx_move_buckets(struct netdev_bond *dev, const char *why, size_t n_tx,
                const uint64_t delta[BOND_HASH_BUCKETS],
                uint64_t load[BOND_MAX_MEMBERS],
                const bool movable[BOND_HASH_BUCKETS])
    OVS_REQUIRES(dev->mutex)
{
    bool moved[BOND_HASH_BUCKETS] = { false };

    for (int round = 0; round < BOND_HASH_BUCKETS; round++) {
        bool tried[BOND_MAX_MEMBERS] = { false };
        size_t to = 0;
        int best = -1;
        size_t from;

        for (size_t m = 1; m < n_tx; m++) {
            to = load[m] < load[to] ? m : to;
        }
        /* The most loaded member first; one that has nothing worth moving
         * is passed over for the next. */
        for (;;) {
            bool found = false;

            from = to;
            for (size_t m = 0; m < n_tx; m++) {
                if (!tried[m] && m != to
                    && (!found || load[m] > load[from])) {
                    from = m;
                    found = true;
                }
            }
            if (!found || load[from] - load[to] <= load[from] / 10) {
                break;      /* The rest are within 10%: good enough. */
            }
            best = tx_bucket_to_move(dev, n_tx, from, to, delta, load,
                                     movable, moved);
            if (best >= 0) {
                break;
            }
            tried[from] = true;
        }
        if (best < 0) {
            break;
        }
        dev->tx.buckets[best] = to;
        moved[best] = true;
        load[from] -= delta[best];
        load[to] += delta[best];
        VLOG_DBG("%s: %s: hash %d (%"PRIu64" bytes) to member %"PRIuSIZE,
                 netdev_get_name(&dev->up), why, best, delta[best], to);
    }
}

/* Starts settling when the packet path has placed a bucket under the
 * current map, and settles BOND_SETTLE_MS later: the young buckets move by
 * what every bucket carried in between, and a new map goes out, whose own
 * first placement starts the next round. */
static void
tx_settle(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);
    uint64_t delta[BOND_HASH_BUCKETS];
    uint64_t load[BOND_MAX_MEMBERS];
    bool placed_any;

    if (dev->tx.settle_at == LLONG_MAX) {
        /* Settling ends with a new map, so a map that has placed a bucket
         * has not settled yet. */
        atomic_read_relaxed(&map->placed_any, &placed_any);
        if (placed_any) {
            dev->tx.settle_at = now + BOND_SETTLE_MS;
            for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
                atomic_read_relaxed(&dev->tx.bucket_bytes[i],
                                    &dev->tx.settle_seen[i]);
            }
        }
        return;
    }
    if (now < dev->tx.settle_at) {
        return;
    }
    dev->tx.settle_at = LLONG_MAX;
    netdev_bond_tx_fold_placements(dev);
    if (map->n_tx > 1 && dev->tx.buckets_valid) {
        tx_bucket_deltas(dev, dev->tx.settle_seen, map->n_tx, delta, load);
        tx_move_buckets(dev, "settle", map->n_tx, delta, load,
                        dev->tx.bucket_young);
    }
    memset(dev->tx.bucket_young, 0, sizeof dev->tx.bucket_young);
    netdev_bond_publish_map(dev);
}

/* balance-slb, balance-tcp, and balance-tlb and -alb with tlb_dynamic_lb:
 * every rebalance interval, moves hash buckets from the most loaded member
 * to the least loaded one, as Open vSwitch does, by the bytes each bucket
 * carried since the last time, and publishes a map in which the buckets
 * that carried nothing are placed by load again. */
static void
tx_rebalance(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;
    uint64_t delta[BOND_HASH_BUCKETS];
    uint64_t load[BOND_MAX_MEMBERS];

    if (dev->tx.next_rebalance == LLONG_MAX) {
        dev->tx.next_rebalance = now + s->rebalance_interval;
    }
    if (now < dev->tx.next_rebalance) {
        return;
    }
    dev->tx.next_rebalance = now + s->rebalance_interval;

    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);
    size_t n_tx = map->n_tx;
    if (n_tx < 2 || !dev->tx.buckets_valid) {
        return;
    }

    netdev_bond_tx_fold_placements(dev);
    tx_bucket_deltas(dev, dev->tx.bucket_seen, n_tx, delta, load);
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        dev->tx.bucket_idle[i] = !delta[i];
    }
    tx_move_buckets(dev, "rebalance", n_tx, delta, load, NULL);
    /* Young buckets were judged by what they carried: none is left to
     * settle. */
    memset(dev->tx.bucket_young, 0, sizeof dev->tx.bucket_young);
    netdev_bond_publish_map(dev);
}

static void
tx_run(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;

    if (bond_config_uses_buckets(s) && s->rebalance_interval) {
        tx_settle(dev, now);
        tx_rebalance(dev, now);
    } else {
        dev->tx.settle_at = LLONG_MAX;
        dev->tx.next_rebalance = LLONG_MAX;
    }
}

static long long int
tx_wake(const struct netdev_bond *dev, long long int now OVS_UNUSED)
    OVS_REQUIRES(dev->mutex)
{
    return MIN(dev->tx.next_rebalance, dev->tx.settle_at);
}

const struct bond_concern netdev_bond_tx_concern = {
    .name = "transmit",
    .run = tx_run,
    .wake = tx_wake,
};

/* Returns the index in 'map->tx' of the member with the fewest busy
 * buckets under 'map' and, among those, the one that has sent the fewest
 * bucket bytes. */
static size_t
bond_least_loaded(struct bond_map *map)
{
    size_t best = 0;
    uint32_t best_busy = UINT32_MAX;
    uint64_t best_bytes = UINT64_MAX;

    for (size_t i = 0; i < map->n_tx; i++) {
        uint32_t placed;
        uint64_t bytes;

        atomic_read_relaxed(&map->n_placed[i], &placed);
        atomic_read_relaxed(&map->tx_bytes[i], &bytes);
        uint32_t busy = map->n_busy[i] + placed;
        if (busy < best_busy || (busy == best_busy && bytes < best_bytes)) {
            best = i;
            best_busy = busy;
            best_bytes = bytes;
        }
    }
    return best;
}

/* Accounts 'packet' to the bucket of hash 'hash' and returns the index in
 * 'map->tx' of the member that the bucket maps to: for an idle bucket, the
 * member its first packet under 'map' found least loaded. */
static size_t
bond_bucket_tx(struct netdev_bond *dev, const struct bond_map *map_,
               uint32_t hash, const struct dp_packet *packet)
{
    struct bond_map *map = CONST_CAST(struct bond_map *, map_);
    size_t bucket = hash & BOND_HASH_MASK;
    size_t tx = map->buckets[bucket];
    uint64_t orig;

    if (map->idle[bucket]) {
        uint8_t placed;

        atomic_read_relaxed(&map->placed[bucket], &placed);
        if (!placed) {
            uint8_t want = bond_least_loaded(map) + 1;

            /* On failure, 'placed' is what another thread chose. */
            if (atomic_compare_exchange_strong(&map->placed[bucket],
                                               &placed, want)) {
                uint32_t orig_placed;

                bool placed_before;

                placed = want;
                atomic_add_relaxed(&map->n_placed[want - 1], 1,
                                   &orig_placed);
                placed_before = atomic_exchange(&map->placed_any, true);
                if (!placed_before) {
                    netdev_bond_wake_main();
                }
            }
        }
        tx = placed - 1;
    }
    atomic_add_relaxed(&dev->tx.bucket_bytes[bucket], dp_packet_size(packet),
                       &orig);
    atomic_add_relaxed(&map->tx_bytes[tx], dp_packet_size(packet), &orig);
    return tx;
}

/* balance-tlb and balance-alb: returns the index in 'map->tx' of the member
 * that transmits 'packet'.  Unicast IPv4 and IPv6 are spread by the xmit
 * hash, over buckets placed by load with tlb_dynamic_lb; a member other
 * than the active one sends them from its own MAC, so that the switch
 * never sees the host's MAC on two ports.  Everything else goes out on the
 * active member, as Linux does. */
static size_t
bond_choose_tlb(struct netdev_bond *dev, const struct bond_map *map,
                struct dp_packet *packet)
{
    size_t active = map->active_tx >= 0 ? map->active_tx : 0;
    struct eth_header *eth = dp_packet_data(packet);
    uint16_t vlan;
    ovs_be16 type;
    size_t l3;

    if (!packet_l3(packet, &type, &l3, &vlan)) {
        return active;
    }
    if (type == htons(ETH_TYPE_ARP)) {
        /* balance-alb learns its peers from the host's broadcast requests
         * as well as from its replies. */
        struct arp_eth_header *arp = packet_arp(packet, l3);
        return (arp && map->mode == BOND_MODE_BALANCE_ALB
                ? netdev_bond_alb_tx_arp(dev, map, packet, arp, vlan, active)
                : active);
    }
    if (eth_addr_is_multicast(eth->eth_dst)) {
        return active;
    }
    if ((type != htons(ETH_TYPE_IP) && type != htons(ETH_TYPE_IPV6))
        || map->n_tx < 2) {
        return active;
    }

    uint32_t h;
    if (map->mode == BOND_MODE_BALANCE_ALB) {
        /* Linux's alb: the XOR of the destination address's bytes. */
        const uint8_t *data = dp_packet_data(packet);
        size_t off = l3 + (type == htons(ETH_TYPE_IP) ? 16 : 24);
        size_t len = type == htons(ETH_TYPE_IP) ? 4 : 16;

        if (dp_packet_size(packet) < off + len) {
            return active;
        }
        h = 0;
        for (size_t i = 0; i < len; i++) {
            h ^= data[off + i];
        }
    } else {
        h = bond_hash_linux(map->policy, BOND_VLAN_OUT_OF_BAND,
                            dp_packet_data(packet), dp_packet_size(packet));
    }
    size_t tx = (map->tlb_dynamic ? bond_bucket_tx(dev, map, h, packet)
                 : h % map->n_tx);
    if (tx != active) {
        eth->eth_src = map->tx_mac[tx];
    }
    return tx;
}

/* If the neighbour discovery message at 'l4' in 'packet' carries 'old' as
 * its source or target link-layer address, makes it 'new', fixing the
 * checksum. */
static void
nd_rewrite_lla(struct dp_packet *packet, size_t l4, const struct eth_addr old,
               const struct eth_addr new)
{
    uint8_t *data = dp_packet_data(packet);
    size_t size = dp_packet_size(packet);
    size_t opt;

    switch (data[l4]) {
    case ND_ROUTER_SOLICIT: opt = l4 + 8; break;
    case ND_NEIGHBOR_SOLICIT: case ND_NEIGHBOR_ADVERT: opt = l4 + 24; break;
    default: return;
    }
    while (opt + 8 <= size && data[opt + 1]) {
        size_t len = data[opt + 1] * 8;
        if ((data[opt] == ND_OPT_SOURCE_LINKADDR
             || data[opt] == ND_OPT_TARGET_LINKADDR) && len == 8
            && !memcmp(data + opt + 2, &old, ETH_ADDR_LEN)) {
            ovs_be16 csum;

            memcpy(&csum, data + l4 + 2, sizeof csum);
            csum = recalc_csum48(csum, old, new);
            memcpy(data + l4 + 2, &csum, sizeof csum);
            memcpy(data + opt + 2, &new, ETH_ADDR_LEN);
        }
        opt += len;
    }
}

/* fail_over_mac active: 'packet' leaves from the active member's MAC
 * instead of the host's, and so do the ARP and neighbour discovery
 * messages in which the host gives its MAC, so that peers send to the
 * active member's MAC (the receive path gives the host its MAC back). */
static void
bond_fom_tx(const struct bond_map *map, struct dp_packet *packet)
{
    struct eth_header *eth = dp_packet_data(packet);
    struct eth_addr host;
    uint16_t vlan;
    ovs_be16 type;
    size_t l3;

    if (!packet_l3(packet, &type, &l3, &vlan)
        || eth_addr_is_multicast(eth->eth_src)
        || eth_addr_equals(eth->eth_src, map->active_mac)) {
        return;
    }
    host = eth->eth_src;
    eth->eth_src = map->active_mac;
    if (type == htons(ETH_TYPE_ARP)) {
        struct arp_eth_header *arp = packet_arp(packet, l3);
        if (arp && eth_addr_equals(arp->ar_sha, host)) {
            arp->ar_sha = map->active_mac;
        }
    } else if (type == htons(ETH_TYPE_IPV6)
               && dp_packet_size(packet) >= l3 + IPV6_HEADER_LEN + 4) {
        const uint8_t *data = dp_packet_data(packet);
        if (data[l3 + 6] == IPPROTO_ICMPV6) {
            nd_rewrite_lla(packet, l3 + IPV6_HEADER_LEN, host,
                           map->active_mac);
        }
    }
}

/* Returns the index in 'map->tx' of the member that transmits 'packet'.
 * 'map->n_tx' is nonzero. */
static size_t
bond_choose_tx(struct netdev_bond *dev, const struct bond_map *map,
               struct dp_packet *packet)
{
    switch (map->mode) {
    case BOND_MODE_BALANCE_RR: {
        uint64_t n;
        if (!map->packets_per_member) {
            return random_uint32() % map->n_tx;
        }
        atomic_add_relaxed(&dev->tx.rr_counter, 1, &n);
        return (n / map->packets_per_member) % map->n_tx;
    }

    case BOND_MODE_BALANCE_TLB:
    case BOND_MODE_BALANCE_ALB:
        return bond_choose_tlb(dev, map, packet);

    case BOND_MODE_BALANCE_XOR:
    case BOND_MODE_8023AD:
        return bond_hash_linux(map->policy, BOND_VLAN_OUT_OF_BAND,
                               dp_packet_data(packet),
                               dp_packet_size(packet)) % map->n_tx;

    case BOND_MODE_BALANCE_SLB: {
        const struct eth_header *eth = dp_packet_data(packet);
        uint32_t h = (dp_packet_size(packet) >= ETH_HEADER_LEN
                      ? bond_hash_slb(eth->eth_src, packet_vlan(packet),
                                      map->hash_basis)
                      : 0);
        return bond_bucket_tx(dev, map, h, packet);
    }

    case BOND_MODE_BALANCE_TCP: {
        /* The datapath's 5-tuple hash, as lb-output-action uses it. */
        uint32_t h = (dp_packet_rss_valid(packet)
                      ? dp_packet_get_rss_hash(packet)
                      : bond_hash_linux(BOND_XMIT_LAYER34,
                                        BOND_VLAN_OUT_OF_BAND,
                                        dp_packet_data(packet),
                                        dp_packet_size(packet)));
        h = hash_int(h, map->hash_basis);
        return bond_bucket_tx(dev, map, h, packet);
    }

    case BOND_MODE_ACTIVE_BACKUP:
    case BOND_MODE_BROADCAST:
    case N_BOND_MODES:
    default:
        return 0;
    }
}

/* Sends each packet of 'batch' on every member that may transmit. */
static int
bond_send_broadcast(const struct netdev_bond *dev, const struct bond_map *map,
                    int qid, struct dp_packet_batch *batch, bool concurrent)
{
    for (size_t i = 0; i + 1 < map->n_tx; i++) {
        struct dp_packet_batch copy;
        struct dp_packet *packet;

        dp_packet_batch_init(&copy);
        DP_PACKET_BATCH_FOR_EACH (j, packet, batch) {
            dp_packet_batch_add(&copy, dp_packet_clone(packet));
        }
        netdev_bond_member_send(&dev->up, map->tx[i], qid, &copy,
                                concurrent);
    }
    return netdev_bond_member_send(&dev->up, map->tx[map->n_tx - 1], qid,
                                   batch, concurrent);
}

/* Sends 'batch' on the members, as the bond's mode says: the transmit path
 * of the switch's thread, which sends on the bond's queue 'qid' with
 * 'concurrent', or of the bond's transmit thread. */
int
netdev_bond_tx_send_now(struct netdev_bond *dev, int qid,
                        struct dp_packet_batch *batch, bool concurrent)
{
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);
    struct dp_packet *packet;

    if (OVS_UNLIKELY(!map->n_tx)) {
        uint64_t orig;
        atomic_add_relaxed(&dev->tx.dropped, dp_packet_batch_size(batch),
                           &orig);
        dp_packet_delete_batch(batch, true);
        return 0;
    }

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        netdev_bond_announce_learn(dev, packet);
    }

    /* The members own the packets from here on, even on error. */
    if (map->mode == BOND_MODE_ACTIVE_BACKUP) {
        if (OVS_UNLIKELY(!map->active)) {
            dp_packet_delete_batch(batch, true);
            return 0;
        }
        if (OVS_UNLIKELY(map->fom_active)) {
            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                bond_fom_tx(map, packet);
            }
        }
        return netdev_bond_member_send(&dev->up, map->active, qid, batch,
                                       concurrent);
    } else if (map->mode == BOND_MODE_BROADCAST) {
        return bond_send_broadcast(dev, map, qid, batch, concurrent);
    } else if (map->n_tx == 1 && map->mode != BOND_MODE_BALANCE_ALB) {
        return netdev_bond_member_send(&dev->up, map->tx[0], qid, batch,
                                       concurrent);
    }

    /* Splits the batch per member. */
    uint8_t choice[NETDEV_MAX_BURST];
    uint64_t pending = 0;       /* Bit per member with packets. */
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        choice[i] = bond_choose_tx(dev, map, packet);
        pending |= UINT64_C(1) << choice[i];
    }

    int error = 0;
    while (pending) {
        int m = raw_ctz(pending);
        struct dp_packet_batch sub;

        pending &= pending - 1;
        dp_packet_batch_init(&sub);
        DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
            if (choice[i] == m) {
                dp_packet_batch_add(&sub, packet);
            }
        }
        int retval = netdev_bond_member_send(&dev->up, map->tx[m], qid, &sub,
                                             concurrent);
        error = error ? error : retval;
    }
    return error;
}

int
netdev_bond_send(struct netdev *netdev, int qid,
                 struct dp_packet_batch *batch, bool concurrent_txq)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);
    struct bond_tx_thread *txt = map->txt;
    bool queued;

    if (!txt) {
        return netdev_bond_tx_send_now(dev, qid, batch, concurrent_txq);
    }
    if (OVS_UNLIKELY(concurrent_txq)) {
        ovs_mutex_lock(&txt->producer_mutex);
        queued = netdev_bond_tx_thread_enqueue(txt, map->tx_burst, batch);
        ovs_mutex_unlock(&txt->producer_mutex);
    } else {
        queued = netdev_bond_tx_thread_enqueue(txt, map->tx_burst, batch);
    }
    return (queued ? 0
            : netdev_bond_tx_send_now(dev, qid, batch, concurrent_txq));
}
