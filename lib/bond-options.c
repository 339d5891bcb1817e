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
#include "bond-options.h"

#include <limits.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "util.h"

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

const struct bond_option bond_opts[N_BOND_OPTS] = {
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
        .modes = (MODES_OVS_HASH | MODE_BIT(BALANCE_TLB)
                  | MODE_BIT(BALANCE_ALB)),
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
        .modes = MODE_BIT(BALANCE_RR),
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
        .modes = MODE_BIT(ACTIVE_BACKUP),
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
        .desc = "LACP system ID: nonzero (as ad_actor_system, not "
                "multicast either)" },
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
        .modes = MODE_BIT(BALANCE_TLB) | MODE_BIT(BALANCE_ALB),
        .desc = "Seconds between learning packets" },
    [BOND_OPT_TLB_DYNAMIC_LB] = {
        .key = "bond-tlb-dynamic-lb", .linux_name = "tlb_dynamic_lb",
        .type = OPT_INT, .min = 0, .max = 1, .def = "1",
        .modes = MODE_BIT(BALANCE_TLB) | MODE_BIT(BALANCE_ALB),
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
int
bond_options_find(const char *key, bool member)
{
    for (int i = 0; i < N_BOND_OPTS; i++) {
        if (!strcmp(bond_opts[i].key, key)
            && !!(bond_opts[i].flags & OPT_MEMBER) == member) {
            return i;
        }
    }
    return -1;
}

/* Returns the Linux bonding option 'linux_name' (a bond's, not a
 * member's), or -1. */
int
bond_options_find_linux(const char *linux_name)
{
    for (int i = 0; i < N_BOND_OPTS; i++) {
        if (bond_opts[i].linux_name
            && !strcmp(bond_opts[i].linux_name, linux_name)
            && !(bond_opts[i].flags & OPT_MEMBER)) {
            return i;
        }
    }
    return -1;
}

/* Returns the key of a bond option (of a member with 'member') within
 * three edits of 'key', the nearest, or NULL: for "did you mean". */
const char *
bond_options_suggest(const char *key, bool member)
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
    return best_d <= 3 ? best : NULL;
}

/* Describes what 'opt' allows, into 'ds'. */
void
bond_options_format_allowed(struct ds *ds, const struct bond_option *opt)
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
bool
bond_options_parse_value(const struct bond_option *opt, const char *value,
                         int *ip, struct eth_addr *mac)
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

/* Names the modes in 'modes', a bit per enum bond_mode, into 'ds'. */
void
bond_options_format_modes(struct ds *ds, unsigned int modes)
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

/* Appends the option table, one line per option, to 'ds'. */
void
bond_options_format(struct ds *ds)
{
    for (int i = 0; i < N_BOND_OPTS; i++) {
        const struct bond_option *opt = &bond_opts[i];

        ds_put_format(ds, "%s%s (Linux %s): ",
                      (opt->flags & OPT_COLUMN ? "Port "
                       : opt->flags & OPT_MEMBER ? "Interface other_config:"
                       : "Port other_config:"),
                      opt->key, opt->linux_name ? opt->linux_name : "-");
        bond_options_format_allowed(ds, opt);
        ds_put_format(ds, "; default %s; ", opt->def);
        bond_options_format_modes(ds, opt->modes);
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
bond_options_format_man(struct ds *ds)
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
        bond_options_format_allowed(&text, opt);
        ds_put_format(&text, "; default %s; ", opt->def);
        bond_options_format_modes(&text, opt->modes);
        ds_put_char(&text, '.');
        put_man(ds, ds_cstr(&text));
        ds_put_char(ds, '\n');
        ds_destroy(&text);
    }
}
