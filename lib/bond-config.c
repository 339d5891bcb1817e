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

#include "bond-options.h"
#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "svec.h"
#include "util.h"

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
        free(s->warnings);
        s->members = NULL;
        s->n_members = 0;
        s->primary = NULL;
        s->warnings = NULL;
    }
}

void
bond_config_clone(struct bond_settings *dst,
                    const struct bond_settings *src)
{
    *dst = *src;
    dst->primary = nullable_xstrdup(src->primary);
    dst->warnings = nullable_xstrdup(src->warnings);
    dst->members = xmemdup(src->members,
                           src->n_members * sizeof *src->members);
    for (size_t i = 0; i < src->n_members; i++) {
        dst->members[i].name = xstrdup(src->members[i].name);
    }
}

/* Parsing. */

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
    const char *best = bond_options_suggest(key, member);

    ds_put_format(errors, "; unknown key %s%s", where, key);
    if (best) {
        ds_put_format(errors, " (did you mean %s?)", best);
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
 * mode 'mode'.  Returns true if the option is to be applied.  Returns false
 * after adding a message to 'errors' if it is bad, or to 'warnings' if it is
 * good but does not apply to 'mode': Linux accepts such an option and
 * ignores it (a bond keeps its xmit_hash_policy when it changes to a mode
 * that has none), so a configuration that has one is applied without it. */
static bool
check_option(enum bond_opt_id id, const char *where, const char *value,
             enum bond_mode mode, int *ip, struct eth_addr *mac,
             struct bond_settings *s, struct ds *errors,
             struct ds *warnings)
{
    const struct bond_option *opt = &bond_opts[id];

    if (!bond_options_parse_value(opt, value, ip, mac)) {
        ds_put_format(errors, "; %s%s=%s: must be ", where, opt->key, value);
        bond_options_format_allowed(errors, opt);
        return false;
    }
    if ((id == BOND_OPT_LACP && *ip == BOND_LACP_OFF)
        || (id == BOND_OPT_FAIL_OVER_MAC && *ip == BOND_FOM_NONE)) {
        /* Harmless in every mode. */
        return true;
    }
    if (!(opt->modes & (1u << mode))) {
        /* Asking for LACP in a mode that cannot run it is a conflict, not
         * a leftover: the partner would wait for an aggregation. */
        struct ds *ds = id == BOND_OPT_LACP ? errors : warnings;
        ds_put_format(ds, "; %s%s=%s: %s in mode %s (%s in ", where,
                      opt->key, value,
                      ds == errors ? "not valid" : "ignored",
                      bond_config_mode_name(mode),
                      ds == errors ? "valid" : "applies");
        bond_options_format_modes(ds, opt->modes);
        ds_put_char(ds, ')');
        return false;
    }
    if (id == BOND_OPT_TLB_DYNAMIC_LB && !*ip
        && mode == BOND_MODE_BALANCE_ALB) {
        /* Linux forces it to 1 in balance-alb. */
        ds_put_format(warnings, "; %s%s=%s: ignored in mode balance-alb, "
                      "which always balances by load (use balance-tlb for "
                      "hash-only placement)", where, opt->key, value);
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
    /* Open vSwitch takes any Ethernet address but zero; Linux's
     * ad_actor_system refuses multicast too (see
     * bond_config_from_linux()). */
    if (s->has_lacp_system_id && eth_addr_is_zero(s->lacp_system_id)) {
        ds_put_format(errors, "; other_config:lacp-system-id="ETH_ADDR_FMT
                      ": must be a nonzero Ethernet address",
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
          struct ds *errors, struct ds *warnings)
{
    bool targets = s->n_arp_targets || s->n_ns_targets;

    if (!s->arp_interval) {
        /* Linux keeps the ARP monitor's other options while it is off. */
        static const enum bond_opt_id arp_opts[] = {
            BOND_OPT_ARP_IP_TARGET, BOND_OPT_NS_IP6_TARGET,
            BOND_OPT_ARP_VALIDATE, BOND_OPT_ARP_ALL_TARGETS,
            BOND_OPT_ARP_MISSED_MAX,
        };
        size_t n = 0;

        for (size_t i = 0; i < ARRAY_SIZE(arp_opts); i++) {
            const struct bond_option *opt = &bond_opts[arp_opts[i]];
            if (smap_get(cfg, opt->key)
                && opt->modes & (1u << s->mode)) {
                ds_put_format(warnings, "%sother_config:%s",
                              n++ ? ", " : "; ", opt->key);
            }
        }
        if (n) {
            ds_put_format(warnings, ": ignored while the ARP monitor is "
                          "off (no other_config:bond-arp-interval)");
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
 * Returns NULL if successful, with the options it ignores named in
 * 's->warnings'.  Otherwise returns one malloc'd message that names every
 * bad key, its value and what is allowed; 's' then holds a partial result
 * that the caller must not use, only destroy. */
char *
bond_config_parse(const struct smap *cfg, const char *name,
                  char *const member_names[], size_t n_members,
                  struct bond_settings *s)
{
    struct ds errors = DS_EMPTY_INITIALIZER;
    struct ds warnings = DS_EMPTY_INITIALIZER;
    const struct smap_node *node;
    struct eth_addr mac;
    int value;

    /* The mode first: the other options depend on it. */
    const char *column = smap_get(cfg, "bond_mode");
    const char *linux_mode = smap_get(cfg, "bond-mode");
    if (column && check_option(BOND_OPT_MODE_COLUMN, "", column,
                               BOND_MODE_ACTIVE_BACKUP, &value, &mac, s,
                               &errors, &warnings)) {
        s->mode = value;
    }
    if (linux_mode && check_option(BOND_OPT_MODE, "other_config:",
                                   linux_mode, BOND_MODE_ACTIVE_BACKUP,
                                   &value, &mac, s, &errors, &warnings)) {
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
            int id = bond_options_find(mkey, true);
            if (idx >= n_members) {
                ds_put_format(&errors, "; %s%s: %s is not a member of %s",
                              where, mkey, member, name);
            } else if (id < 0) {
                if (bond_config_is_key(mkey)) {
                    put_unknown_key(&errors, where, mkey, true);
                }
            } else if (check_option(id, where, node->value, s->mode, &value,
                                    &mac, s, &errors, &warnings)) {
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

        int id = bond_options_find(key, false);
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
                         &errors, &warnings)) {
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
    check_arp(cfg, s, &errors, &warnings);
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
        ds_destroy(&warnings);
        return msg;
    }
    if (warnings.length) {
        s->warnings = xasprintf("%s: %s", name, ds_cstr(&warnings) + 2);
    }
    ds_destroy(&errors);
    ds_destroy(&warnings);
    return NULL;
}

/* Returns why the Linux bonding option 'name', which has no OVSDB home, has
 * none, or NULL if Linux has no such option. */
static const char *
linux_only_option(const char *name)
{
    static const char *const options[][2] = {
        { "max_bonds", "a module parameter that creates bonds at load time "
          "(each bond is one ovs-vsctl add-bond)" },
        { "tx_queues", "the transmit queues of Linux's bond device (a bond "
          "transmits on its members' queues)" },
        { "use_carrier", "Linux's MII ioctl polling, which it has removed "
          "(link state is the carrier)" },
        { "queue_id", "Linux's per-member transmit queue mapping" },
        { "ad_user_port_key", "the user bits of Linux's LACP port key (use "
          "other_config:lacp-aggregation-key)" },
        { "coupled_control", "not implemented: the mux machine is always "
          "coupled" },
        { "broadcast_neighbor", "not implemented: ARP and neighbor "
          "discovery follow the transmit hash" },
    };

    for (size_t i = 0; i < ARRAY_SIZE(options); i++) {
        if (!strcmp(options[i][0], name)) {
            return options[i][1];
        }
    }
    return NULL;
}

/* Translates Linux bonding options, as given to "modprobe bonding" or in
 * ifenslave-era configuration ("mode=1 miimon=100 updelay=200"), into
 * their OVSDB homes: Port columns into 'columns', Port other_config keys
 * into 'other_config'.  Both come from the option table, so the mapping
 * cannot drift from what the daemon accepts.
 *
 * A Linux option that has no OVSDB home is added to 'skipped', as
 * "NAME=VALUE: reason", when 'skipped' is nonnull, and is otherwise an
 * error.
 *
 * Returns NULL if successful, otherwise a malloc'd message naming every
 * token that is not NAME=VALUE, every bad ad_actor_system and, with a null
 * 'skipped', every option that has no OVSDB home.  Other values are not
 * checked here: the daemon checks them when it applies the configuration. */
char *
bond_config_from_linux(const char *options, struct smap *columns,
                       struct smap *other_config, struct svec *skipped)
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

        int id = bond_options_find_linux(name);
        if (id < 0 && !strcmp(name, "use_carrier") && !strcmp(value, "1")) {
            /* Linux's default, and the only behaviour left since Linux
             * removed use_carrier=0: link state is the carrier. */
            continue;
        } else if (id < 0) {
            const char *why = linux_only_option(name);
            char *msg = xasprintf("%s=%s: %s", name, value,
                                  why ? why : "no such Linux bonding option "
                                  "with an Open vSwitch equivalent");
            if (skipped) {
                svec_add_nocopy(skipped, msg);
            } else {
                ds_put_format(&errors, "; %s", msg);
                free(msg);
            }
            continue;
        }

        const struct bond_option *opt = &bond_opts[id];
        struct eth_addr mac;
        if (id == BOND_OPT_LACP_SYSTEM_ID && eth_addr_from_string(value, &mac)
            && (eth_addr_is_multicast(mac) || eth_addr_is_zero(mac))) {
            ds_put_format(&errors, "; %s=%s: must be a unicast, nonzero "
                          "Ethernet address", name, value);
            continue;
        }
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
