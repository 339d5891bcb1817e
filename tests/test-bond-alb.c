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

/* Script-driven test of lib/bond-alb.c with a fake clock.  Member i (a, b,
 * c, ...) has MAC 02:00:00:00:00:0<i+1>; the host has 02:00:00:00:00:64;
 * peer 192.0.2.N has 02:00:00:00:01:N.  Commands, one a line:
 *
 *     members NAME:up|down[:MBPS]... active NAME|none
 *     at MS                    set the clock
 *     reply PEER HOST          the host answers PEER's ARP request for HOST
 *     request PEER HOST        the host asks for PEER from HOST
 *     peer PEER                PEER's ARP arrives from the network
 *     fill N                   the host answers N peers 10.0.x.y
 *     run                      expires peers, prints the updates due
 *     show                     the table and the counters
 *
 * Every command echoes itself first. */

#include <config.h>
#include "ovs-bond-test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bond-alb.h"
#include "openvswitch/dynamic-string.h"
#include "packets.h"
#include "svec.h"
#include "util.h"

static const struct eth_addr host_mac = ETH_ADDR_C(02, 00, 00, 00, 00, 64);

static struct eth_addr
peer_mac(ovs_be32 ip)
{
    uint32_t h = ntohl(ip);
    struct eth_addr mac = ETH_ADDR_C(02, 00, 00, 01, 00, 00);

    mac.ea[4] = h >> 8;
    mac.ea[5] = h;
    return mac;
}

static const char *
member_name(int i)
{
    static const char *names[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
    return i < 0 ? "none" : i < 8 ? names[i] : "?";
}

static bool
parse_arp(const struct svec *w, struct bond_alb_arp *arp, bool with_tha)
{
    memset(arp, 0, sizeof *arp);
    if (w->n != 3 || !ip_parse(w->names[1], &arp->tpa)
        || !ip_parse(w->names[2], &arp->spa)) {
        return false;
    }
    arp->sha = host_mac;
    if (with_tha) {
        arp->tha = peer_mac(arp->tpa);
    }
    return true;
}

static void
show(const struct bond_alb *alb)
{
    struct bond_alb_report *r = bond_alb_report_create(alb);

    for (size_t i = 0; i < r->n_peers; i++) {
        const struct bond_alb_peer *p = &r->peers[i];
        printf("  "IP_FMT" ("ETH_ADDR_FMT") of "IP_FMT" on %s, told "
               ETH_ADDR_FMT, IP_ARGS(p->ip), ETH_ADDR_ARGS(p->mac),
               IP_ARGS(p->host_ip), member_name(p->member),
               ETH_ADDR_ARGS(p->told));
        if (p->update) {
            printf(", update at %lld", p->update_at);
        }
        printf(", seen %lld\n", p->last_seen);
    }
    printf("  peers %"PRIuSIZE", per member", r->n_peers);
    for (size_t i = 0; i < r->n_members; i++) {
        printf(" %s=%"PRIuSIZE, member_name(i), r->member_peers[i]);
    }
    printf("; assigned %"PRIu64", updates %"PRIu64", evicted %"PRIu64
           ", expired %"PRIu64"\n", r->n_assigned, r->n_updates,
           r->n_evicted, r->n_expired);
    bond_alb_report_destroy(r);
}

static bool
set_members(struct bond_alb *alb, const struct svec *w, long long int now)
{
    struct bond_alb_member members[BOND_MAX_MEMBERS];
    int active = -1;
    size_t n = 0;

    for (size_t i = 1; i < w->n; i++) {
        const char *word = w->names[i];

        if (!strcmp(word, "active") && i + 1 < w->n) {
            const char *name = w->names[++i];
            for (int j = 0; j < 8; j++) {
                if (!strcmp(name, member_name(j))) {
                    active = j;
                }
            }
            continue;
        }
        if (n >= 8) {
            return false;
        }
        struct bond_alb_member *m = &members[n];
        char state[8];
        int mbps = 1000;
        if (sscanf(word, "%*[a-z]:%7[a-z]:%d", state, &mbps) < 1) {
            return false;
        }
        m->usable = !strcmp(state, "up");
        m->speed = (uint64_t) mbps * 1000000;
        m->mac = (struct eth_addr) ETH_ADDR_C(02, 00, 00, 00, 00, 00);
        m->mac.ea[5] = n + 1;
        n++;
    }
    bond_alb_set_members(alb, members, n, active, now);
    return true;
}

int
test_bond_alb_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct bond_alb *alb = bond_alb_create();
    struct ds line = DS_EMPTY_INITIALIZER;
    long long int now = 0;
    struct svec words;
    int status = 0;

    while (ovs_bond_test_next_command(&line, &words)) {
        const char *cmd = words.names[0];
        struct bond_alb_arp arp;
        bool ok = true;

        if (!strcmp(cmd, "members")) {
            ok = set_members(alb, &words, now);
        } else if (!strcmp(cmd, "at") && words.n == 2) {
            now = atoll(words.names[1]);
        } else if (!strcmp(cmd, "reply") && parse_arp(&words, &arp, true)) {
            struct eth_addr sha;
            int m = bond_alb_host_reply(alb, &arp, now, &sha);
            printf("  on %s, sender "ETH_ADDR_FMT"\n", member_name(m),
                   ETH_ADDR_ARGS(sha));
        } else if (!strcmp(cmd, "request")
                   && parse_arp(&words, &arp, false)) {
            bond_alb_host_request(alb, &arp, now);
        } else if (!strcmp(cmd, "peer") && words.n == 2) {
            memset(&arp, 0, sizeof arp);
            ok = ip_parse(words.names[1], &arp.spa);
            arp.sha = peer_mac(arp.spa);
            arp.tpa = htonl(0xc0000264);
            bond_alb_peer_arp(alb, &arp, now);
        } else if (!strcmp(cmd, "fill") && words.n == 2) {
            int n = atoi(words.names[1]);
            for (int i = 0; i < n; i++) {
                struct eth_addr sha;
                memset(&arp, 0, sizeof arp);
                arp.sha = host_mac;
                arp.spa = htonl(0xc0000264);
                arp.tpa = htonl(0x0a000000 + i + 1);
                arp.tha = peer_mac(arp.tpa);
                bond_alb_host_reply(alb, &arp, now, &sha);
            }
        } else if (!strcmp(cmd, "run")) {
            struct bond_alb_update u[BOND_ALB_MAX_PEERS];
            size_t n = bond_alb_run(alb, now, u, ARRAY_SIZE(u));
            for (size_t i = 0; i < n; i++) {
                printf("  update on %s: tell "IP_FMT" ("ETH_ADDR_FMT") "
                       IP_FMT" is at "ETH_ADDR_FMT"\n",
                       member_name(u[i].member), IP_ARGS(u[i].peer_ip),
                       ETH_ADDR_ARGS(u[i].peer_mac), IP_ARGS(u[i].host_ip),
                       ETH_ADDR_ARGS(u[i].mac));
            }
            long long int wake = bond_alb_wake_time(alb);
            if (wake != LLONG_MAX) {
                printf("  next at %lld\n", wake);
            }
        } else if (!strcmp(cmd, "show")) {
            show(alb);
        } else {
            ok = false;
        }
        status |= ovs_bond_test_end_command(ok, &words);
    }
    free(alb);
    ds_destroy(&line);
    return status;
}
