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

#include "openvswitch/types.h"

struct eth_addr;
struct flow;

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

uint32_t bond_hash_linux(enum bond_xmit_policy, enum bond_vlan_view,
                         const void *frame, size_t size);
uint32_t bond_hash_fold_ip(uint32_t hash, uint32_t src32, uint32_t dst32,
                           bool l34);

/* Open vSwitch's bond hashes; the bucket is the hash & BOND_HASH_MASK. */
#define BOND_HASH_BUCKETS 256
#define BOND_HASH_MASK (BOND_HASH_BUCKETS - 1)

uint32_t bond_hash_slb(const struct eth_addr src, uint16_t vlan,
                       uint32_t basis);
uint32_t bond_hash_tcp(const struct flow *, uint32_t basis);

#endif /* bond-hash.h */
