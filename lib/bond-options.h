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

#ifndef BOND_OPTIONS_H
#define BOND_OPTIONS_H 1

/* The option table, pure.
 *
 * Every bond option has one row: its OVSDB key (a Port column, a Port
 * other_config key, or a per-member Interface other_config key), the Linux
 * bonding option it corresponds to, its type and allowed values, its
 * default, and the modes it applies to.  Parsing, error messages and the
 * documentation table (bond_options_format()) all come from it;
 * lib/bond-config.c parses and checks a bond's configuration with it. */

#include <stdbool.h>
#include <stddef.h>

#include "bond-config.h"
#include "packets.h"

struct ds;

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

/* Sets of modes, a bit per enum bond_mode. */
#define MODE_BIT(MODE) (1u << BOND_MODE_##MODE)
#define MODES_ALL ((1u << N_BOND_MODES) - 1)
#define MODES_ACTIVE (MODE_BIT(ACTIVE_BACKUP) | MODE_BIT(BALANCE_TLB)   \
                      | MODE_BIT(BALANCE_ALB))
#define MODES_XMIT_HASH (MODE_BIT(BALANCE_XOR) | MODE_BIT(8023AD)      \
                         | MODE_BIT(BALANCE_TLB))
#define MODES_OVS_HASH (MODE_BIT(BALANCE_SLB) | MODE_BIT(BALANCE_TCP))
#define MODES_LACP (MODE_BIT(8023AD) | MODE_BIT(ACTIVE_BACKUP)         \
                    | MODES_OVS_HASH)
#define MODES_ARP (MODES_ALL & ~(MODE_BIT(8023AD) | MODE_BIT(BALANCE_TLB) \
                                 | MODE_BIT(BALANCE_ALB)))

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

extern const struct bond_option bond_opts[N_BOND_OPTS];

int bond_options_find(const char *key, bool member);
int bond_options_find_linux(const char *linux_name);
const char *bond_options_suggest(const char *key, bool member);
bool bond_options_parse_value(const struct bond_option *, const char *value,
                              int *ip, struct eth_addr *mac);
void bond_options_format_allowed(struct ds *, const struct bond_option *);
void bond_options_format_modes(struct ds *, unsigned int modes);
void bond_options_format(struct ds *);
void bond_options_format_man(struct ds *);

#endif /* bond-options.h */
