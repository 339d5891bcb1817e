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

#ifndef BOND_HASH_H
#define BOND_HASH_H 1

/* Transmit hash functions: Linux bonding's xmit_hash_policy, bit for bit,
 * and Open vSwitch's balance-slb and balance-tcp hashes.
 *
 * The Linux functions take a raw Ethernet frame.  With the same frame and
 * the same ordered list of usable members, 'hash % n_members' picks the
 * member that the Linux driver picks.  Pure: no I/O, no state. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "byte-order.h"
#include "hash.h"
#include "openvswitch/types.h"

struct eth_addr;

/* Linux's xmit_hash_policy values (the numbers are Linux's). */
#define BOND_XMIT_POLICIES                              \
    BOND_XMIT_POLICY(LAYER2, "layer2", 0)               \
    BOND_XMIT_POLICY(LAYER34, "layer3+4", 1)            \
    BOND_XMIT_POLICY(LAYER23, "layer2+3", 2)            \
    BOND_XMIT_POLICY(ENCAP23, "encap2+3", 3)            \
    BOND_XMIT_POLICY(ENCAP34, "encap3+4", 4)            \
    BOND_XMIT_POLICY(VLAN_SRCMAC, "vlan+srcmac", 5)

enum bond_xmit_policy {
#define BOND_XMIT_POLICY(ENUM, NAME, VALUE) BOND_XMIT_##ENUM = VALUE,
    BOND_XMIT_POLICIES
#undef BOND_XMIT_POLICY
};

const char *bond_hash_policy_name(enum bond_xmit_policy);
bool bond_hash_policy_from_string(const char *, enum bond_xmit_policy *);

/* How a frame's first 802.1Q or 802.1ad tag is seen.  Linux hashes frames
 * whose tag the device accelerates ("out of band", as for a VLAN interface
 * on the bond) differently from frames that carry it in the data. */
enum bond_vlan_view {
    BOND_VLAN_OUT_OF_BAND,      /* First tag stripped, TCI known. */
    BOND_VLAN_IN_BAND           /* Tag is part of the data. */
};

uint32_t bond_hash_linux__(enum bond_xmit_policy, enum bond_vlan_view,
                           const void *frame, size_t size);

/* The IP part of the Linux hash (bond_ip_hash()): folds the addresses
 * 'src32' and 'dst32' (host-order loads of the header words) into 'hash';
 * with 'l34' drops the lowest bit. */
static inline uint32_t
bond_hash_fold_ip(uint32_t hash, uint32_t src32, uint32_t dst32, bool l34)
{
    hash ^= dst32 ^ src32;
    hash ^= hash >> 16;
    hash ^= hash >> 8;
    return l34 ? hash >> 1 : hash;
}

/* Returns the Linux bonding transmit hash of the 'size'-byte Ethernet frame
 * 'frame' under 'policy' (see bond_hash_linux__()).  Untagged IPv4 (TCP and
 * UDP for layer3+4) is hashed here, inline, on the packet path; everything
 * else by bond_hash_linux__(). */
static inline uint32_t
bond_hash_linux(enum bond_xmit_policy policy, enum bond_vlan_view view,
                const void *frame, size_t size)
{
    const uint8_t *p = frame;

    if (policy == BOND_XMIT_VLAN_SRCMAC && size >= 14
        && !(p[12] == 0x81 && p[13] == 0x00)
        && !(p[12] == 0x88 && p[13] == 0xa8)) {
        /* Untagged: no TCI. */
        return (((p[6] << 16) | (p[7] << 8) | p[8])
                ^ ((p[9] << 16) | (p[10] << 8) | p[11]));
    }
    if (size >= 14 + 20 + 4 && p[12] == 0x08 && p[13] == 0x00
        && p[14] == 0x45) {
        uint32_t eth_hash = p[5] ^ p[11] ^ 0x0800;
        uint32_t src32, dst32, ports;
        bool frag = (p[20] & 0x3f) || p[21];

        memcpy(&src32, p + 26, 4);
        memcpy(&dst32, p + 30, 4);
        switch (policy) {
        case BOND_XMIT_LAYER2:
            return eth_hash;
        case BOND_XMIT_LAYER23:
            if (frag || p[23] != 1 /* ICMP errors quote a packet. */) {
                return bond_hash_fold_ip(eth_hash, src32, dst32, false);
            }
            break;
        case BOND_XMIT_LAYER34:
            if (frag) {
                return bond_hash_fold_ip(0, src32, dst32, true);
            } else if (p[23] == 6 || p[23] == 17) {    /* TCP, UDP. */
                memcpy(&ports, p + 34, 4);
                return bond_hash_fold_ip(ports, src32, dst32, true);
            }
            break;
        case BOND_XMIT_ENCAP23:
        case BOND_XMIT_ENCAP34:
            /* TCP or UDP is no tunnel the kernel's dissector looks into:
             * hashed as layer2+3 and layer3+4 are. */
            if (!frag && (p[23] == 6 || p[23] == 17)) {
                if (policy == BOND_XMIT_ENCAP23) {
                    return bond_hash_fold_ip(eth_hash, src32, dst32, false);
                }
                memcpy(&ports, p + 34, 4);
                return bond_hash_fold_ip(ports, src32, dst32, true);
            }
            break;
        case BOND_XMIT_VLAN_SRCMAC:
        default:
            break;
        }
    }
    return bond_hash_linux__(policy, view, frame, size);
}

/* Open vSwitch's bond hashes; the bucket is the hash & BOND_HASH_MASK. */
#define BOND_HASH_BUCKETS 256
#define BOND_HASH_MASK (BOND_HASH_BUCKETS - 1)

/* Open vSwitch's balance-slb hash of a source MAC and VLAN: hash_mac(),
 * inline, with the address read in place of eth_addr_to_uint64()'s call. */
static inline uint32_t
bond_hash_slb(const struct eth_addr src, uint16_t vlan, uint32_t basis)
{
    uint64_t x = ((uint64_t) vlan << 48
                  | (uint64_t) ntohs(src.be16[0]) << 32
                  | (uint64_t) ntohs(src.be16[1]) << 16
                  | ntohs(src.be16[2]));
    return hash_uint64_basis(x, basis);
}

#endif /* bond-hash.h */
