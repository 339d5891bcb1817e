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

#include <config.h>
#include "bond-config.h"

#include <arpa/inet.h>
#include <limits.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "svec.h"
#include "util.h"

/* The option table.
 *
 * Every bond option has one row: its OVSDB key (a Port column, a Port
 * other_config key, or a per-member Interface other_config key), the Linux
 * bonding option it corresponds to, its type and allowed values, its
 * default, and the modes it applies to.  Parsing, error messages and the
 * documentation table (bond_config_format_options()) all come from it. */

enum bond_opt_type {
    OPT_INT,                    /* Integer in [min, max]. */
    OPT_BOOL,                   /* "true" or "false". */
    OPT_ENUM,                   /* One of 'values' by name or number. */
    OPT_STRING,                 /* Any non-empty string. */
    OPT_MAC                     /* An Ethernet address. */
};

enum bond_opt_flags {
    OPT_COLUMN = 1 << 0,        /* A Port column, not other_config. */
    OPT_MEMBER = 1 << 1,        /* Interface other_config, per member. */
    OPT_MIIMON_ONLY = 1 << 3,   /* Needs bond-detect-mode=miimon. */
};

struct bond_opt_value {
    const char *name;
    int value;
};

#define BIT(MODE) (1u << BOND_MODE_##MODE)
#define MODES_ALL ((1u << N_BOND_MODES) - 1)
#define MODES_ACTIVE (BIT(ACTIVE_BACKUP) | BIT(BALANCE_TLB) | BIT(BALANCE_ALB))
#define MODES_XMIT_HASH (BIT(BALANCE_XOR) | BIT(8023AD) | BIT(BALANCE_TLB))
#define MODES_OVS_HASH (BIT(BALANCE_SLB) | BIT(BALANCE_TCP))
#define MODES_LACP (BIT(8023AD) | BIT(ACTIVE_BACKUP) | MODES_OVS_HASH)
#define MODES_ARP (MODES_ALL & ~(BIT(8023AD) | BIT(BALANCE_TLB)       \
                                 | BIT(BALANCE_ALB)))

enum bond_opt_id {
    BOND_OPT_MODE_COLUMN,
    BOND_OPT_MODE,
    BOND_OPT_UPDELAY,
    BOND_OPT_DOWNDELAY,
    BOND_OPT_DETECT_MODE,
    BOND_OPT_MIIMON,
    BOND_OPT_XMIT_HASH_POLICY,
    BOND_OPT_PRIMARY,
    BOND_OPT_PRIMARY_RESELECT,
    BOND_OPT_HASH_BASIS,
    BOND_OPT_REBALANCE_INTERVAL,
    BOND_OPT_MIN_LINKS,
    BOND_OPT_PACKETS_PER_MEMBER,
    BOND_OPT_ALL_MEMBERS_ACTIVE,
    BOND_OPT_ALL_MEMBERS_ACTIVE_OVS,
    BOND_OPT_FAIL_OVER_MAC,
    BOND_OPT_NUM_GRAT_ARP,
    BOND_OPT_NUM_UNSOL_NA,
    BOND_OPT_PEER_NOTIF_DELAY,
    BOND_OPT_RESEND_IGMP,
    BOND_OPT_ACTIVE_SLAVE,
    BOND_OPT_PRIO,
    BOND_OPT_LACP,
    BOND_OPT_LACP_ACTIVE,
    BOND_OPT_LACP_STRICT,
    BOND_OPT_LACP_TIME,
    BOND_OPT_LACP_SYSTEM_ID,
    BOND_OPT_LACP_SYSTEM_PRIORITY,
    BOND_OPT_LACP_FALLBACK_AB,
    BOND_OPT_AD_SELECT,
    BOND_OPT_LACP_PORT_ID,
    BOND_OPT_LACP_PORT_PRIORITY,
    BOND_OPT_LACP_AGGREGATION_KEY,
    BOND_OPT_ARP_INTERVAL,
    BOND_OPT_ARP_IP_TARGET,
    BOND_OPT_NS_IP6_TARGET,
    BOND_OPT_ARP_VALIDATE,
    BOND_OPT_ARP_ALL_TARGETS,
    BOND_OPT_ARP_MISSED_MAX,
    BOND_OPT_LP_INTERVAL,
    BOND_OPT_TLB_DYNAMIC_LB,
    BOND_OPT_TX_THREAD,
    BOND_OPT_TX_THREAD_BURST,
    N_BOND_OPTS
};

struct bond_option {
    const char *key;            /* OVSDB key or column. */
    const char *linux_name;     /* Linux bonding option, or NULL. */
    enum bond_opt_type type;
    int min, max;               /* OPT_INT range. */
    const struct bond_opt_value *values;    /* OPT_ENUM values. */
    size_t n_values;
    const char *def;            /* Default, for documentation. */
    unsigned int modes;         /* Bit per enum bond_mode it applies to. */
    unsigned int flags;         /* OPT_*. */
    const char *desc;
};

static const struct bond_opt_value ovs_mode_values[] = {
    { "active-backup", BOND_MODE_ACTIVE_BACKUP },
    { "balance-slb", BOND_MODE_BALANCE_SLB },
    { "balance-tcp", BOND_MODE_BALANCE_TCP },
};

static const struct bond_opt_value linux_mode_values[] = {
    { "balance-rr", BOND_MODE_BALANCE_RR },
    { "active-backup", BOND_MODE_ACTIVE_BACKUP },
    { "balance-xor", BOND_MODE_BALANCE_XOR },
    { "broadcast", BOND_MODE_BROADCAST },
    { "802.3ad", BOND_MODE_8023AD },
    { "balance-tlb", BOND_MODE_BALANCE_TLB },
    { "balance-alb", BOND_MODE_BALANCE_ALB },
    { "balance-slb", BOND_MODE_BALANCE_SLB },
    { "balance-tcp", BOND_MODE_BALANCE_TCP },
};

static const struct bond_opt_value detect_values[] = {
    { "carrier", BOND_DETECT_CARRIER },
    { "miimon", BOND_DETECT_MIIMON },
};

static const struct bond_opt_value xmit_policy_values[] = {
#define BOND_XMIT_POLICY(ENUM, NAME, VALUE) { NAME, VALUE },
    BOND_XMIT_POLICIES
#undef BOND_XMIT_POLICY
};

static const struct bond_opt_value reselect_values[] = {
    { "always", BOND_RESELECT_ALWAYS },
    { "better", BOND_RESELECT_BETTER },
    { "failure", BOND_RESELECT_FAILURE },
};

static const struct bond_opt_value fom_values[] = {
    { "none", BOND_FOM_NONE },
    { "active", BOND_FOM_ACTIVE },
    { "follow", BOND_FOM_FOLLOW },
};

static const struct bond_opt_value lacp_values[] = {
    { "off", 0 }, { "active", 1 }, { "passive", 2 },
};

static const struct bond_opt_value lacp_time_values[] = {
    { "slow", 0 }, { "fast", 1 },
};

static const struct bond_opt_value on_off_values[] = {
    { "off", 0 }, { "on", 1 },
};

static const struct bond_opt_value ad_select_values[] = {
    { "stable", 0 }, { "bandwidth", 1 }, { "count", 2 },
};

static const struct bond_opt_value arp_validate_values[] = {
    { "none", 0 }, { "active", 1 }, { "backup", 2 }, { "all", 3 },
    { "filter", 4 }, { "filter_active", 5 }, { "filter_backup", 6 },
};

static const struct bond_opt_value tx_thread_values[] = {
    { "auto", BOND_TX_THREAD_AUTO }, { "true", BOND_TX_THREAD_ON },
    { "false", BOND_TX_THREAD_OFF },
};

static const struct bond_opt_value arp_all_targets_values[] = {
    { "any", 0 }, { "all", 1 },
};

#define ENUM_VALUES(V) .values = V, .n_values = ARRAY_SIZE(V)

static const struct bond_option bond_opts[N_BOND_OPTS] = {
    [BOND_OPT_MODE_COLUMN] = {
        .key = "bond_mode", .type = OPT_ENUM, ENUM_VALUES(ovs_mode_values),
        .def = "active-backup", .modes = MODES_ALL, .flags = OPT_COLUMN,
        .desc = "Open vSwitch bond mode (Port column); "
                "other_config:bond-mode overrides it" },
    [BOND_OPT_MODE] = {
        .key = "bond-mode", .linux_name = "mode", .type = OPT_ENUM,
        ENUM_VALUES(linux_mode_values), .def = "bond_mode",
        .modes = MODES_ALL,
        .desc = "Bond mode: a Linux name or number 0-6, or an Open vSwitch "
                "mode" },
    [BOND_OPT_UPDELAY] = {
        .key = "bond_updelay", .linux_name = "updelay", .type = OPT_INT,
        .min = 0, .max = INT_MAX, .def = "0", .modes = MODES_ALL,
        .flags = OPT_COLUMN,
        .desc = "ms a member's link must stay up before it is used" },
    [BOND_OPT_DOWNDELAY] = {
        .key = "bond_downdelay", .linux_name = "downdelay", .type = OPT_INT,
        .min = 0, .max = INT_MAX, .def = "0", .modes = MODES_ALL,
        .flags = OPT_COLUMN,
        .desc = "ms a member's link must stay down before it is dropped" },
    [BOND_OPT_DETECT_MODE] = {
        .key = "bond-detect-mode", .type = OPT_ENUM,
        ENUM_VALUES(detect_values), .def = "carrier", .modes = MODES_ALL,
        .desc = "Link detection: carrier notifications or miimon polling" },
    [BOND_OPT_MIIMON] = {
        .key = "bond-miimon-interval", .linux_name = "miimon",
        .type = OPT_INT, .min = 1, .max = INT_MAX, .def = "200",
        .modes = MODES_ALL,
        .desc = "Link poll interval (ms) with bond-detect-mode=miimon" },
    [BOND_OPT_XMIT_HASH_POLICY] = {
        .key = "bond-xmit-hash-policy", .linux_name = "xmit_hash_policy",
        .type = OPT_ENUM, ENUM_VALUES(xmit_policy_values), .def = "layer2",
        .modes = MODES_XMIT_HASH,
        .desc = "Transmit hash policy, Linux names or numbers 0-5" },
    [BOND_OPT_PRIMARY] = {
        .key = "bond-primary", .linux_name = "primary", .type = OPT_STRING,
        .def = "none", .modes = MODES_ACTIVE,
        .desc = "Preferred active member" },
    [BOND_OPT_PRIMARY_RESELECT] = {
        .key = "bond-primary-reselect", .linux_name = "primary_reselect",
        .type = OPT_ENUM, ENUM_VALUES(reselect_values), .def = "always",
        .modes = MODES_ACTIVE,
        .desc = "When the primary takes the active role back" },
    [BOND_OPT_HASH_BASIS] = {
        .key = "bond-hash-basis", .type = OPT_INT, .min = 0,
        .max = INT_MAX, .def = "0", .modes = MODES_OVS_HASH,
        .desc = "Seed of the balance-slb and balance-tcp hashes" },
    [BOND_OPT_REBALANCE_INTERVAL] = {
        .key = "bond-rebalance-interval", .type = OPT_INT, .min = 0,
        .max = INT_MAX, .def = "10000",
        .modes = MODES_OVS_HASH | BIT(BALANCE_TLB) | BIT(BALANCE_ALB),
        .desc = "ms between rebalancing of hash buckets by load: 0 (never) "
                "or 1000 and more" },
    [BOND_OPT_MIN_LINKS] = {
        .key = "bond-min-links", .linux_name = "min_links", .type = OPT_INT,
        .min = 0, .max = INT_MAX, .def = "0", .modes = MODES_ALL,
        .desc = "The bond has carrier only with at least this many usable "
                "members" },
    [BOND_OPT_PACKETS_PER_MEMBER] = {
        .key = "bond-packets-per-member", .linux_name = "packets_per_slave",
        .type = OPT_INT, .min = 0, .max = 65535, .def = "1",
        .modes = BIT(BALANCE_RR),
        .desc = "balance-rr: packets per member in turn, 0 for random" },
    [BOND_OPT_ALL_MEMBERS_ACTIVE] = {
        .key = "bond-all-members-active", .linux_name = "all_slaves_active",
        .type = OPT_BOOL, .def = "false", .modes = MODES_ALL,
        .desc = "Deliver frames that arrive on inactive members" },
    [BOND_OPT_ALL_MEMBERS_ACTIVE_OVS] = {
        .key = "all-members-active", .type = OPT_BOOL, .def = "false",
        .modes = MODES_ALL,
        .desc = "Open vSwitch's name of bond-all-members-active" },
    [BOND_OPT_FAIL_OVER_MAC] = {
        .key = "bond-fail-over-mac", .linux_name = "fail_over_mac",
        .type = OPT_ENUM, ENUM_VALUES(fom_values), .def = "none",
        .modes = MODES_ACTIVE,
        .desc = "Bond MAC policy on failover" },
    [BOND_OPT_NUM_GRAT_ARP] = {
        .key = "bond-num-grat-arp", .linux_name = "num_grat_arp",
        .type = OPT_INT, .min = 0, .max = 255, .def = "1",
        .modes = MODES_ALL,
        .desc = "Peer notifications (gratuitous ARP, unsolicited NA, "
                "learning frames) after a failover" },
    [BOND_OPT_NUM_UNSOL_NA] = {
        .key = "bond-num-unsol-na", .linux_name = "num_unsol_na",
        .type = OPT_INT, .min = 0, .max = 255, .def = "1",
        .modes = MODES_ALL, .desc = "Another name of bond-num-grat-arp" },
    [BOND_OPT_PEER_NOTIF_DELAY] = {
        .key = "bond-peer-notif-delay", .linux_name = "peer_notif_delay",
        .type = OPT_INT, .min = 0, .max = 300000, .def = "0",
        .modes = MODES_ALL,
        .desc = "ms between repeated peer notifications" },
    [BOND_OPT_RESEND_IGMP] = {
        .key = "bond-resend-igmp", .linux_name = "resend_igmp",
        .type = OPT_INT, .min = 0, .max = 255, .def = "1",
        .modes = MODES_ALL,
        .desc = "Rounds of IGMP/MLD general queries, 200 ms apart, that "
                "make the hosts behind the bond report their groups "
                "after a failover" },
    [BOND_OPT_ACTIVE_SLAVE] = {
        .key = "bond_active_slave", .linux_name = "active_slave",
        .type = OPT_MAC, .def = "none", .modes = MODES_ALL,
        .flags = OPT_COLUMN,
        .desc = "MAC of the active member, restored at start (Port column)" },
    [BOND_OPT_PRIO] = {
        .key = "bond-prio", .linux_name = "prio", .type = OPT_INT,
        .min = INT_MIN, .max = INT_MAX, .def = "0", .modes = MODES_ACTIVE,
        .flags = OPT_MEMBER,
        .desc = "Member priority for the active role (Interface)" },

    [BOND_OPT_LACP] = {
        .key = "lacp", .type = OPT_ENUM, ENUM_VALUES(lacp_values),
        .def = "off (active in 802.3ad)", .modes = MODES_LACP,
        .flags = OPT_COLUMN,
        .desc = "LACP (Port column): on in mode 802.3ad, or with an Open "
                "vSwitch mode" },
    [BOND_OPT_LACP_ACTIVE] = {
        .key = "bond-lacp-active", .linux_name = "lacp_active",
        .type = OPT_ENUM, ENUM_VALUES(on_off_values), .def = "on",
        .modes = MODES_LACP,
        .desc = "off makes LACP passive, as lacp=passive" },
    [BOND_OPT_LACP_STRICT] = {
        .key = "bond-lacp-strict", .linux_name = "lacp_strict",
        .type = OPT_ENUM, ENUM_VALUES(on_off_values),
        .def = "off in 802.3ad, on with lacp=active|passive",
        .modes = MODES_LACP,
        .desc = "on: no partner, no traffic; off: all members carry "
                "traffic without a partner" },
    [BOND_OPT_LACP_TIME] = {
        .key = "lacp-time", .linux_name = "lacp_rate", .type = OPT_ENUM,
        ENUM_VALUES(lacp_time_values), .def = "slow", .modes = MODES_LACP,
        .desc = "LACPDU rate asked of the partner: fast 1 s (3 s timeout) "
                "or slow 30 s (90 s)" },
    [BOND_OPT_LACP_SYSTEM_ID] = {
        .key = "lacp-system-id", .linux_name = "ad_actor_system",
        .type = OPT_MAC, .def = "bond MAC", .modes = MODES_LACP,
        .desc = "LACP system ID (not multicast)" },
    [BOND_OPT_LACP_SYSTEM_PRIORITY] = {
        .key = "lacp-system-priority", .linux_name = "ad_actor_sys_prio",
        .type = OPT_INT, .min = 1, .max = 65535,
        .def = "65534 (65535 with one member)", .modes = MODES_LACP,
        .desc = "LACP system priority" },
    [BOND_OPT_LACP_FALLBACK_AB] = {
        .key = "lacp-fallback-ab", .type = OPT_BOOL, .def = "false",
        .modes = MODES_LACP,
        .desc = "No LACP partner: one member carries traffic, as in "
                "active-backup" },
    [BOND_OPT_AD_SELECT] = {
        .key = "bond-ad-select", .linux_name = "ad_select",
        .type = OPT_ENUM, ENUM_VALUES(ad_select_values), .def = "stable",
        .modes = MODES_LACP, .desc = "Aggregator selection policy" },
    [BOND_OPT_LACP_PORT_ID] = {
        .key = "lacp-port-id", .type = OPT_INT, .min = 1, .max = 65535,
        .def = "member position + 1", .modes = MODES_LACP,
        .flags = OPT_MEMBER, .desc = "LACP port ID (Interface)" },
    [BOND_OPT_LACP_PORT_PRIORITY] = {
        .key = "lacp-port-priority", .linux_name = "actor_port_prio",
        .type = OPT_INT, .min = 1, .max = 65535, .def = "65535",
        .modes = MODES_LACP, .flags = OPT_MEMBER,
        .desc = "LACP port priority (Interface)" },
    [BOND_OPT_LACP_AGGREGATION_KEY] = {
        .key = "lacp-aggregation-key", .type = OPT_INT, .min = 1,
        .max = 65535, .def = "first member's port ID", .modes = MODES_LACP,
        .flags = OPT_MEMBER,
        .desc = "LACP aggregation key (Interface): members aggregate only "
                "with equal keys" },
    [BOND_OPT_ARP_INTERVAL] = {
        .key = "bond-arp-interval", .linux_name = "arp_interval",
        .type = OPT_INT, .min = 0, .max = INT_MAX, .def = "0",
        .modes = MODES_ARP,
        .desc = "ARP monitor interval (ms)" },
    [BOND_OPT_ARP_IP_TARGET] = {
        .key = "bond-arp-ip-target", .linux_name = "arp_ip_target",
        .type = OPT_STRING, .def = "none", .modes = MODES_ARP,
        .desc = "ARP monitor IPv4 targets, comma-separated, at most 16" },
    [BOND_OPT_NS_IP6_TARGET] = {
        .key = "bond-ns-ip6-target", .linux_name = "ns_ip6_target",
        .type = OPT_STRING, .def = "none", .modes = MODES_ARP,
        .desc = "NS monitor IPv6 targets, comma-separated, at most 16" },
    [BOND_OPT_ARP_VALIDATE] = {
        .key = "bond-arp-validate", .linux_name = "arp_validate",
        .type = OPT_ENUM, ENUM_VALUES(arp_validate_values), .def = "none",
        .modes = MODES_ARP,
        .desc = "Which ARP traffic proves a link alive" },
    [BOND_OPT_ARP_ALL_TARGETS] = {
        .key = "bond-arp-all-targets", .linux_name = "arp_all_targets",
        .type = OPT_ENUM, ENUM_VALUES(arp_all_targets_values),
        .def = "any", .modes = MODES_ARP,
        .desc = "Whether any or all targets must answer" },
    [BOND_OPT_ARP_MISSED_MAX] = {
        .key = "bond-arp-missed-max", .linux_name = "arp_missed_max",
        .type = OPT_INT, .min = 1, .max = 255, .def = "2",
        .modes = MODES_ARP,
        .desc = "Missed ARP intervals before a member is down" },
    [BOND_OPT_LP_INTERVAL] = {
        .key = "bond-lp-interval", .linux_name = "lp_interval",
        .type = OPT_INT, .min = 1, .max = INT_MAX, .def = "1",
        .modes = BIT(BALANCE_TLB) | BIT(BALANCE_ALB),
        .desc = "Seconds between learning packets" },
    [BOND_OPT_TLB_DYNAMIC_LB] = {
        .key = "bond-tlb-dynamic-lb", .linux_name = "tlb_dynamic_lb",
        .type = OPT_INT, .min = 0, .max = 1, .def = "1",
        .modes = BIT(BALANCE_TLB) | BIT(BALANCE_ALB),
        .desc = "Balance flows by load (1) or by hash only (0); "
                "balance-alb needs 1" },
    [BOND_OPT_TX_THREAD] = {
        .key = "bond-tx-thread", .type = OPT_ENUM,
        ENUM_VALUES(tx_thread_values), .def = "auto", .modes = MODES_ALL,
        .desc = "Busy bursts are sent by a thread of the bond, off the "
                "switch's thread: auto uses it when every member is a "
                "kernel device (type system, internal or tap)" },
    [BOND_OPT_TX_THREAD_BURST] = {
        .key = "bond-tx-thread-burst", .type = OPT_INT, .min = 1,
        .max = 32, .def = "16", .modes = MODES_ALL,
        .desc = "Smallest burst (packets) that wakes the idle transmit "
                "thread; smaller ones are sent at once" },
};

/* Modes. */

const char *
bond_config_mode_name(enum bond_mode mode)
{
    switch (mode) {
#define BOND_MODE(ENUM, NAME, LINUX) case BOND_MODE_##ENUM: return NAME;
        BOND_MODES
#undef BOND_MODE
    case N_BOND_MODES:
    default:
        OVS_NOT_REACHED();
    }
}

/* Returns the mode's description as /proc/net/bonding shows it. */
const char *
bond_config_mode_linux_name(enum bond_mode mode)
{
    switch (mode) {
#define BOND_MODE(ENUM, NAME, LINUX) case BOND_MODE_##ENUM: return LINUX;
        BOND_MODES
#undef BOND_MODE
    case N_BOND_MODES:
    default:
        OVS_NOT_REACHED();
    }
}

/* True if 'mode' chooses members with the xmit_hash_policy. */
bool
bond_config_mode_uses_xmit_hash(enum bond_mode mode)
{
    return (MODES_XMIT_HASH & (1u << mode)) != 0;
}

/* True if 's' places flows by hash bucket, buckets that the bond moves by
 * measured load: balance-slb and balance-tcp, and balance-tlb and -alb with
 * tlb_dynamic_lb. */
bool
bond_config_uses_buckets(const struct bond_settings *s)
{
    return (s->mode == BOND_MODE_BALANCE_SLB
            || s->mode == BOND_MODE_BALANCE_TCP
            || ((s->mode == BOND_MODE_BALANCE_TLB
                 || s->mode == BOND_MODE_BALANCE_ALB) && s->tlb_dynamic_lb));
}

/* True if 'mode' has one active member (for transmit or receive). */
bool
bond_config_mode_has_active(enum bond_mode mode)
{
    return (MODES_ACTIVE & (1u << mode)) != 0;
}

static void
format_modes(struct ds *ds, unsigned int modes)
{
    if (modes == MODES_ALL) {
        ds_put_cstr(ds, "all modes");
        return;
    }
    bool first = true;
    for (int m = 0; m < N_BOND_MODES; m++) {
        if (modes & (1u << m)) {
            ds_put_format(ds, "%s%s", first ? "" : ", ",
                          bond_config_mode_name(m));
            first = false;
        }
    }
}

/* Settings. */

void
bond_config_init(struct bond_settings *s)
{
    memset(s, 0, sizeof *s);
    s->mode = BOND_MODE_ACTIVE_BACKUP;
    s->xmit_policy = BOND_XMIT_LAYER2;
    s->detect_mode = BOND_DETECT_CARRIER;
    s->miimon_interval = 200;
    s->primary_reselect = BOND_RESELECT_ALWAYS;
    s->rebalance_interval = 10000;
    s->packets_per_member = 1;
    s->fail_over_mac = BOND_FOM_NONE;
    s->num_grat_arp = 1;
    s->resend_igmp = 1;
    s->arp_missed_max = 2;
    s->lp_interval = 1;
    s->tlb_dynamic_lb = true;
    s->tx_thread_burst = 16;
}

void
bond_config_destroy(struct bond_settings *s)
{
    if (s) {
        for (size_t i = 0; i < s->n_members; i++) {
            free(s->members[i].name);
        }
        free(s->members);
        free(s->primary);
        s->members = NULL;
        s->n_members = 0;
        s->primary = NULL;
    }
}

void
bond_config_clone(struct bond_settings *dst,
                    const struct bond_settings *src)
{
    *dst = *src;
    dst->primary = nullable_xstrdup(src->primary);
    dst->members = xmemdup(src->members,
                           src->n_members * sizeof *src->members);
    for (size_t i = 0; i < src->n_members; i++) {
        dst->members[i].name = xstrdup(src->members[i].name);
    }
}

/* Parsing. */

/* Returns the edit distance between 'a' and 'b', for suggestions. */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t *row = xmalloc((lb + 1) * sizeof *row);

    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] != b[j - 1];
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
            diag = up;
        }
    }
    size_t d = row[lb];
    free(row);
    return d;
}

/* Returns the option with 'key' for 'member' (per-member) or bond options,
 * or -1. */
static int
find_option(const char *key, bool member)
{
    for (int i = 0; i < N_BOND_OPTS; i++) {
        if (!strcmp(bond_opts[i].key, key)
            && !!(bond_opts[i].flags & OPT_MEMBER) == member) {
            return i;
        }
    }
    return -1;
}

/* Returns true if 'key', a Port or Interface other_config key, configures
 * bonds: Open vSwitch's "bond-*", "lacp-*" and "all-members-active". */
bool
bond_config_is_other_config_key(const char *key)
{
    return (!strncmp(key, "bond-", 5) || !strncmp(key, "lacp-", 5)
            || !strcmp(key, "all-members-active"));
}

/* Parses 'spec', "NAME[:TYPE],...", into 'names' and 'types'.  Returns NULL
 * if successful, otherwise a malloc'd error message. */
char * OVS_WARN_UNUSED_RESULT
bond_config_parse_members(const char *spec, struct svec *names,
                          struct svec *types)
{
    char *copy = xstrdup(spec);
    char *save_ptr = NULL;
    char *error = NULL;

    for (char *token = strtok_r(copy, ", ", &save_ptr); token;
         token = strtok_r(NULL, ", ", &save_ptr)) {
        char *colon = strchr(token, ':');
        const char *type = "system";

        if (colon) {
            *colon = '\0';
            type = colon + 1;
        }
        if (!token[0] || !type[0]) {
            error = xasprintf("bad member \"%s\" in members=%s "
                              "(expected NAME[:TYPE])", token, spec);
            break;
        }
        if (svec_contains_unsorted(names, token)) {
            error = xasprintf("member %s listed twice in members=%s",
                              token, spec);
            break;
        }
        svec_add(names, token);
        svec_add(types, type);
    }
    free(copy);
    return error;
}

/* Returns true if 'key' may be an option of a "bond" netdev: "members", a
 * member's key ("member:..."), or a bond key (bond_config_is_key()). */
bool
bond_config_is_netdev_key(const char *key)
{
    return (!strcmp(key, "members") || !strncmp(key, "member:", 7)
            || bond_config_is_key(key));
}

/* Returns true if 'key' is in the bond's part of the Port columns
 * ("bond_*", "lacp") and other_config. */
bool
bond_config_is_key(const char *key)
{
    return (bond_config_is_other_config_key(key) || !strncmp(key, "bond_", 5)
            || !strcmp(key, "lacp"));
}

static void
put_unknown_key(struct ds *errors, const char *where, const char *key,
                bool member)
{
    const char *best = NULL;
    size_t best_d = SIZE_MAX;

    for (int i = 0; i < N_BOND_OPTS; i++) {
        if (!!(bond_opts[i].flags & OPT_MEMBER) == member) {
            size_t d = edit_distance(key, bond_opts[i].key);
            if (d < best_d) {
                best_d = d;
                best = bond_opts[i].key;
            }
        }
    }
    ds_put_format(errors, "; unknown key %s%s", where, key);
    if (best && best_d <= 3) {
        ds_put_format(errors, " (did you mean %s?)", best);
    }
}

/* Describes what 'opt' allows, into 'ds'. */
static void
format_allowed(struct ds *ds, const struct bond_option *opt)
{
    switch (opt->type) {
    case OPT_INT:
        if (opt->min == INT_MIN) {
            ds_put_cstr(ds, "an integer");
        } else if (opt->max == INT_MAX) {
            ds_put_format(ds, "an integer >= %d", opt->min);
        } else {
            ds_put_format(ds, "%d..%d", opt->min, opt->max);
        }
        break;
    case OPT_BOOL:
        ds_put_cstr(ds, "true or false");
        break;
    case OPT_ENUM:
        for (size_t i = 0; i < opt->n_values; i++) {
            ds_put_format(ds, "%s%s", i ? ", " : "", opt->values[i].name);
        }
        if (opt->values == linux_mode_values) {
            ds_put_cstr(ds, " or 0..6");
        } else if (opt->values == xmit_policy_values) {
            ds_put_cstr(ds, " or 0..5");
        }
        break;
    case OPT_STRING:
        ds_put_cstr(ds, "a non-empty string");
        break;
    case OPT_MAC:
        ds_put_cstr(ds, "an Ethernet address");
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Parses 'value' for 'opt'.  On success stores an integer value in '*ip'
 * (enum value, bool, or integer) or an address in '*mac', and returns
 * true. */
static bool
parse_value(const struct bond_option *opt, const char *value, int *ip,
            struct eth_addr *mac)
{
    switch (opt->type) {
    case OPT_INT:
        return str_to_int(value, 10, ip) && *ip >= opt->min
               && *ip <= opt->max;
    case OPT_BOOL:
        if (!strcmp(value, "true") || !strcmp(value, "false")) {
            *ip = !strcmp(value, "true");
            return true;
        }
        return false;
    case OPT_ENUM:
        for (size_t i = 0; i < opt->n_values; i++) {
            if (!strcmp(value, opt->values[i].name)) {
                *ip = opt->values[i].value;
                return true;
            }
        }
        /* Linux options also take their numbers. */
        if (opt->linux_name && str_to_int(value, 10, ip)) {
            if (opt->values == linux_mode_values) {
                return *ip >= 0 && *ip <= 6;
            }
            for (size_t i = 0; i < opt->n_values; i++) {
                if (opt->values[i].value == *ip) {
                    return true;
                }
            }
        }
        return false;
    case OPT_STRING:
        return value[0] != '\0';
    case OPT_MAC:
        return eth_addr_from_string(value, mac);
    default:
        OVS_NOT_REACHED();
    }
}

/* Stores the parsed value of option 'id' in 's'. */
static void
apply_value(enum bond_opt_id id, const char *value, int i,
            struct eth_addr mac, struct bond_settings *s)
{
    switch (id) {
    case BOND_OPT_UPDELAY: s->updelay = i; break;
    case BOND_OPT_DOWNDELAY: s->downdelay = i; break;
    case BOND_OPT_DETECT_MODE: s->detect_mode = i; break;
    case BOND_OPT_MIIMON: s->miimon_interval = i; break;
    case BOND_OPT_XMIT_HASH_POLICY: s->xmit_policy = i; break;
    case BOND_OPT_PRIMARY:
        free(s->primary);
        s->primary = xstrdup(value);
        break;
    case BOND_OPT_PRIMARY_RESELECT: s->primary_reselect = i; break;
    case BOND_OPT_HASH_BASIS: s->hash_basis = i; break;
    case BOND_OPT_REBALANCE_INTERVAL: s->rebalance_interval = i; break;
    case BOND_OPT_MIN_LINKS: s->min_links = i; break;
    case BOND_OPT_PACKETS_PER_MEMBER: s->packets_per_member = i; break;
    case BOND_OPT_ALL_MEMBERS_ACTIVE:
    case BOND_OPT_ALL_MEMBERS_ACTIVE_OVS:
        s->all_members_active = s->all_members_active || i;
        break;
    case BOND_OPT_FAIL_OVER_MAC: s->fail_over_mac = i; break;
    case BOND_OPT_NUM_GRAT_ARP:
    case BOND_OPT_NUM_UNSOL_NA:
        s->num_grat_arp = i;
        break;
    case BOND_OPT_PEER_NOTIF_DELAY: s->peer_notif_delay = i; break;
    case BOND_OPT_RESEND_IGMP: s->resend_igmp = i; break;
    case BOND_OPT_ACTIVE_SLAVE:
        s->has_active_mac = true;
        s->active_mac = mac;
        break;
    case BOND_OPT_LACP: s->lacp = i; break;
    case BOND_OPT_LACP_TIME: s->lacp_fast = i; break;
    case BOND_OPT_LACP_SYSTEM_ID:
        s->has_lacp_system_id = true;
        s->lacp_system_id = mac;
        break;
    case BOND_OPT_LACP_SYSTEM_PRIORITY: s->lacp_system_priority = i; break;
    case BOND_OPT_LACP_FALLBACK_AB: s->lacp_fallback_ab = i; break;
    case BOND_OPT_AD_SELECT: s->ad_select = i; break;
    case BOND_OPT_LACP_STRICT: s->lacp_strict = i; break;
    case BOND_OPT_ARP_INTERVAL: s->arp_interval = i; break;
    case BOND_OPT_ARP_VALIDATE: s->arp_validate = i; break;
    case BOND_OPT_ARP_ALL_TARGETS: s->arp_all_targets = i; break;
    case BOND_OPT_ARP_MISSED_MAX: s->arp_missed_max = i; break;
    case BOND_OPT_LP_INTERVAL: s->lp_interval = i; break;
    case BOND_OPT_TLB_DYNAMIC_LB: s->tlb_dynamic_lb = i; break;
    case BOND_OPT_TX_THREAD: s->tx_thread = i; break;
    case BOND_OPT_TX_THREAD_BURST: s->tx_thread_burst = i; break;
    case BOND_OPT_MODE_COLUMN:
    case BOND_OPT_MODE:
    case BOND_OPT_PRIO:
    case BOND_OPT_LACP_ACTIVE:
    case BOND_OPT_LACP_PORT_ID:
    case BOND_OPT_LACP_PORT_PRIORITY:
    case BOND_OPT_LACP_AGGREGATION_KEY:
    case BOND_OPT_ARP_IP_TARGET:
    case BOND_OPT_NS_IP6_TARGET:
    case N_BOND_OPTS:
    default:
        break;
    }
}

/* Parses the comma-separated ARP (IPv4) or NS (IPv6) monitor targets in
 * 'value' for option 'id' into 's'.  Returns false, after adding a message
 * that names the bad target to 'errors', on error. */
static bool
parse_targets(enum bond_opt_id id, const char *where, const char *value,
              struct bond_settings *s, struct ds *errors)
{
    const char *key = bond_opts[id].key;
    bool ipv6 = id == BOND_OPT_NS_IP6_TARGET;
    char *copy = xstrdup(value);
    char *save_ptr = NULL;
    size_t n = 0;
    bool ok = true;

    for (char *t = strtok_r(copy, ", ", &save_ptr); t && ok;
         t = strtok_r(NULL, ", ", &save_ptr)) {
        const char *why = NULL;
        if (n >= BOND_MAX_ARP_TARGETS) {
            why = "more than 16 targets";
        } else if (ipv6) {
            struct in6_addr a;
            if (inet_pton(AF_INET6, t, &a) != 1) {
                why = "not an IPv6 address";
            } else if (ipv6_addr_is_multicast(&a) || !ipv6_addr_is_set(&a)) {
                why = "not a unicast address";
            } else {
                for (size_t i = 0; i < n; i++) {
                    if (ipv6_addr_equals(&s->ns_targets[i], &a)) {
                        why = "listed twice";
                    }
                }
                s->ns_targets[n++] = a;
            }
        } else {
            ovs_be32 a;
            if (!ip_parse(t, &a)) {
                why = "not an IPv4 address";
            } else if (!a || a == htonl(0xffffffff) || ip_is_multicast(a)) {
                why = "not a unicast address";
            } else {
                for (size_t i = 0; i < n; i++) {
                    if (s->arp_targets[i] == a) {
                        why = "listed twice";
                    }
                }
                s->arp_targets[n++] = a;
            }
        }
        if (why) {
            ds_put_format(errors, "; %s%s=%s: target %s: %s", where, key,
                          value, t, why);
            ok = false;
        }
    }
    if (ok && !n) {
        ds_put_format(errors, "; %s%s=%s: no target", where, key, value);
        ok = false;
    }
    if (ipv6) {
        s->n_ns_targets = ok ? n : 0;
    } else {
        s->n_arp_targets = ok ? n : 0;
    }
    free(copy);
    return ok;
}

/* Checks 'value' of option 'id' ('where' prefixes the key in messages) for
 * mode 'mode'.  Returns false, after adding a message to 'errors', if it is
 * bad. */
static bool
check_option(enum bond_opt_id id, const char *where, const char *value,
             enum bond_mode mode, int *ip, struct eth_addr *mac,
             struct bond_settings *s, struct ds *errors)
{
    const struct bond_option *opt = &bond_opts[id];

    if (!parse_value(opt, value, ip, mac)) {
        ds_put_format(errors, "; %s%s=%s: must be ", where, opt->key, value);
        format_allowed(errors, opt);
        return false;
    }
    if (id == BOND_OPT_LACP && *ip == BOND_LACP_OFF) {
        /* Harmless in every mode. */
        return true;
    }
    if (!(opt->modes & (1u << mode))) {
        ds_put_format(errors, "; %s%s=%s: not valid in mode %s (valid in ",
                      where, opt->key, value, bond_config_mode_name(mode));
        format_modes(errors, opt->modes);
        ds_put_char(errors, ')');
        return false;
    }
    if (id == BOND_OPT_TLB_DYNAMIC_LB && !*ip
        && mode == BOND_MODE_BALANCE_ALB) {
        ds_put_format(errors, "; %s%s=%s: balance-alb always balances by "
                      "load (must be 1; use balance-tlb for hash-only "
                      "placement)", where, opt->key, value);
        return false;
    }
    if (id == BOND_OPT_FAIL_OVER_MAC && *ip != BOND_FOM_NONE
        && mode != BOND_MODE_ACTIVE_BACKUP) {
        ds_put_format(errors, "; %s%s=%s: only in mode active-backup (not "
                      "%s)", where, opt->key, value,
                      bond_config_mode_name(mode));
        return false;
    }
    if (id == BOND_OPT_ARP_IP_TARGET || id == BOND_OPT_NS_IP6_TARGET) {
        return parse_targets(id, where, value, s, errors);
    }
    if (id == BOND_OPT_REBALANCE_INTERVAL && *ip > 0 && *ip < 1000) {
        ds_put_format(errors, "; %s%s=%s: must be 0 or 1000..%d", where,
                      opt->key, value, INT_MAX);
        return false;
    }
    return true;
}

/* Works out whether 's' runs LACP, and how, from the mode and the LACP
 * keys in 'cfg', as Linux (mode 802.3ad) and Open vSwitch (the Port's
 * "lacp" column with one of its modes) each have it.  Adds conflicts to
 * 'errors'. */
static void
check_lacp(const struct smap *cfg, const char *name, struct bond_settings *s,
           struct ds *errors)
{
    const char *column = smap_get(cfg, "lacp");
    const char *active = smap_get(cfg, "bond-lacp-active");
    const char *strict = smap_get(cfg, "bond-lacp-strict");

    if (s->mode == BOND_MODE_8023AD) {
        if (column && s->lacp == BOND_LACP_OFF) {
            ds_put_format(errors, "; lacp=off: mode 802.3ad needs LACP "
                          "(active or passive)");
        } else if (!column) {
            s->lacp = (active && !strcmp(active, "off")
                       ? BOND_LACP_PASSIVE : BOND_LACP_ACTIVE);
        }
        if (!strict) {
            /* Linux's default: carrier and traffic without a partner. */
            s->lacp_strict = false;
        }
    } else if (s->lacp == BOND_LACP_OFF) {
        /* Open vSwitch ignores the other LACP keys with lacp=off. */
        return;
    } else if (!strict) {
        /* Open vSwitch's default: without a partner, the bond is down
         * unless lacp-fallback-ab. */
        s->lacp_strict = !s->lacp_fallback_ab;
    }

    if (active && column && s->lacp != BOND_LACP_OFF
        && (s->lacp == BOND_LACP_ACTIVE) != !strcmp(active, "on")) {
        ds_put_format(errors, "; lacp=%s and other_config:bond-lacp-active="
                      "%s disagree (remove one of them)", column, active);
    }
    if (s->lacp_strict && s->lacp_fallback_ab) {
        ds_put_format(errors, "; other_config:bond-lacp-strict=on and "
                      "other_config:lacp-fallback-ab=true exclude each "
                      "other");
    }
    if (s->has_lacp_system_id
        && (eth_addr_is_multicast(s->lacp_system_id)
            || eth_addr_is_zero(s->lacp_system_id))) {
        ds_put_format(errors, "; other_config:lacp-system-id="ETH_ADDR_FMT
                      ": must be a unicast, nonzero Ethernet address",
                      ETH_ADDR_ARGS(s->lacp_system_id));
    }
    for (size_t i = 0; i < s->n_members; i++) {
        for (size_t j = 0; j < i; j++) {
            int a = s->members[i].lacp_port_id;
            if (a && a == s->members[j].lacp_port_id) {
                ds_put_format(errors, "; interface %s other_config:"
                              "lacp-port-id=%d: %s of %s has it too",
                              s->members[i].name, a, s->members[j].name,
                              name);
            }
        }
    }
}

/* Checks the ARP monitor settings in 's' (from 'cfg') against each other and
 * against the other monitors, as Linux does. */
static void
check_arp(const struct smap *cfg, const struct bond_settings *s,
          struct ds *errors)
{
    bool targets = s->n_arp_targets || s->n_ns_targets;

    if (!s->arp_interval) {
        if (targets) {
            ds_put_format(errors, "; other_config:bond-arp-ip-target and "
                          "bond-ns-ip6-target need other_config:"
                          "bond-arp-interval (the ARP monitor is off)");
        }
        return;
    }
    if (!targets && !smap_get(cfg, "bond-arp-ip-target")
        && !smap_get(cfg, "bond-ns-ip6-target")) {
        ds_put_format(errors, "; other_config:bond-arp-interval=%d: needs "
                      "other_config:bond-arp-ip-target or "
                      "bond-ns-ip6-target", s->arp_interval);
    }
    if (smap_get(cfg, "bond-miimon-interval")
        || s->detect_mode == BOND_DETECT_MIIMON) {
        ds_put_format(errors, "; other_config:bond-arp-interval=%d: the ARP "
                      "monitor and miimon exclude each other (remove "
                      "bond-miimon-interval and bond-detect-mode=miimon)",
                      s->arp_interval);
    }
    if (s->lacp != BOND_LACP_OFF) {
        ds_put_format(errors, "; other_config:bond-arp-interval=%d: not "
                      "valid with LACP", s->arp_interval);
    }
}

/* Parses the bond settings in 'cfg' (see bond-config.h for its keys) for
 * the bond named 'name' whose members are the 'n_members' names in
 * 'member_names', into 's' (which the caller initialized with
 * bond_config_init()).
 *
 * Returns NULL if successful.  Otherwise returns one malloc'd message that
 * names every bad key, its value and what is allowed; 's' then holds a
 * partial result that the caller must not use, only destroy. */
char *
bond_config_parse(const struct smap *cfg, const char *name,
                  char *const member_names[], size_t n_members,
                  struct bond_settings *s)
{
    struct ds errors = DS_EMPTY_INITIALIZER;
    const struct smap_node *node;
    struct eth_addr mac;
    int value;

    /* The mode first: the other options depend on it. */
    const char *column = smap_get(cfg, "bond_mode");
    const char *linux_mode = smap_get(cfg, "bond-mode");
    if (column && check_option(BOND_OPT_MODE_COLUMN, "", column,
                               BOND_MODE_ACTIVE_BACKUP, &value, &mac, s,
                               &errors)) {
        s->mode = value;
    }
    if (linux_mode && check_option(BOND_OPT_MODE, "other_config:",
                                   linux_mode, BOND_MODE_ACTIVE_BACKUP,
                                   &value, &mac, s, &errors)) {
        if (column && errors.length == 0 && (int) s->mode != value) {
            ds_put_format(&errors, "; bond_mode=%s and other_config:"
                          "bond-mode=%s disagree (remove one of them)",
                          column, linux_mode);
        }
        s->mode = value;
    }
    if (errors.length) {
        goto out;
    }

    s->members = xcalloc(n_members, sizeof *s->members);
    s->n_members = n_members;
    for (size_t i = 0; i < n_members; i++) {
        s->members[i].name = xstrdup(member_names[i]);
        s->members[i].lacp_port_priority = 65535;
    }

    /* In key order, so that messages come out in a stable order. */
    const struct smap_node **nodes = smap_sort(cfg);
    for (size_t n = 0; n < smap_count(cfg); n++) {
        node = nodes[n];
        const char *key = node->key;

        if (!strcmp(key, "bond_mode") || !strcmp(key, "bond-mode")
            || !strcmp(key, "members")) {
            continue;
        }
        if (!strncmp(key, "member:", 7)) {
            const char *mname = key + 7;
            const char *colon = strchr(mname, ':');
            if (!colon) {
                ds_put_format(&errors, "; bad key %s (expected "
                              "member:NAME:KEY)", key);
                continue;
            }
            char *member = xmemdup0(mname, colon - mname);
            const char *mkey = colon + 1;
            char *where = xasprintf("interface %s other_config:", member);
            size_t idx;
            for (idx = 0; idx < n_members; idx++) {
                if (!strcmp(member_names[idx], member)) {
                    break;
                }
            }
            int id = find_option(mkey, true);
            if (idx >= n_members) {
                ds_put_format(&errors, "; %s%s: %s is not a member of %s",
                              where, mkey, member, name);
            } else if (id < 0) {
                if (bond_config_is_key(mkey)) {
                    put_unknown_key(&errors, where, mkey, true);
                }
            } else if (check_option(id, where, node->value, s->mode, &value,
                                    &mac, s, &errors)) {
                struct bond_member_settings *ms = &s->members[idx];
                if (id == BOND_OPT_PRIO) {
                    ms->prio = value;
                } else if (id == BOND_OPT_LACP_PORT_ID) {
                    ms->lacp_port_id = value;
                } else if (id == BOND_OPT_LACP_PORT_PRIORITY) {
                    ms->lacp_port_priority = value;
                } else if (id == BOND_OPT_LACP_AGGREGATION_KEY) {
                    ms->lacp_key = value;
                }
            }
            free(where);
            free(member);
            continue;
        }

        int id = find_option(key, false);
        bool column_key = id >= 0 && (bond_opts[id].flags & OPT_COLUMN);
        const char *where = column_key ? "" : "other_config:";
        if (id < 0) {
            if (bond_config_is_key(key)) {
                put_unknown_key(&errors, strchr(key, '_') ? "" :
                                "other_config:", key, false);
            }
            continue;
        }
        if (check_option(id, where, node->value, s->mode, &value, &mac, s,
                         &errors)) {
            apply_value(id, node->value, value, mac, s);
        }
    }
    free(nodes);

    /* Dependencies between options. */
    if (s->primary) {
        bool found = false;
        for (size_t i = 0; i < n_members; i++) {
            found = found || !strcmp(member_names[i], s->primary);
        }
        if (!found) {
            ds_put_format(&errors, "; other_config:bond-primary=%s: not a "
                          "member of %s", s->primary, name);
        }
    }
    check_lacp(cfg, name, s, &errors);
    check_arp(cfg, s, &errors);
    if (smap_get(cfg, "bond-miimon-interval")) {
        /* Linux's "miimon=100" means polling: so does the interval alone.
         * Open vSwitch would ignore it with carrier detection; refuse that
         * combination rather than ignore a setting silently. */
        const char *detect = smap_get(cfg, "bond-detect-mode");
        if (!detect) {
            s->detect_mode = BOND_DETECT_MIIMON;
        } else if (s->detect_mode != BOND_DETECT_MIIMON) {
            ds_put_format(&errors, "; other_config:bond-miimon-interval "
                          "needs other_config:bond-detect-mode=miimon (not "
                          "%s)", detect);
        }
    }

out:
    if (errors.length) {
        /* Drops the leading "; ". */
        char *msg = xasprintf("%s: %s", name, ds_cstr(&errors) + 2);
        ds_destroy(&errors);
        return msg;
    }
    ds_destroy(&errors);
    return NULL;
}

/* Appends the option table, one line per option, to 'ds'. */
void
bond_config_format_options(struct ds *ds)
{
    for (int i = 0; i < N_BOND_OPTS; i++) {
        const struct bond_option *opt = &bond_opts[i];

        ds_put_format(ds, "%s%s (Linux %s): ",
                      (opt->flags & OPT_COLUMN ? "Port "
                       : opt->flags & OPT_MEMBER ? "Interface other_config:"
                       : "Port other_config:"),
                      opt->key, opt->linux_name ? opt->linux_name : "-");
        format_allowed(ds, opt);
        ds_put_format(ds, "; default %s; ", opt->def);
        format_modes(ds, opt->modes);
        ds_put_format(ds, ". %s\n", opt->desc);
    }
}

/* Appends 's' to 'ds', escaped for nroff. */
static void
put_man(struct ds *ds, const char *s)
{
    for (; *s; s++) {
        if (*s == '-' || *s == '\\') {
            ds_put_char(ds, '\\');
        }
        ds_put_char(ds, *s);
    }
}

/* Appends the option table to 'ds' as nroff ".TP" paragraphs, for
 * ovs-bond(7): the manual comes from the table the code uses. */
void
bond_config_format_options_man(struct ds *ds)
{
    for (int i = 0; i < N_BOND_OPTS; i++) {
        const struct bond_option *opt = &bond_opts[i];
        struct ds text = DS_EMPTY_INITIALIZER;

        ds_put_cstr(ds, ".TP\n\\fB");
        put_man(ds, (opt->flags & OPT_COLUMN ? "Port "
                     : opt->flags & OPT_MEMBER ? "Interface other_config:"
                     : "Port other_config:"));
        put_man(ds, opt->key);
        ds_put_cstr(ds, "\\fR");
        if (opt->linux_name) {
            ds_put_cstr(ds, " (Linux \\fB");
            put_man(ds, opt->linux_name);
            ds_put_cstr(ds, "\\fR)");
        }
        ds_put_char(ds, '\n');

        ds_put_format(&text, "%s.  Values: ", opt->desc);
        format_allowed(&text, opt);
        ds_put_format(&text, "; default %s; ", opt->def);
        format_modes(&text, opt->modes);
        ds_put_char(&text, '.');
        put_man(ds, ds_cstr(&text));
        ds_put_char(ds, '\n');
        ds_destroy(&text);
    }
}

/* Translates Linux bonding options, as given to "modprobe bonding" or in
 * ifenslave-era configuration ("mode=1 miimon=100 updelay=200"), into
 * their OVSDB homes: Port columns into 'columns', Port other_config keys
 * into 'other_config'.  Both come from the option table, so the mapping
 * cannot drift from what the daemon accepts.
 *
 * Returns NULL if successful, otherwise a malloc'd message naming every
 * option that has no OVSDB home.  Values are not checked here: the daemon
 * checks them when it applies the configuration. */
char *
bond_config_from_linux(const char *options, struct smap *columns,
                       struct smap *other_config)
{
    struct ds errors = DS_EMPTY_INITIALIZER;
    char *copy = xstrdup(options);
    char *save_ptr = NULL;

    for (char *token = strtok_r(copy, " \t\n", &save_ptr); token;
         token = strtok_r(NULL, " \t\n", &save_ptr)) {
        char *eq = strchr(token, '=');
        if (!eq || eq == token) {
            ds_put_format(&errors, "; %s: expected NAME=VALUE", token);
            continue;
        }
        *eq = '\0';
        const char *name = token;
        const char *value = eq + 1;

        /* Linux's aliases. */
        if (!strcmp(name, "num_unsol_na")) {
            name = "num_grat_arp";
        }

        int id = -1;
        for (int i = 0; i < N_BOND_OPTS; i++) {
            if (bond_opts[i].linux_name && !strcmp(bond_opts[i].linux_name,
                                                   name)
                && !(bond_opts[i].flags & OPT_MEMBER)) {
                id = i;
                break;
            }
        }
        if (id < 0) {
            ds_put_format(&errors, "; %s=%s: no such Linux bonding option "
                          "with an Open vSwitch equivalent", name, value);
            continue;
        }

        const struct bond_option *opt = &bond_opts[id];
        if (id == BOND_OPT_MIIMON && !strcmp(value, "0")) {
            /* Linux's "no MII monitoring": carrier notifications alone. */
            smap_replace(other_config, "bond-detect-mode", "carrier");
            continue;
        }
        if (opt->type == OPT_BOOL
            && (!strcmp(value, "0") || !strcmp(value, "1"))) {
            value = !strcmp(value, "1") ? "true" : "false";
        }
        smap_replace(opt->flags & OPT_COLUMN ? columns : other_config,
                     opt->key, value);
    }
    free(copy);

    if (errors.length) {
        char *msg = xstrdup(ds_cstr(&errors) + 2);
        ds_destroy(&errors);
        return msg;
    }
    ds_destroy(&errors);
    return NULL;
}
