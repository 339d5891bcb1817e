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

#include <config.h>
#include "bond-arpmon.h"

#include <limits.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <string.h>

#include "unaligned.h"
#include "util.h"

static bool
is_own_mac(const uint8_t *mac, const struct eth_addr *own, size_t n_own)
{
    for (size_t i = 0; i < n_own; i++) {
        if (!memcmp(mac, &own[i], ETH_ADDR_LEN)) {
            return true;
        }
    }
    return false;
}

/* Classifies the Ethernet 'frame' ('size' bytes) for the monitor of bond
 * settings 's'.  'own_macs' are the MACs that the bond's probes come from.
 * For BOND_ARPMON_REPLY and BOND_ARPMON_REQUEST, stores the target's index
 * (IPv4 targets first, then IPv6) in '*target'.  Reads no more than 'size'
 * bytes whatever the frame says. */
enum bond_arpmon_kind
bond_arpmon_classify(const struct bond_settings *s, const void *frame,
                     size_t size, const struct eth_addr *own_macs,
                     size_t n_own, int *target)
{
    const uint8_t *p = frame;
    size_t l3 = ETH_HEADER_LEN;

    *target = -1;
    if (size < ETH_HEADER_LEN) {
        return BOND_ARPMON_OTHER;
    }
    uint16_t type = (p[12] << 8) | p[13];
    if (type == ETH_TYPE_VLAN && size >= ETH_HEADER_LEN + VLAN_HEADER_LEN) {
        type = (p[16] << 8) | p[17];
        l3 += VLAN_HEADER_LEN;
    }

    if (type == ETH_TYPE_ARP) {
        if (size < l3 + ARP_ETH_HEADER_LEN) {
            return BOND_ARPMON_OTHER;
        }
        const uint8_t *arp = p + l3;
        uint16_t op = (arp[6] << 8) | arp[7];
        const uint8_t *sha = arp + 8;
        ovs_be32 spa = get_unaligned_be32((const ovs_be32 *) (arp + 14));
        ovs_be32 tpa = get_unaligned_be32((const ovs_be32 *) (arp + 24));

        for (size_t i = 0; i < s->n_arp_targets; i++) {
            if (op == ARP_OP_REPLY && spa == s->arp_targets[i]) {
                *target = i;
                return BOND_ARPMON_REPLY;
            }
            if (op == ARP_OP_REQUEST && tpa == s->arp_targets[i]
                && is_own_mac(sha, own_macs, n_own)) {
                *target = i;
                return BOND_ARPMON_REQUEST;
            }
        }
        return BOND_ARPMON_ARP;
    }

    if (type == ETH_TYPE_IPV6) {
        /* ICMPv6 right after the fixed header, as neighbour discovery
         * always is. */
        if (size < l3 + IPV6_HEADER_LEN + 8 + sizeof(struct in6_addr)
            || p[l3 + 6] != IPPROTO_ICMPV6) {
            return BOND_ARPMON_OTHER;
        }
        uint8_t icmp_type = p[l3 + IPV6_HEADER_LEN];
        if (icmp_type != ND_NEIGHBOR_SOLICIT
            && icmp_type != ND_NEIGHBOR_ADVERT) {
            return BOND_ARPMON_OTHER;
        }
        const uint8_t *nd_target = p + l3 + IPV6_HEADER_LEN + 8;
        for (size_t i = 0; i < s->n_ns_targets; i++) {
            if (memcmp(nd_target, &s->ns_targets[i], 16)) {
                continue;
            }
            *target = s->n_arp_targets + i;
            if (icmp_type == ND_NEIGHBOR_ADVERT) {
                return BOND_ARPMON_REPLY;
            }
            if (is_own_mac(p + 6, own_macs, n_own)) {
                return BOND_ARPMON_REQUEST;
            }
            *target = -1;
            break;
        }
        return BOND_ARPMON_ARP;
    }
    return BOND_ARPMON_OTHER;
}

/* Returns true if arp_validate 'v' validates members of this role. */
static bool
validates(enum bond_arp_validate v, bool active)
{
    switch (v) {
    case BOND_ARP_VALIDATE_NONE:
    case BOND_ARP_VALIDATE_FILTER:
        return false;
    case BOND_ARP_VALIDATE_ACTIVE:
    case BOND_ARP_VALIDATE_FILTER_ACTIVE:
        return active;
    case BOND_ARP_VALIDATE_BACKUP:
    case BOND_ARP_VALIDATE_FILTER_BACKUP:
        return !active;
    case BOND_ARP_VALIDATE_ALL:
        return true;
    default:
        OVS_NOT_REACHED();
    }
}

/* Returns true if arp_validate 'v' ignores all but ARP. */
static bool
filters(enum bond_arp_validate v)
{
    return (v == BOND_ARP_VALIDATE_FILTER
            || v == BOND_ARP_VALIDATE_FILTER_ACTIVE
            || v == BOND_ARP_VALIDATE_FILTER_BACKUP);
}

/* Starts 'm' afresh at 'now': alive for the first window. */
void
bond_arpmon_reset(struct bond_arpmon_member *m, long long int now)
{
    m->last_rx = now;
    for (size_t i = 0; i < ARRAY_SIZE(m->target_rx); i++) {
        m->target_rx[i] = now;
    }
}

/* Records that a frame of 'kind' (about target 'target') arrived on member
 * 'm', whose role is 'active' or backup, at 'now'. */
void
bond_arpmon_rx(const struct bond_settings *s, struct bond_arpmon_member *m,
               bool active, enum bond_arpmon_kind kind, int target,
               long long int now)
{
    bool counts;

    if (validates(s->arp_validate, active)) {
        /* The active member needs a target's answer; a backup may also
         * see the bond's own request come back through the switch. */
        counts = (kind == BOND_ARPMON_REPLY
                  || (kind == BOND_ARPMON_REQUEST && !active));
    } else if (filters(s->arp_validate)) {
        counts = kind != BOND_ARPMON_OTHER;
    } else {
        counts = true;
    }
    if (!counts) {
        return;
    }
    m->last_rx = now;
    if (target >= 0 && (size_t) target < ARRAY_SIZE(m->target_rx)
        && (kind == BOND_ARPMON_REPLY || kind == BOND_ARPMON_REQUEST)) {
        m->target_rx[target] = now;
    }
}

/* Returns the time of the last proof of life of 'm' that counts: with
 * arp_all_targets=all on a validated member, the oldest of its targets'
 * answers. */
long long int
bond_arpmon_last_proof(const struct bond_settings *s,
                       const struct bond_arpmon_member *m, bool active)
{
    if (s->arp_all_targets && validates(s->arp_validate, active)) {
        long long int oldest = LLONG_MAX;
        size_t n = s->n_arp_targets + s->n_ns_targets;
        for (size_t i = 0; i < n; i++) {
            oldest = MIN(oldest, m->target_rx[i]);
        }
        return n ? oldest : m->last_rx;
    }
    return m->last_rx;
}

/* Returns true if member 'm' (active, or a backup) is alive at 'now'.  A
 * member that 'was_alive' stays so while it had proof of life within
 * arp_missed_max intervals (one more for a backup); one that was not comes
 * back only with proof within the last interval, as in Linux, so that a
 * dead member does not flap when its role changes. */
bool
bond_arpmon_alive(const struct bond_settings *s,
                  const struct bond_arpmon_member *m, bool active,
                  bool was_alive, long long int now)
{
    long long int window = ((long long int) s->arp_interval
                            * (was_alive ? s->arp_missed_max + !active : 1));
    return now - bond_arpmon_last_proof(s, m, active) <= window;
}
