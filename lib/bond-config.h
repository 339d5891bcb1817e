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

#ifndef BOND_CONFIG_H
#define BOND_CONFIG_H 1

/* Bond configuration: one table of every option, parsed strictly.
 *
 * The input is one string map that holds a Port's bond settings under their
 * OVSDB names: the Port columns ("bond_mode", "bond_updelay",
 * "bond_downdelay", "lacp", "bond_active_slave"), the Port's other_config
 * keys ("bond-mode", "bond-miimon-interval", ...) and each member
 * Interface's other_config keys as "member:NAME:KEY"
 * ("member:eth0:bond-prio").
 * Keys outside the bond's name space (other_config keys that do not start
 * with "bond-" or "lacp-" and are not "all-members-active") are ignored, as
 * they belong to other features.
 *
 * Pure: no I/O.  See the table in bond-config.c and ovs-bond(7). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bond-hash.h"
#include "compiler.h"
#include "openvswitch/types.h"
#include "packets.h"

struct ds;
struct svec;
struct svec;
struct smap;

/* Bond modes: Linux's seven, with Linux's numbers, then Open vSwitch's two
 * hashing modes. */
#define BOND_MODES                                                      \
    BOND_MODE(BALANCE_RR, "balance-rr", "load balancing (round-robin)") \
    BOND_MODE(ACTIVE_BACKUP, "active-backup",                           \
              "fault-tolerance (active-backup)")                        \
    BOND_MODE(BALANCE_XOR, "balance-xor", "load balancing (xor)")       \
    BOND_MODE(BROADCAST, "broadcast", "fault-tolerance (broadcast)")    \
    BOND_MODE(8023AD, "802.3ad", "IEEE 802.3ad Dynamic link aggregation") \
    BOND_MODE(BALANCE_TLB, "balance-tlb", "transmit load balancing")    \
    BOND_MODE(BALANCE_ALB, "balance-alb", "adaptive load balancing")    \
    BOND_MODE(BALANCE_SLB, "balance-slb",                               \
              "load balancing (Open vSwitch balance-slb)")              \
    BOND_MODE(BALANCE_TCP, "balance-tcp",                               \
              "load balancing (Open vSwitch balance-tcp)")

enum bond_mode {
#define BOND_MODE(ENUM, NAME, LINUX) BOND_MODE_##ENUM,
    BOND_MODES
#undef BOND_MODE
    N_BOND_MODES
};

const char *bond_config_mode_name(enum bond_mode);
const char *bond_config_mode_linux_name(enum bond_mode);
bool bond_config_mode_uses_xmit_hash(enum bond_mode);
bool bond_config_mode_has_active(enum bond_mode);

enum bond_detect_mode {
    BOND_DETECT_CARRIER,        /* Netdev carrier (notifications). */
    BOND_DETECT_MIIMON          /* Polled every miimon_interval ms. */
};

enum bond_primary_reselect {
    BOND_RESELECT_ALWAYS,       /* Primary takes over when it comes up. */
    BOND_RESELECT_BETTER,       /* Only if faster than the active member. */
    BOND_RESELECT_FAILURE       /* Only when the active member fails. */
};

enum bond_fail_over_mac {
    BOND_FOM_NONE,
    BOND_FOM_ACTIVE,
    BOND_FOM_FOLLOW
};

enum bond_lacp {
    BOND_LACP_OFF,
    BOND_LACP_ACTIVE,           /* Sends LACPDUs unasked. */
    BOND_LACP_PASSIVE           /* Only answers an active partner. */
};

enum bond_ad_select {
    BOND_AD_SELECT_STABLE,
    BOND_AD_SELECT_BANDWIDTH,
    BOND_AD_SELECT_COUNT
};

/* ARP monitor validation (Linux's arp_validate, with its numbers). */
enum bond_arp_validate {
    BOND_ARP_VALIDATE_NONE,         /* Any traffic proves life. */
    BOND_ARP_VALIDATE_ACTIVE,       /* Validate on the active member. */
    BOND_ARP_VALIDATE_BACKUP,       /* Validate on backups. */
    BOND_ARP_VALIDATE_ALL,          /* Validate on every member. */
    BOND_ARP_VALIDATE_FILTER,       /* Only ARP counts; no validation. */
    BOND_ARP_VALIDATE_FILTER_ACTIVE,
    BOND_ARP_VALIDATE_FILTER_BACKUP
};

/* Most members a bond may have. */
#define BOND_MAX_MEMBERS 64

#define BOND_MAX_ARP_TARGETS 16

/* Per-member settings. */
struct bond_member_settings {
    char *name;
    int prio;                   /* Higher wins the active role. */
    int lacp_port_id;           /* 1..65535, or 0 for the default. */
    int lacp_port_priority;     /* 1..65535. */
    int lacp_key;               /* 1..65535, or 0 for the default. */
};

/* Whether the bond's transmit thread sends busy bursts. */
enum bond_tx_thread_mode {
    BOND_TX_THREAD_AUTO,        /* When every member is a kernel device. */
    BOND_TX_THREAD_ON,
    BOND_TX_THREAD_OFF,
};

struct bond_settings {
    enum bond_mode mode;
    enum bond_xmit_policy xmit_policy;
    enum bond_detect_mode detect_mode;
    int miimon_interval;        /* ms; used with BOND_DETECT_MIIMON. */
    int updelay;                /* ms. */
    int downdelay;              /* ms. */
    char *primary;              /* Member name or NULL. */
    enum bond_primary_reselect primary_reselect;
    uint32_t hash_basis;
    int rebalance_interval;     /* ms, 0 = never. */
    int min_links;
    int packets_per_member;     /* balance-rr; 0 = random. */
    bool all_members_active;
    enum bond_fail_over_mac fail_over_mac;
    int num_grat_arp;
    int peer_notif_delay;       /* ms. */
    int resend_igmp;
    bool has_active_mac;        /* Port bond_active_slave was set. */
    struct eth_addr active_mac;

    /* LACP: on in mode 802.3ad, or with the Port's "lacp" column. */
    enum bond_lacp lacp;
    bool lacp_fast;             /* lacp-time=fast. */
    bool has_lacp_system_id;    /* Else the bond's MAC. */
    struct eth_addr lacp_system_id;
    int lacp_system_priority;   /* 1..65535, or 0 for the default. */
    bool lacp_fallback_ab;      /* No partner: one member, as AB. */
    bool lacp_strict;           /* No partner: no traffic. */
    enum bond_ad_select ad_select;

    /* ARP and NS monitor: on when 'arp_interval' is nonzero. */
    int arp_interval;           /* ms. */
    ovs_be32 arp_targets[BOND_MAX_ARP_TARGETS];
    size_t n_arp_targets;
    struct in6_addr ns_targets[BOND_MAX_ARP_TARGETS];
    size_t n_ns_targets;
    enum bond_arp_validate arp_validate;
    bool arp_all_targets;       /* All targets must answer, else any. */
    int arp_missed_max;         /* Intervals without proof before down. */

    /* balance-tlb and balance-alb. */
    int lp_interval;            /* Seconds between learning frames. */
    bool tlb_dynamic_lb;        /* Place flows by load, else by hash. */

    enum bond_tx_thread_mode tx_thread;
    int tx_thread_burst;        /* Smallest burst that wakes the thread. */

    struct bond_member_settings *members;   /* In configuration order. */
    size_t n_members;

    /* Options that bond_config_parse() accepted but ignores, as Linux does
     * (one that does not apply to the mode, the ARP monitor's options while
     * it is off): a malloc'd message naming each, or NULL. */
    char *warnings;
};

void bond_config_init(struct bond_settings *);
void bond_config_destroy(struct bond_settings *);
void bond_config_clone(struct bond_settings *dst,
                         const struct bond_settings *src);
bool bond_config_uses_buckets(const struct bond_settings *);

char *bond_config_parse(const struct smap *, const char *name,
                        char *const member_names[], size_t n_members,
                        struct bond_settings *) OVS_WARN_UNUSED_RESULT;

char *bond_config_parse_members(const char *spec, struct svec *names,
                                struct svec *types)
    OVS_WARN_UNUSED_RESULT;
bool bond_config_is_key(const char *key);
bool bond_config_is_netdev_key(const char *key);
bool bond_config_is_other_config_key(const char *key);

char *bond_config_from_linux(const char *options, struct smap *columns,
                             struct smap *other_config, struct svec *skipped)
    OVS_WARN_UNUSED_RESULT;

#endif /* bond-config.h */
