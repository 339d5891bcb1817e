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

/* Test of lib/bond-mcast.c:
 *
 *     ovs-bond-test bond-mcast igmp|mld MAC VLAN
 *
 * prints the general query that a bond whose active member has MAC sends
 * on VLAN (0 for none), in hex, then whether each checksum in it verifies,
 * computed here independently of the code under test. */

#include <config.h>
#include "ovs-bond-test.h"

#include <stdio.h>
#include <string.h>

#include "bond-mcast.h"
#include "dp-packet.h"
#include "packets.h"
#include "util.h"

/* One's complement sum of 'n' bytes at 'p', folded to 16 bits. */
static uint32_t
sum16(const uint8_t *p, size_t n, uint32_t sum)
{
    for (size_t i = 0; i + 1 < n; i += 2) {
        sum += (p[i] << 8) | p[i + 1];
    }
    if (n % 2) {
        sum += p[n - 1] << 8;
    }
    return sum;
}

static bool
verifies(uint32_t sum)
{
    while (sum >> 16) {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return sum == 0xffff;
}

int
test_bond_mcast_main(int argc, char *argv[])
{
    struct eth_addr mac;
    bool igmp;

    if (argc != 4 || (strcmp(argv[1], "igmp") && strcmp(argv[1], "mld"))
        || !eth_addr_from_string(argv[2], &mac)) {
        ovs_fatal(0, "usage: bond-mcast igmp|mld MAC VLAN");
    }
    igmp = !strcmp(argv[1], "igmp");

    struct dp_packet *packet = dp_packet_new(0);
    uint16_t vlan = atoi(argv[3]);
    if (igmp) {
        bond_mcast_compose_igmp_query(packet, mac, vlan);
    } else {
        bond_mcast_compose_mld_query(packet, mac, vlan);
    }

    const uint8_t *p = dp_packet_data(packet);
    size_t size = dp_packet_size(packet);
    for (size_t i = 0; i < size; i++) {
        printf("%02x", p[i]);
    }
    putchar('\n');

    size_t l3 = ETH_HEADER_LEN + (vlan ? VLAN_HEADER_LEN : 0);
    if (igmp) {
        size_t ihl = (p[l3] & 0x0f) * 4;
        printf("ip checksum %s, igmp checksum %s\n",
               verifies(sum16(p + l3, ihl, 0)) ? "ok" : "bad",
               verifies(sum16(p + l3 + ihl, size - l3 - ihl, 0))
               ? "ok" : "bad");
    } else {
        size_t icmp = l3 + IPV6_HEADER_LEN + 8;
        size_t len = size - icmp;
        uint32_t sum = sum16(p + l3 + 8, 32, 0);  /* Addresses. */
        sum += len + IPPROTO_ICMPV6;
        printf("icmpv6 checksum %s\n",
               verifies(sum16(p + icmp, len, sum)) ? "ok" : "bad");
    }
    dp_packet_delete(packet);
    return 0;
}
