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

/* Member choice loop for instruction counting under callgrind
 * (utilities/bench/ovs-bond-bench-choose).
 *
 *     bond-bench POLICY N
 *
 * chooses a member among 2 for N frames, cycling through 64 TCP/IPv4
 * frames of different flows, the way lib/netdev-bond.c chooses for the
 * bond mode POLICY stands for: a Linux xmit_hash_policy (balance-xor),
 * "slb" (balance-slb), "rr" (balance-rr) or "ab" (active-backup).  Prints
 * a checksum of the choices so that the loop cannot be optimized away. */

#include <config.h>
#include "ovs-bond-test.h"

#include <stdio.h>
#include <string.h>

#include "bond-hash.h"
#include "packets.h"
#include "util.h"

#define N_FRAMES 64
#define FRAME_SIZE 64

static void
make_frames(uint8_t frames[N_FRAMES][FRAME_SIZE])
{
    for (int i = 0; i < N_FRAMES; i++) {
        uint8_t *f = frames[i];
        memset(f, 0, FRAME_SIZE);
        memcpy(f, "\x50\x54\x00\x00\x00\x02\x50\x54\x00\x00\x00\x01", 12);
        f[11] = i;
        f[12] = 0x08;                       /* IPv4. */
        f[14] = 0x45;
        f[23] = IPPROTO_TCP;
        memcpy(f + 26, "\xc0\x00\x02\x01\xc0\x00\x02\x02", 8);
        f[34] = i;                          /* Source port. */
        f[35] = 7 * i;
        f[37] = 80;
    }
}

int
test_bond_bench_main(int argc, char *argv[])
{
    static uint8_t frames[N_FRAMES][FRAME_SIZE];
    enum bond_xmit_policy policy = BOND_XMIT_LAYER2;
    unsigned long long n, sum = 0, counter = 0;
    const char *mode;

    if (argc != 3 || !str_to_ullong(argv[2], 10, &n)) {
        ovs_fatal(0, "usage: bond-bench POLICY N");
    }
    mode = argv[1];
    if (strcmp(mode, "slb") && strcmp(mode, "rr") && strcmp(mode, "ab")
        && !bond_hash_policy_from_string(mode, &policy)) {
        ovs_fatal(0, "%s: unknown policy", mode);
    }
    make_frames(frames);

    uint8_t buckets[BOND_HASH_BUCKETS];
    for (int i = 0; i < BOND_HASH_BUCKETS; i++) {
        buckets[i] = i % 2;
    }

    enum { AB, RR, SLB, LINUX } kind = (!strcmp(mode, "ab") ? AB
                                        : !strcmp(mode, "rr") ? RR
                                        : !strcmp(mode, "slb") ? SLB
                                        : LINUX);
    for (unsigned long long i = 0; i < n; i++) {
        const uint8_t *f = frames[i % N_FRAMES];
        size_t choice;

        switch (kind) {
        case AB:
            choice = 0;
            break;
        case RR:
            choice = counter++ % 2;
            break;
        case SLB: {
            struct eth_addr src;
            memcpy(&src, f + 6, sizeof src);
            choice = buckets[bond_hash_slb(src, 0, 0) & BOND_HASH_MASK];
            break;
        }
        case LINUX:
        default:
            choice = bond_hash_linux(policy, BOND_VLAN_OUT_OF_BAND, f,
                                     FRAME_SIZE) % 2;
            break;
        }
        sum += choice;
    }
    printf("%llu\n", sum);
    return 0;
}
