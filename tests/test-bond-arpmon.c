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

/* Script-driven test of lib/bond-arpmon.c with a fake clock and real
 * frames.  Commands, one a line:
 *
 *     config KEY=VALUE...      bond other_config keys (bond-arp-interval,
 *                              bond-arp-ip-target, ...), parsed by
 *                              bond-config for a bond of members a and b;
 *                              resets both members' times
 *     role NAME active|backup
 *     rx NAME WHAT ADDR        at the current time, member NAME receives:
 *                              reply ADDR (ARP reply from ADDR),
 *                              request ADDR (our own ARP request for ADDR),
 *                              foreign ADDR (someone else's request),
 *                              na ADDR / ns ADDR (IPv6, ns from us),
 *                              arp ADDR (an unrelated ARP request), or
 *                              ip ADDR (an IPv4 frame, not ARP)
 *     at MS                    set the clock
 *     show                     each member: alive or down, last proof
 *
 * Every command echoes itself first. */

#include <config.h>
#include "ovs-bond-test.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bond-arpmon.h"
#include "bond-config.h"
#include "dp-packet.h"
#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "svec.h"
#include "util.h"

static const struct eth_addr own_mac = ETH_ADDR_C(02, 00, 00, 00, 00, 01);
static const struct eth_addr target_mac = ETH_ADDR_C(02, 00, 00, 00, 00, 99);
static const struct eth_addr other_mac = ETH_ADDR_C(02, 00, 00, 00, 00, 77);

/* Builds the frame that "rx" describes into 'p'.  Returns false if 'what'
 * or 'addr' is bad. */
static bool
build_frame(struct dp_packet *p, const char *what, const char *addr)
{
    ovs_be32 ip4, host = htonl(0xc0000264);     /* 192.0.2.100 */
    struct in6_addr ip6, host6;

    inet_pton(AF_INET6, "2001:db8::64", &host6);
    if (!strcmp(what, "na") || !strcmp(what, "ns")) {
        if (inet_pton(AF_INET6, addr, &ip6) != 1) {
            return false;
        }
        if (!strcmp(what, "ns")) {
            compose_nd_ns(p, own_mac, &host6, &ip6);
        } else {
            compose_nd_na(p, target_mac, own_mac, &ip6, &host6,
                          htonl(ND_RSO_SOLICITED));
        }
        return true;
    }
    if (!ip_parse(addr, &ip4)) {
        return false;
    }
    if (!strcmp(what, "reply")) {
        compose_arp(p, ARP_OP_REPLY, target_mac, own_mac, false, ip4, host);
    } else if (!strcmp(what, "request")) {
        compose_arp(p, ARP_OP_REQUEST, own_mac, eth_addr_zero, true, host,
                    ip4);
    } else if (!strcmp(what, "foreign")) {
        compose_arp(p, ARP_OP_REQUEST, other_mac, eth_addr_zero, true,
                    htonl(0xc0000205), ip4);
    } else if (!strcmp(what, "arp")) {
        compose_arp(p, ARP_OP_REQUEST, other_mac, eth_addr_zero, true, ip4,
                    htonl(0xc00002fe));
    } else if (!strcmp(what, "ip")) {
        /* Any non-ARP frame: an ARP frame with another ethertype. */
        compose_arp(p, ARP_OP_REPLY, target_mac, own_mac, false, ip4, host);
        struct eth_header *eth = dp_packet_eth(p);
        eth->eth_type = htons(ETH_TYPE_IP);
    } else {
        return false;
    }
    return true;
}

static const char *kinds[] = { "other", "arp", "reply", "request" };

int
test_bond_arpmon_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    char *names[2] = { "a", "b" };
    struct bond_arpmon_member m[2];
    bool active[2] = { true, false };
    bool was_alive[2] = { true, true };
    struct ds line = DS_EMPTY_INITIALIZER;
    struct bond_settings s;
    long long int now = 0;
    int status = 0;

    bond_config_init(&s);
    bond_arpmon_reset(&m[0], now);
    bond_arpmon_reset(&m[1], now);
    struct svec words;
    while (ovs_bond_test_next_command(&line, &words)) {

        const char *cmd = words.names[0];
        int idx = (words.n > 1 && !strcmp(words.names[1], "a") ? 0
                   : words.n > 1 && !strcmp(words.names[1], "b") ? 1 : -1);
        bool ok = true;
        if (!strcmp(cmd, "config")) {
            struct smap cfg = SMAP_INITIALIZER(&cfg);
            for (size_t i = 1; i < words.n; i++) {
                char *eq = strchr(words.names[i], '=');
                if (eq) {
                    *eq = '\0';
                    smap_replace(&cfg, words.names[i], eq + 1);
                }
            }
            bond_config_destroy(&s);
            bond_config_init(&s);
            char *error = bond_config_parse(&cfg, "bond0", names, 2, &s);
            if (error) {
                printf("  error: %s\n", error);
                free(error);
            }
            smap_destroy(&cfg);
            bond_arpmon_reset(&m[0], now);
            bond_arpmon_reset(&m[1], now);
            was_alive[0] = was_alive[1] = true;
        } else if (!strcmp(cmd, "role") && idx >= 0 && words.n == 3) {
            active[idx] = !strcmp(words.names[2], "active");
        } else if (!strcmp(cmd, "rx") && idx >= 0 && words.n == 4) {
            struct dp_packet *p = dp_packet_new(0);
            int target;
            ok = build_frame(p, words.names[2], words.names[3]);
            if (ok) {
                enum bond_arpmon_kind kind = bond_arpmon_classify(
                    &s, dp_packet_data(p), dp_packet_size(p), &own_mac, 1,
                    &target);
                printf("  %s, target %d\n", kinds[kind], target);
                bond_arpmon_rx(&s, &m[idx], active[idx], kind, target, now);
            }
            dp_packet_delete(p);
        } else if (!strcmp(cmd, "at") && words.n == 2) {
            now = atoll(words.names[1]);
        } else if (!strcmp(cmd, "show")) {
            for (int i = 0; i < 2; i++) {
                bool alive = bond_arpmon_alive(&s, &m[i], active[i],
                                               was_alive[i], now);
                printf("  %s (%s): %s, last proof %lld\n", names[i],
                       active[i] ? "active" : "backup",
                       alive ? "alive" : "down",
                       bond_arpmon_last_proof(&s, &m[i], active[i]));
                was_alive[i] = alive;
            }
        } else {
            ok = false;
        }
        status |= ovs_bond_test_end_command(ok, &words);
    }
    bond_config_destroy(&s);
    ds_destroy(&line);
    return status;
}
