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
#include "bond-unixctl.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bond-config.h"
#include "bond-alb.h"
#include "bond-hash.h"
#include "netdev-bond.h"
#include "openvswitch/dynamic-string.h"
#include "packets.h"
#include "svec.h"
#include "unixctl.h"
#include "util.h"

static unixctl_cb_func bond_unixctl_list;
static unixctl_cb_func bond_unixctl_show;
static unixctl_cb_func bond_unixctl_show_linux;
static unixctl_cb_func bond_unixctl_set_active;
static unixctl_cb_func bond_unixctl_enable;
static unixctl_cb_func bond_unixctl_hash;
static unixctl_cb_func bond_unixctl_migrate;
static unixctl_cb_func bond_unixctl_lacp_show;
static unixctl_cb_func bond_unixctl_stats;
static unixctl_cb_func bond_unixctl_show_alb;

/* Which bonds a show command covers. */
enum show_filter {
    SHOW_ALL,
    SHOW_LACP,                  /* Those that run LACP. */
    SHOW_ALB                    /* balance-alb bonds. */
};

/* The commands: Open vSwitch's bond/ and lacp/ names and usages (scripts
 * and users call them), then ours.  A NULL usage hides a name that is kept
 * for older scripts. */
static const struct {
    const char *name;
    const char *usage;
    int min_args, max_args;
    unixctl_cb_func *cb;
    bool flag;                  /* Passed to 'cb' as its 'aux'. */
} bond_commands[] = {
    { "bond/list", "", 0, 0, bond_unixctl_list, false },
    { "bond/show", "[port]", 0, 1, bond_unixctl_show, false },
    { "bond/set-active-member", "port member", 2, 2,
      bond_unixctl_set_active, false },
    { "bond/enable-member", "port member", 2, 2, bond_unixctl_enable, true },
    { "bond/disable-member", "port member", 2, 2,
      bond_unixctl_enable, false },
    { "bond/hash", "mac [vlan] [basis]", 1, 3, bond_unixctl_hash, false },
    { "bond/migrate", "port hash member", 3, 3, bond_unixctl_migrate,
      false },
    { "lacp/show", "[port]", 0, 1, bond_unixctl_lacp_show, false },
    { "lacp/show-stats", "[port]", 0, 1, bond_unixctl_lacp_show, true },

    /* Ours. */
    { "bond/show-linux", "[port]", 0, 1, bond_unixctl_show_linux, false },
    { "bond/stats", "[port]", 0, 1, bond_unixctl_stats, false },
    { "bond/show-alb", "[port]", 0, 1, bond_unixctl_show_alb, false },

    /* Older names. */
    { "bond/set-active-slave", NULL, 2, 2, bond_unixctl_set_active, false },
    { "bond/enable-slave", NULL, 2, 2, bond_unixctl_enable, true },
    { "bond/disable-slave", NULL, 2, 2, bond_unixctl_enable, false },
};

/* Registers the commands.  Call once. */
void
bond_unixctl_init(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(bond_commands); i++) {
        unixctl_command_register(bond_commands[i].name,
                                 bond_commands[i].usage,
                                 bond_commands[i].min_args,
                                 bond_commands[i].max_args,
                                 bond_commands[i].cb,
                                 bond_commands[i].flag ? (void *) 1 : NULL);
    }
}

/* Returns the index of the members of 'r' in name order, in a malloc'd
 * array. */
static size_t *
sorted_members(const struct netdev_bond_report *r)
{
    size_t *order = xmalloc(MAX(r->n_members, 1) * sizeof *order);

    for (size_t i = 0; i < r->n_members; i++) {
        order[i] = i;
    }
    for (size_t i = 1; i < r->n_members; i++) {
        for (size_t j = i; j > 0 && strcmp(r->members[order[j - 1]].name,
                                           r->members[order[j]].name) > 0;
             j--) {
            size_t tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    }
    return order;
}

/* Formats 'r' as Open vSwitch's bond/show does, field for field. */
void
bond_unixctl_format_ovs(struct ds *ds, const struct netdev_bond_report *r)
{
    const struct bond_settings *s = &r->settings;

    ds_put_format(ds, "---- %s ----\n", r->name);
    ds_put_format(ds, "bond_mode: %s\n", bond_config_mode_name(s->mode));
    ds_put_cstr(ds, "bond may use recirculation: no, Recirc-ID : -1\n");
    ds_put_format(ds, "bond-hash-basis: %"PRIu32"\n", s->hash_basis);
    ds_put_cstr(ds, "lb_output action: disabled, bond-id: -1\n");
    if (s->mode == BOND_MODE_BALANCE_SLB) {
        ds_put_format(ds, "all members active: %s\n",
                      s->all_members_active ? "true" : "false");
    }
    ds_put_format(ds, "updelay: %d ms\n", s->updelay);
    ds_put_format(ds, "downdelay: %d ms\n", s->downdelay);
    if (s->mode == BOND_MODE_BALANCE_XOR || s->mode == BOND_MODE_8023AD
        || s->mode == BOND_MODE_BALANCE_TLB) {
        ds_put_format(ds, "xmit_hash_policy: %s\n",
                      bond_hash_policy_name(s->xmit_policy));
    }
    ds_put_format(ds, "lacp_status: %s\n",
                  (!r->lacp ? "off"
                   : r->lacp_negotiated ? "negotiated" : "configured"));
    ds_put_format(ds, "lacp_fallback_ab: %s\n",
                  s->lacp_fallback_ab ? "true" : "false");

    bool found_primary = false;
    for (size_t i = 0; i < r->n_members; i++) {
        found_primary = found_primary
                        || (s->primary && !strcmp(s->primary,
                                                  r->members[i].name));
    }
    ds_put_format(ds, "active-backup primary: %s%s\n",
                  s->primary ? s->primary : "<none>",
                  s->primary && !found_primary ? " (no such member)" : "");

    const struct netdev_bond_report_member *active
        = r->active >= 0 ? &r->members[r->active] : NULL;
    ds_put_format(ds, "active member mac: "ETH_ADDR_FMT"(%s)\n",
                  ETH_ADDR_ARGS(active ? active->mac : eth_addr_zero),
                  active ? active->name : "none");

    size_t *order = sorted_members(r);
    for (size_t k = 0; k < r->n_members; k++) {
        size_t i = order[k];
        const struct netdev_bond_report_member *m = &r->members[i];

        ds_put_format(ds, "\nmember %s: %s\n", m->name,
                      m->enabled ? "enabled" : "disabled");
        if (m->active) {
            ds_put_cstr(ds, "  active member\n");
        }
        if (m->delay_left >= 0) {
            ds_put_format(ds, "  %s expires in %lld ms\n",
                          m->enabled ? "downdelay" : "updelay",
                          m->delay_left);
        }
        ds_put_format(ds, "  may_enable: %s\n",
                      ((m->link == BOND_LINK_UP || m->link == BOND_LINK_FAIL)
                       && (!r->lacp || m->lacp.may_tx)) ? "true" : "false");
        if (s->arp_interval) {
            ds_put_format(ds, "  arp monitor: %s, last proof %lld ms ago\n",
                          m->arp_alive ? "up" : "down", m->arp_proof_age);
        }

        if (!bond_config_uses_buckets(s) || !m->enabled) {
            continue;
        }
        /* The buckets that map to this member, with their load. */
        size_t tx = 0;
        for (size_t j = 0; j < i; j++) {
            tx += r->members[j].enabled;
        }
        size_t n_tx = 0;
        for (size_t j = 0; j < r->n_members; j++) {
            n_tx += r->members[j].enabled;
        }
        for (int h = 0; h < BOND_HASH_BUCKETS; h++) {
            uint64_t kb = r->bucket_bytes[h] / 1024;
            if (n_tx && r->buckets[h] % n_tx == tx && kb) {
                ds_put_format(ds, "  hash %d: %"PRIu64" kB load\n", h, kb);
            }
        }
    }
    free(order);
    ds_put_cstr(ds, "\n");
}

/* The bond-wide 802.3ad section of /proc/net/bonding/bondX. */
static void
format_linux_8023ad(struct ds *ds, const struct netdev_bond_report *r)
{
    static const char *selects[] = { "stable", "bandwidth", "count" };
    const struct lacp_fsm_settings *ls = &r->lacp_settings;
    const struct lacp_fsm_agg_report *agg = &r->lacp_agg;

    ds_put_cstr(ds, "\n802.3ad info\n");
    ds_put_format(ds, "LACP active: %s\n", ls->active ? "on" : "off");
    ds_put_format(ds, "LACP rate: %s\n", ls->fast ? "fast" : "slow");
    ds_put_format(ds, "Min links: %d\n", r->settings.min_links);
    ds_put_format(ds, "Aggregator selection policy (ad_select): %s\n",
                  selects[ls->ad_select]);
    ds_put_format(ds, "System priority: %u\n", ls->sys_priority);
    ds_put_format(ds, "System MAC address: "ETH_ADDR_FMT"\n",
                  ETH_ADDR_ARGS(ls->sys_id));
    if (!agg->id) {
        ds_put_format(ds, "bond %s has no active aggregator\n", r->name);
        return;
    }
    ds_put_cstr(ds, "Active Aggregator Info:\n");
    ds_put_format(ds, "\tAggregator ID: %d\n", agg->id);
    ds_put_format(ds, "\tNumber of ports: %"PRIuSIZE"\n", agg->n_ports);
    ds_put_format(ds, "\tActor Key: %u\n", agg->actor_key);
    ds_put_format(ds, "\tPartner Key: %u\n", agg->partner_key);
    ds_put_format(ds, "\tPartner Mac Address: "ETH_ADDR_FMT"\n",
                  ETH_ADDR_ARGS(agg->partner_sys_id));
}

static void
format_linux_lacp_pdu(struct ds *ds, const char *who,
                      const struct lacp_pdu_info *info, const char *key)
{
    ds_put_format(ds, "details %s lacp pdu:\n", who);
    ds_put_format(ds, "    system priority: %u\n", info->sys_priority);
    ds_put_format(ds, "    system mac address: "ETH_ADDR_FMT"\n",
                  ETH_ADDR_ARGS(info->sys_id));
    ds_put_format(ds, "    %s: %u\n", key, info->key);
    ds_put_format(ds, "    port priority: %u\n", info->port_priority);
    ds_put_format(ds, "    port number: %u\n", info->port_id);
    ds_put_format(ds, "    port state: %u\n", info->state);
}

/* A member's 802.3ad lines in /proc/net/bonding/bondX. */
static void
format_linux_8023ad_member(struct ds *ds,
                           const struct lacp_fsm_port_report *p)
{
    if (p->aggregator) {
        ds_put_format(ds, "Aggregator ID: %d\n", p->aggregator);
    } else {
        ds_put_cstr(ds, "Aggregator ID: N/A\n");
    }
    ds_put_format(ds, "Actor Churn State: %s\n",
                  lacp_fsm_churn_name(p->actor_churn));
    ds_put_format(ds, "Partner Churn State: %s\n",
                  lacp_fsm_churn_name(p->partner_churn));
    ds_put_format(ds, "Actor Churned Count: %"PRIu64"\n",
                  p->stats.actor_churns);
    ds_put_format(ds, "Partner Churned Count: %"PRIu64"\n",
                  p->stats.partner_churns);
    format_linux_lacp_pdu(ds, "actor", &p->actor, "port key");
    format_linux_lacp_pdu(ds, "partner", &p->partner, "oper key");
}

/* Formats 'r' as Linux's /proc/net/bonding/bondX. */
void
bond_unixctl_format_linux(struct ds *ds, const struct netdev_bond_report *r)
{
    static const char *reselect[] = { "always", "better", "failure" };
    static const char *fom[] = { "none", "active", "follow" };
    const struct bond_settings *s = &r->settings;
    int miimon = (s->detect_mode == BOND_DETECT_MIIMON
                  ? s->miimon_interval : 0);

    ds_put_format(ds, "Ethernet Channel Bonding Driver: ovs-bond %s\n\n",
                  OVS_BOND_VERSION);
    ds_put_format(ds, "Bonding Mode: %s",
                  bond_config_mode_linux_name(s->mode));
    if (s->mode == BOND_MODE_ACTIVE_BACKUP && s->fail_over_mac) {
        ds_put_format(ds, " (fail_over_mac %s)", fom[s->fail_over_mac]);
    }
    ds_put_char(ds, '\n');
    if (bond_config_mode_uses_xmit_hash(s->mode)) {
        ds_put_format(ds, "Transmit Hash Policy: %s (%d)\n",
                      bond_hash_policy_name(s->xmit_policy),
                      (int) s->xmit_policy);
    }
    if (bond_config_mode_has_active(s->mode)) {
        ds_put_format(ds, "Primary Slave: %s", s->primary ? s->primary
                      : "None");
        if (s->primary) {
            ds_put_format(ds, " (primary_reselect %s)",
                          reselect[s->primary_reselect]);
        }
        ds_put_format(ds, "\nCurrently Active Slave: %s\n",
                      r->active >= 0 ? r->members[r->active].name : "None");
    }
    ds_put_format(ds, "MII Status: %s\n", r->carrier ? "up" : "down");
    ds_put_format(ds, "MII Polling Interval (ms): %d\n", miimon);
    ds_put_format(ds, "Up Delay (ms): %d\n", s->updelay);
    ds_put_format(ds, "Down Delay (ms): %d\n", s->downdelay);
    ds_put_format(ds, "Peer Notification Delay (ms): %d\n",
                  s->peer_notif_delay);
    if (s->arp_interval) {
        ds_put_format(ds, "ARP Polling Interval (ms): %d\n", s->arp_interval);
        ds_put_format(ds, "ARP Missed Max: %d\n", s->arp_missed_max);
        ds_put_cstr(ds, "ARP IP target/s (n.n.n.n form):");
        for (size_t i = 0; i < s->n_arp_targets; i++) {
            ds_put_format(ds, "%s "IP_FMT, i ? "," : "",
                          IP_ARGS(s->arp_targets[i]));
        }
        ds_put_cstr(ds, "\nNS IPv6 target/s (xx::xx form):");
        for (size_t i = 0; i < s->n_ns_targets; i++) {
            ds_put_cstr(ds, i ? ", " : " ");
            ipv6_format_addr(&s->ns_targets[i], ds);
        }
        ds_put_char(ds, '\n');
    }
    if (r->lacp) {
        format_linux_8023ad(ds, r);
    }

    /* Members in configuration order, as Linux lists its slaves. */
    for (size_t i = 0; i < r->n_members; i++) {
        const struct netdev_bond_report_member *m = &r->members[i];

        ds_put_format(ds, "\nSlave Interface: %s\n", m->name);
        ds_put_format(ds, "MII Status: %s\n", bond_state_link_name(m->link));
        if (m->speed) {
            ds_put_format(ds, "Speed: %"PRIu64" Mbps\n", m->speed / 1000000);
        } else {
            ds_put_cstr(ds, "Speed: Unknown\n");
        }
        ds_put_format(ds, "Duplex: %s\n", (m->duplex < 0 ? "Unknown"
                                           : m->duplex ? "full" : "half"));
        ds_put_format(ds, "Link Failure Count: %u\n", m->link_failures);
        ds_put_format(ds, "Permanent HW addr: "ETH_ADDR_FMT"\n",
                      ETH_ADDR_ARGS(m->mac));
        ds_put_cstr(ds, "Slave queue ID: 0\n");
        if (r->lacp) {
            format_linux_8023ad_member(ds, &m->lacp);
        }
    }
}

typedef void format_func(struct ds *, const struct netdev_bond_report *);
static format_func format_lacp_stats;

/* The ports that run LACP outside a bond netdev, or NULL. */
static const struct bond_unixctl_lacp_ports *lacp_ports;

void
bond_unixctl_set_lacp_ports(const struct bond_unixctl_lacp_ports *ports)
{
    lacp_ports = ports;
}

/* bond/show, bond/show-linux, bond/show-alb, lacp/show and lacp/show-stats:
 * one bond, or every bond in name order, formatted by 'format'.  'filter'
 * says which bonds count: for lacp/show, only those that run LACP, as Open
 * vSwitch's lacp objects. */
static void
bond_unixctl_show__(struct unixctl_conn *conn, int argc, const char *argv[],
                    format_func *format, enum show_filter filter)
{
    static const char *no_such[] = {
        [SHOW_ALL] = "no such bond",
        [SHOW_LACP] = "no such lacp object",
        [SHOW_ALB] = "no such balance-alb bond",
    };
    const struct bond_unixctl_lacp_ports *others
        = filter == SHOW_LACP ? lacp_ports : NULL;
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    if (argc > 1) {
        svec_add(&names, argv[1]);
    } else {
        netdev_bond_names(&names);
        if (others) {
            others->names(&names);
        }
        svec_sort(&names);
    }

    for (size_t i = 0; i < names.n; i++) {
        struct netdev_bond_report r;
        bool found = netdev_bond_report(names.names[i], &r);

        if (!found || (filter == SHOW_LACP && !r.lacp)
            || (filter == SHOW_ALB && !r.alb)) {
            netdev_bond_report_destroy(&r);
            if (!found && others
                && others->format(names.names[i],
                                  format == format_lacp_stats, &ds)) {
                continue;
            }
            if (argc > 1) {
                unixctl_command_reply_error(conn, no_such[filter]);
                goto out;
            }
            continue;
        }
        if (ds.length && format == bond_unixctl_format_linux) {
            ds_put_char(&ds, '\n');
        }
        format(&ds, &r);
        netdev_bond_report_destroy(&r);
    }
    unixctl_command_reply(conn, ds_cstr(&ds));

out:
    svec_destroy(&names);
    ds_destroy(&ds);
}

static void
bond_unixctl_show(struct unixctl_conn *conn, int argc, const char *argv[],
                  void *aux OVS_UNUSED)
{
    bond_unixctl_show__(conn, argc, argv, bond_unixctl_format_ovs, SHOW_ALL);
}

static void
bond_unixctl_show_linux(struct unixctl_conn *conn, int argc,
                        const char *argv[], void *aux OVS_UNUSED)
{
    bond_unixctl_show__(conn, argc, argv, bond_unixctl_format_linux,
                        SHOW_ALL);
}

static void
bond_unixctl_list(struct unixctl_conn *conn, int argc OVS_UNUSED,
                  const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    ds_put_cstr(&ds, "bond\ttype\trecircID\tmembers\n");
    netdev_bond_names(&names);
    svec_sort(&names);
    for (size_t i = 0; i < names.n; i++) {
        struct netdev_bond_report r;

        if (netdev_bond_report(names.names[i], &r)) {
            ds_put_format(&ds, "%s\t%s\t-1\t", r.name,
                          bond_config_mode_name(r.settings.mode));
            for (size_t j = 0; j < r.n_members; j++) {
                ds_put_format(&ds, "%s%s", j ? ", " : "", r.members[j].name);
            }
            ds_put_char(&ds, '\n');
            netdev_bond_report_destroy(&r);
        }
    }
    unixctl_command_reply(conn, ds_cstr(&ds));
    svec_destroy(&names);
    ds_destroy(&ds);
}

static void
bond_unixctl_set_active(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[], void *aux OVS_UNUSED)
{
    const char *error = netdev_bond_set_active(argv[1], argv[2]);

    if (!error) {
        unixctl_command_reply(conn, "done");
    } else if (!strcmp(error, "no change")) {
        unixctl_command_reply(conn, error);
    } else {
        unixctl_command_reply_error(conn, error);
    }
}

static void
bond_unixctl_enable(struct unixctl_conn *conn, int argc OVS_UNUSED,
                    const char *argv[], void *enable)
{
    const char *error = netdev_bond_set_enabled(argv[1], argv[2], !!enable);

    if (error) {
        unixctl_command_reply_error(conn, error);
    } else {
        unixctl_command_reply(conn, enable ? "enabled" : "disabled");
    }
}

static void
bond_unixctl_migrate(struct unixctl_conn *conn, int argc OVS_UNUSED,
                     const char *argv[], void *aux OVS_UNUSED)
{
    unsigned int hash;
    const char *error;

    if (!str_to_uint(argv[2], 10, &hash)) {
        error = "bad hash";
    } else {
        error = netdev_bond_migrate(argv[1], hash, argv[3]);
    }
    if (error) {
        unixctl_command_reply_error(conn, error);
    } else {
        unixctl_command_reply(conn, "migrated");
    }
}

/* bond/hash mac [vlan] [basis]: the balance-slb bucket of a MAC and VLAN,
 * as Open vSwitch computes it. */
static void
bond_unixctl_hash(struct unixctl_conn *conn, int argc, const char *argv[],
                  void *aux OVS_UNUSED)
{
    struct eth_addr mac;
    unsigned int vlan = 0, basis = 0;

    if (!eth_addr_from_string(argv[1], &mac)) {
        unixctl_command_reply_error(conn, "invalid mac");
        return;
    }
    if (argc > 2 && (!str_to_uint(argv[2], 10, &vlan) || vlan > 4095)) {
        unixctl_command_reply_error(conn, "invalid vlan");
        return;
    }
    if (argc > 3 && !str_to_uint(argv[3], 10, &basis)) {
        unixctl_command_reply_error(conn, "invalid basis");
        return;
    }

    char *reply = xasprintf("%"PRIu32, (bond_hash_slb(mac, vlan, basis)
                                        & BOND_HASH_MASK));
    unixctl_command_reply(conn, reply);
    free(reply);
}

/* lacp/show [port] in Open vSwitch's format, field for field. */
static void
format_lacp_show(struct ds *ds, const struct netdev_bond_report *r)
{
    const struct lacp_fsm_settings *ls = &r->lacp_settings;

    ds_put_format(ds, "---- %s ----\n", r->name);
    ds_put_format(ds, "  status: %s%s\n", ls->active ? "active" : "passive",
                  r->lacp_negotiated ? " negotiated" : "");
    ds_put_format(ds, "  sys_id: "ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(ls->sys_id));
    ds_put_format(ds, "  sys_priority: %u\n", ls->sys_priority);
    ds_put_cstr(ds, "  aggregation key: ");
    if (r->n_members) {
        ds_put_format(ds, "%u\n", r->members[0].lacp.actor.key);
    } else {
        ds_put_cstr(ds, "none\n");
    }
    ds_put_format(ds, "  lacp_time: %s\n", ls->fast ? "fast" : "slow");

    size_t *order = sorted_members(r);
    for (size_t k = 0; k < r->n_members; k++) {
        const struct netdev_bond_report_member *m = &r->members[order[k]];
        const struct lacp_fsm_port_report *p = &m->lacp;
        const char *status = (p->rx == LACP_FSM_RX_CURRENT ? "current"
                              : p->rx == LACP_FSM_RX_EXPIRED ? "expired"
                              : "defaulted");

        ds_put_format(ds, "\nmember: %s: %s %s\n", m->name, status,
                      p->mux >= LACP_FSM_MUX_ATTACHED
                      ? "attached" : "detached");
        ds_put_format(ds, "  port_id: %u\n", p->actor.port_id);
        ds_put_format(ds, "  port_priority: %u\n", p->actor.port_priority);
        ds_put_format(ds, "  may_enable: %s\n",
                      p->may_tx ? "true" : "false");
        for (int side = 0; side < 2; side++) {
            const struct lacp_pdu_info *info = side ? &p->partner : &p->actor;
            const char *who = side ? "partner" : "actor";

            ds_put_format(ds, "\n  %s sys_id: "ETH_ADDR_FMT"\n", who,
                          ETH_ADDR_ARGS(info->sys_id));
            ds_put_format(ds, "  %s sys_priority: %u\n", who,
                          info->sys_priority);
            ds_put_format(ds, "  %s port_id: %u\n", who, info->port_id);
            ds_put_format(ds, "  %s port_priority: %u\n", who,
                          info->port_priority);
            ds_put_format(ds, "  %s key: %u\n", who, info->key);
            ds_put_format(ds, "  %s state:", who);
            lacp_pdu_format_state(ds, info->state);
            ds_put_char(ds, '\n');
        }
    }
    free(order);
}

/* lacp/show-stats [port] in Open vSwitch's format, plus our counters. */
static void
format_lacp_stats(struct ds *ds, const struct netdev_bond_report *r)
{
    ds_put_format(ds, "---- %s statistics ----\n", r->name);

    size_t *order = sorted_members(r);
    for (size_t k = 0; k < r->n_members; k++) {
        const struct netdev_bond_report_member *m = &r->members[order[k]];
        const struct lacp_fsm_stats *st = &m->lacp.stats;

        ds_put_format(ds, "\nmember: %s:\n", m->name);
        ds_put_format(ds, "  TX PDUs: %"PRIu64"\n", st->tx_pdus);
        ds_put_format(ds, "  RX PDUs: %"PRIu64"\n", st->rx_pdus);
        ds_put_format(ds, "  RX Bad PDUs: %"PRIu64"\n", st->rx_bad);
        ds_put_format(ds, "  RX Marker Request PDUs: %"PRIu64"\n",
                      st->rx_marker);
        ds_put_format(ds, "  Link Expired: %"PRIu64"\n", st->link_expired);
        ds_put_format(ds, "  Link Defaulted: %"PRIu64"\n",
                      st->link_defaulted);
        ds_put_format(ds, "  Carrier Status Changed: %"PRIu64"\n",
                      st->carrier_changes);
        ds_put_format(ds, "  RX Unknown PDUs: %"PRIu64"\n", st->rx_unknown);
        ds_put_format(ds, "  TX Marker Response PDUs: %"PRIu64"\n",
                      st->tx_marker_response);
        ds_put_format(ds, "  Actor Churned Count: %"PRIu64"\n",
                      st->actor_churns);
        ds_put_format(ds, "  Partner Churned Count: %"PRIu64"\n",
                      st->partner_churns);
    }
    free(order);
}

/* lacp/show and lacp/show-stats. */
static void
bond_unixctl_lacp_show(struct unixctl_conn *conn, int argc,
                       const char *argv[], void *stats)
{
    bond_unixctl_show__(conn, argc, argv,
                        stats ? format_lacp_stats : format_lacp_show,
                        SHOW_LACP);
}

/* bond/stats [port]: one line per member, "KEY=VALUE" words, for scripts
 * (utilities/ovs-bond-top) and people: the member's state and role, its
 * link, LACP and ARP monitor state, and its packet and byte counters; then
 * one line for the bond's transmit thread. */
static void
format_stats(struct ds *ds, const struct netdev_bond_report *r)
{
    for (size_t i = 0; i < r->n_members; i++) {
        const struct netdev_bond_report_member *m = &r->members[i];
        const struct netdev_stats *st = &m->stats;

        ds_put_format(ds, "bond=%s member=%s mode=%s state=%s role=%s "
                      "link=%s", r->name, m->name,
                      bond_config_mode_name(r->settings.mode),
                      m->enabled ? "enabled" : "disabled",
                      m->active ? "active" : "backup",
                      m->error ? "error"
                      : bond_state_link_name(m->link));
        if (r->lacp) {
            ds_put_format(ds, " lacp=%s/%s", lacp_fsm_rx_name(m->lacp.rx),
                          lacp_fsm_mux_name(m->lacp.mux));
        }
        if (r->settings.arp_interval) {
            ds_put_format(ds, " arp=%s", m->arp_alive ? "up" : "down");
        }
        ds_put_format(ds, " link_failures=%u rx_packets=%"PRIu64
                      " tx_packets=%"PRIu64" rx_bytes=%"PRIu64
                      " tx_bytes=%"PRIu64" rx_dropped=%"PRIu64"\n",
                      m->link_failures, st->rx_packets, st->tx_packets,
                      st->rx_bytes, st->tx_bytes, m->rx_dropped);
    }
    ds_put_format(ds, "bond=%s tx_thread=%s tx_queued=%"PRIu64
                  " tx_direct=%"PRIu64" tx_ring_full=%"PRIu64
                  " tx_wakeups=%"PRIu64"\n", r->name,
                  r->tx_thread ? "on" : "off", r->tx_queued, r->tx_direct,
                  r->tx_full, r->tx_wakeups);
}

static void
bond_unixctl_stats(struct unixctl_conn *conn, int argc, const char *argv[],
                   void *aux OVS_UNUSED)
{
    bond_unixctl_show__(conn, argc, argv, format_stats, SHOW_ALL);
}

/* bond/show-alb [port]: balance-alb's table of peers, and how many peers
 * each member receives from. */
static void
format_alb(struct ds *ds, const struct netdev_bond_report *r)
{
    const struct bond_alb_report *alb = r->alb;

    ds_put_format(ds, "---- %s ----\n", r->name);
    ds_put_format(ds, "peers: %"PRIuSIZE" (at most %d, forgotten after %d s "
                  "without ARP)\n", alb->n_peers, BOND_ALB_MAX_PEERS,
                  BOND_ALB_PEER_AGE / 1000);
    ds_put_format(ds, "assignments: %"PRIu64", updates: %"PRIu64", evicted: "
                  "%"PRIu64", expired: %"PRIu64"\n", alb->n_assigned,
                  alb->n_updates, alb->n_evicted, alb->n_expired);
    for (size_t i = 0; i < r->n_members; i++) {
        const struct netdev_bond_report_member *m = &r->members[i];
        size_t n = i < BOND_MAX_MEMBERS ? alb->member_peers[i] : 0;

        ds_put_format(ds, "member %s: %"PRIuSIZE" peer%s, mac "ETH_ADDR_FMT
                      "%s\n", m->name, n, n == 1 ? "" : "s",
                      ETH_ADDR_ARGS(m->mac), m->active ? " (active)" : "");
    }
    if (alb->n_peers) {
        ds_put_format(ds, "\n%-15s %-17s %-15s %-10s %-17s %s\n", "peer",
                      "peer mac", "host", "member", "told mac", "age");
    }
    for (size_t i = 0; i < alb->n_peers; i++) {
        const struct bond_alb_peer *p = &alb->peers[i];
        char ip[INET_ADDRSTRLEN], host[INET_ADDRSTRLEN];

        snprintf(ip, sizeof ip, IP_FMT, IP_ARGS(p->ip));
        snprintf(host, sizeof host, IP_FMT, IP_ARGS(p->host_ip));
        ds_put_format(ds, "%-15s "ETH_ADDR_FMT" %-15s %-10s "ETH_ADDR_FMT
                      " %llds%s", ip, ETH_ADDR_ARGS(p->mac), host,
                      (p->member >= 0 && (size_t) p->member < r->n_members
                       ? r->members[p->member].name : "none"),
                      ETH_ADDR_ARGS(p->told), (r->now - p->last_seen) / 1000,
                      p->update ? " (update due)" : "");
        if (p->vlan) {
            ds_put_format(ds, " vlan %d", p->vlan);
        }
        ds_put_char(ds, '\n');
    }
}

static void
bond_unixctl_show_alb(struct unixctl_conn *conn, int argc, const char *argv[],
                      void *aux OVS_UNUSED)
{
    bond_unixctl_show__(conn, argc, argv, format_alb, SHOW_ALB);
}
