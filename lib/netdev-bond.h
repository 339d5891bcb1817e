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

#ifndef NETDEV_BOND_H
#define NETDEV_BOND_H 1

/* The "bond" and "bond-pmd" netdev classes.
 *
 * A bond netdev aggregates several member netdevs (of any type) into one
 * device that a datapath sees as a single port.  Its configuration
 * (netdev_set_config()) names the members:
 *
 *     members=NAME[:TYPE][,NAME[:TYPE]]...
 *
 * where TYPE is the member's netdev type ("system" if omitted).
 *
 * The main thread polls a "bond", PMD threads a "bond-pmd", as its
 * members: netdev_bond_type_for() tells which a bond needs. */

#include <stdbool.h>
#include <stdint.h>

#include "bond-config.h"
#include "bond-hash.h"
#include "bond-state.h"
#include "lacp-fsm.h"
#include "openvswitch/netdev.h"
#include "openvswitch/types.h"
#include "packets.h"

struct netdev;
struct smap;
struct svec;

void netdev_bond_register(void);
bool netdev_bond_is_bond(const struct netdev *);
const char *netdev_bond_type_for(const char *member, const char *type);

struct netdev *netdev_bond_ref_member(const struct netdev *,
                                      const char *member);
char *netdev_bond_get_member_error(const struct netdev *, const char *member);
bool netdev_bond_needs_retry(const struct netdev *);
bool netdev_bond_get_member_status(const struct netdev *, const char *member,
                                   struct smap *);
char *netdev_bond_get_active_member(const struct netdev *);
uint64_t netdev_bond_get_speed(const struct netdev *);
bool netdev_bond_get_member_resets(const struct netdev *, const char *name,
                                   long long int *resets);
bool netdev_bond_get_member_lacp(const struct netdev *, const char *member,
                                 bool *current);

/* A snapshot of a bond, for status reports (lib/bond-unixctl.c). */
struct netdev_bond_report_member {
    char *name;
    struct eth_addr mac;        /* The member's own MAC. */
    enum bond_link link;
    long long int delay_left;   /* ms until updelay/downdelay ends, or -1. */
    bool enabled;               /* May carry traffic. */
    bool admin_enabled;
    bool active;
    unsigned int link_failures;
    uint64_t speed;             /* bit/s, 0 if unknown. */
    int duplex;                 /* 1 full, 0 half, -1 unknown. */
    char *error;                /* Could not be opened, or NULL. */
    struct lacp_fsm_port_report lacp; /* If the bond runs LACP. */
    struct netdev_stats stats;  /* The member netdev's counters. */
    uint64_t rx_dropped;        /* Frames the bond's receive rules
                                 * dropped. */
    bool arp_alive;             /* ARP monitor: proof of life in time. */
    long long int arp_proof_age; /* ms since the last proof that counts. */
};

struct netdev_bond_report {
    char *name;
    struct bond_settings settings;
    bool carrier;
    int active;                 /* Index in 'members', or -1. */
    struct netdev_bond_report_member *members;
    size_t n_members;
    uint8_t buckets[BOND_HASH_BUCKETS];     /* Bucket -> member index. */
    uint64_t bucket_bytes[BOND_HASH_BUCKETS]; /* Bytes sent per bucket. */

    /* balance-alb's table of peers, or NULL. */
    struct bond_alb_report *alb;
    long long int now;          /* When the report was made. */
    uint64_t n_failovers;       /* Changes of the active member. */
    long long int last_failover; /* Wall-clock ms of the last, or 0. */

    /* Transmit thread: in use now, and its counters since it started. */
    bool tx_thread;
    uint64_t tx_queued;         /* Packets handed to the thread. */
    uint64_t tx_direct;         /* Packets sent by the caller, thread idle. */
    uint64_t tx_full;           /* Packets dropped, thread's ring full. */
    uint64_t tx_wakeups;        /* Times the thread was woken. */

    /* LACP, if 'lacp'. */
    bool lacp;
    struct lacp_fsm_settings lacp_settings;
    bool lacp_negotiated;
    struct lacp_fsm_agg_report lacp_agg;
};

void netdev_bond_names(struct svec *);
bool netdev_bond_report(const char *name, struct netdev_bond_report *);
void netdev_bond_report_destroy(struct netdev_bond_report *);

const char *netdev_bond_set_active(const char *bond, const char *member);
const char *netdev_bond_set_enabled(const char *bond, const char *member,
                                    bool enable);
const char *netdev_bond_migrate(const char *bond, unsigned int hash,
                                const char *member);

#endif /* netdev-bond.h */
