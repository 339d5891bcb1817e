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

/* Test of lib/bond-hash.c.
 *
 *     bond-hash fold HASH SRC32 DST32 l23|l34
 *         prints bond_hash_fold_ip() (numbers in C syntax)
 *     bond-hash frame POLICY oob|inband N
 *         reads hex frames, one a line, from stdin; prints for each the
 *         hash and the member index hash % N
 *     bond-hash slb MAC VLAN BASIS
 *         prints the balance-slb hash and its bucket */

#include <config.h>
#include "ovs-bond-test.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bond-hash.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofpbuf.h"
#include "packets.h"
#include "random.h"
#include "util.h"

static uint32_t
parse_u32(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 0);
    if (errno || *end || x > UINT32_MAX) {
        ovs_fatal(0, "%s: bad number", s);
    }
    return x;
}

int
test_bond_hash_main(int argc, char *argv[])
{
    if (argc == 6 && !strcmp(argv[1], "fold")) {
        uint32_t h = bond_hash_fold_ip(parse_u32(argv[2]), parse_u32(argv[3]),
                                       parse_u32(argv[4]),
                                       !strcmp(argv[5], "l34"));
        printf("%"PRIu32"\n", h);
        return 0;
    } else if (argc == 5 && !strcmp(argv[1], "frame")) {
        enum bond_xmit_policy policy;
        if (!bond_hash_policy_from_string(argv[2], &policy)) {
            ovs_fatal(0, "%s: unknown policy", argv[2]);
        }
        enum bond_vlan_view view = (!strcmp(argv[3], "inband")
                                    ? BOND_VLAN_IN_BAND
                                    : BOND_VLAN_OUT_OF_BAND);
        uint32_t n = parse_u32(argv[4]);
        struct ds line = DS_EMPTY_INITIALIZER;
        while (!ds_get_line(&line, stdin)) {
            struct ofpbuf frame;
            ofpbuf_init(&frame, 0);
            if (ofpbuf_put_hex(&frame, ds_cstr(&line), NULL)[0] != '\0') {
                ovs_fatal(0, "bad hex frame: %s", ds_cstr(&line));
            }
            uint32_t h = bond_hash_linux(policy, view, frame.data,
                                         frame.size);
            printf("%"PRIu32" %"PRIu32"\n", h, n ? h % n : 0);
            ofpbuf_uninit(&frame);
        }
        ds_destroy(&line);
        return 0;
    } else if (argc == 5 && !strcmp(argv[1], "slb")) {
        struct eth_addr mac;
        if (!eth_addr_from_string(argv[2], &mac)) {
            ovs_fatal(0, "%s: bad MAC", argv[2]);
        }
        uint32_t h = bond_hash_slb(mac, parse_u32(argv[3]),
                                   parse_u32(argv[4]));
        printf("%"PRIu32" bucket %"PRIu32"\n", h, h & BOND_HASH_MASK);
        return 0;
    } else if (argc == 3 && !strcmp(argv[1], "slb-vs-hash-mac")) {
        /* bond_hash_slb() against Open vSwitch's hash_mac() for N random
         * addresses, VLANs and bases: prints the number that differ. */
        uint32_t n = parse_u32(argv[2]), differ = 0;
        for (uint32_t i = 0; i < n; i++) {
            struct eth_addr mac;
            random_bytes(&mac, sizeof mac);
            uint16_t vlan = random_uint32() & 0xfff;
            uint32_t basis = i % 3 ? random_uint32() : 0;
            differ += (bond_hash_slb(mac, vlan, basis)
                       != hash_mac(mac, vlan, basis));
        }
        printf("%"PRIu32" of %"PRIu32" differ\n", differ, n);
        return 0;
    }
    ovs_fatal(0, "usage: bond-hash fold|frame|slb ... (see test-bond-hash.c)");
}
