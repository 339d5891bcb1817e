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

#ifndef BOND_ALB_H
#define BOND_ALB_H 1

/* balance-alb's receive load balancing, pure.
 *
 * A switch with no aggregation learns each MAC on one port, so traffic
 * towards the host arrives on the member that carries the host's MAC.  To
 * spread it, the bond tells each IPv4 peer a different member's MAC for the
 * host's address: ARP replies that the host sends are rewritten so that the
 * peer learns the MAC of the member assigned to it, and the bond sends ARP
 * updates when the assignment changes.  Frames that arrive addressed to a
 * member's MAC are handed to the host with its own MAC again.
 *
 * This module keeps the table of peers (bounded, expiring), assigns them to
 * members round-robin over the usable members with the most capacity, and
 * says which updates are due.  A peer assigned to the active member is told
 * the host's own MAC, which the active member carries; a peer assigned to
 * another member is told that member's MAC.  It reads no clock and sends
 * nothing: lib/netdev-bond.c rewrites and sends the frames, and
 * tests/test-bond-alb.c drives it with a fake clock. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bond-config.h"
#include "openvswitch/types.h"
#include "packets.h"

#define BOND_ALB_MAX_PEERS 256        /* Peers remembered; the oldest goes. */
#define BOND_ALB_PEER_AGE 300000      /* ms without ARP before a peer is
                                       * forgotten. */
#define BOND_ALB_UPDATE_DELAY 2000    /* ms after the host's own ARP request
                                       * before peers are told again
                                       * (Linux's RLB_UPDATE_DELAY). */
#define BOND_ALB_UPDATE_COPIES 3      /* ARP replies per update (Linux's
                                       * RLB_UPDATE_RETRY). */

/* The ARP fields that the table looks at.  Addresses in network order. */
struct bond_alb_arp {
    struct eth_addr sha;
    ovs_be32 spa;
    struct eth_addr tha;
    ovs_be32 tpa;
    uint16_t vlan;
};

/* What the bond knows of one member. */
struct bond_alb_member {
    bool usable;                /* May carry traffic. */
    uint64_t speed;             /* bit/s, 0 if unknown. */
    struct eth_addr mac;        /* Its own MAC. */
};

struct bond_alb_peer {
    ovs_be32 ip;                /* The peer. */
    struct eth_addr mac;        /* Zero until known. */
    ovs_be32 host_ip;           /* The host address it talks to. */
    struct eth_addr host_mac;
    uint16_t vlan;
    int member;                 /* Assigned member, or -1. */
    struct eth_addr told;       /* The MAC the peer has for 'host_ip'. */
    bool update;                /* An update is due at 'update_at'. */
    long long int update_at;
    long long int last_seen;    /* Last ARP that concerned it. */
};

/* An ARP reply to send, BOND_ALB_UPDATE_COPIES times, on 'member': from
 * 'mac' (for 'host_ip') to the peer. */
struct bond_alb_update {
    int member;
    struct eth_addr mac;
    ovs_be32 host_ip;
    struct eth_addr peer_mac;
    ovs_be32 peer_ip;
    uint16_t vlan;
};

/* A copy of the table and its counters, for bond/show-alb. */
struct bond_alb_report {
    struct bond_alb_peer *peers;        /* Owned by the report. */
    size_t n_peers;
    size_t n_members;
    size_t member_peers[BOND_MAX_MEMBERS]; /* Peers assigned to each. */
    uint64_t n_assigned;        /* Assignments, first or again. */
    uint64_t n_updates;         /* Updates handed out. */
    uint64_t n_evicted;         /* Peers dropped because the table was
                                 * full. */
    uint64_t n_expired;         /* Peers forgotten after
                                 * BOND_ALB_PEER_AGE. */
};

struct bond_alb *bond_alb_create(void);
void bond_alb_destroy(struct bond_alb *);
void bond_alb_set_members(struct bond_alb *, const struct bond_alb_member *,
                          size_t n, int active, long long int now);
int bond_alb_host_reply(struct bond_alb *, const struct bond_alb_arp *,
                        long long int now, struct eth_addr *sha);
void bond_alb_host_request(struct bond_alb *, const struct bond_alb_arp *,
                           long long int now);
void bond_alb_peer_arp(struct bond_alb *, const struct bond_alb_arp *,
                       long long int now);
size_t bond_alb_run(struct bond_alb *, long long int now,
                    struct bond_alb_update *, size_t max);
long long int bond_alb_wake_time(const struct bond_alb *);
struct bond_alb_report *bond_alb_report_create(const struct bond_alb *);
void bond_alb_report_destroy(struct bond_alb_report *);

#endif /* bond-alb.h */
