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
#include "bond-metrics.h"

#include <inttypes.h>
#include <string.h>

#include "bond-config.h"
#include "bond-state.h"
#include "lacp-fsm.h"
#include "netdev-bond.h"
#include "openvswitch/dynamic-string.h"
#include "util.h"

/* A metric's sample for one bond ('m' NULL) or one of its members: appends
 * any labels of its own to 'labels' (",name=\"value\"" each) and its value
 * to 'value'.  Returns false if the metric does not apply. */
typedef bool metric_func(const struct netdev_bond_report *r,
                         const struct netdev_bond_report_member *m,
                         struct ds *labels, struct ds *value);

/* Returns a member's state, one of a state set's 'states'. */
typedef const char *state_func(const struct netdev_bond_report_member *);

struct metric {
    const char *name;
    const char *type;           /* "gauge" or "counter". */
    const char *help;
    bool per_member;
    metric_func *get;           /* NULL for a state set. */

    /* A state set: one sample per state, labelled "state", 1 for the
     * member's and 0 for the others. */
    const char *const *states;
    size_t n_states;
    state_func *state;
};

/* Appends 'value' to 'ds' as a label value: backslash, double quote and
 * line feed escaped. */
static void
put_label_value(struct ds *ds, const char *value)
{
    for (const char *p = value; *p; p++) {
        if (*p == '\\' || *p == '"') {
            ds_put_char(ds, '\\');
            ds_put_char(ds, *p);
        } else if (*p == '\n') {
            ds_put_cstr(ds, "\\n");
        } else {
            ds_put_char(ds, *p);
        }
    }
}

static void
put_label(struct ds *ds, const char *name, const char *value)
{
    ds_put_format(ds, ",%s=\"", name);
    put_label_value(ds, value);
    ds_put_char(ds, '"');
}

static void
put_bool(struct ds *value, bool b)
{
    ds_put_char(value, b ? '1' : '0');
}

static void
put_u64(struct ds *value, uint64_t n)
{
    ds_put_format(value, "%"PRIu64, n);
}

/* Bond metrics. */

static bool
bond_up(const struct netdev_bond_report *r,
        const struct netdev_bond_report_member *m OVS_UNUSED,
        struct ds *labels OVS_UNUSED, struct ds *value)
{
    put_bool(value, r->carrier);
    return true;
}

static bool
bond_members(const struct netdev_bond_report *r,
             const struct netdev_bond_report_member *m OVS_UNUSED,
             struct ds *labels OVS_UNUSED, struct ds *value)
{
    ds_put_format(value, "%"PRIuSIZE, r->n_members);
    return true;
}

static bool
bond_members_enabled(const struct netdev_bond_report *r,
                     const struct netdev_bond_report_member *m OVS_UNUSED,
                     struct ds *labels OVS_UNUSED, struct ds *value)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n_members; i++) {
        n += r->members[i].enabled;
    }
    ds_put_format(value, "%"PRIuSIZE, n);
    return true;
}

static bool
bond_failovers(const struct netdev_bond_report *r,
               const struct netdev_bond_report_member *m OVS_UNUSED,
               struct ds *labels OVS_UNUSED, struct ds *value)
{
    put_u64(value, r->n_failovers);
    return true;
}

static bool
bond_last_failover(const struct netdev_bond_report *r,
                   const struct netdev_bond_report_member *m OVS_UNUSED,
                   struct ds *labels OVS_UNUSED, struct ds *value)
{
    ds_put_format(value, "%lld.%03lld", r->last_failover / 1000,
                  r->last_failover % 1000);
    return true;
}

static bool
bond_lacp_negotiated(const struct netdev_bond_report *r,
                     const struct netdev_bond_report_member *m OVS_UNUSED,
                     struct ds *labels OVS_UNUSED, struct ds *value)
{
    if (!r->lacp) {
        return false;
    }
    put_bool(value, r->lacp_negotiated);
    return true;
}

static bool
bond_tx_thread(const struct netdev_bond_report *r,
               const struct netdev_bond_report_member *m OVS_UNUSED,
               struct ds *labels OVS_UNUSED, struct ds *value)
{
    put_bool(value, r->tx_thread);
    return true;
}

/* The transmit thread's counters, one function each. */
#define TX_THREAD_COUNTER(FIELD)                                        \
    static bool                                                         \
    bond_##FIELD(const struct netdev_bond_report *r,                    \
                 const struct netdev_bond_report_member *m OVS_UNUSED,  \
                 struct ds *labels OVS_UNUSED, struct ds *value)        \
    {                                                                   \
        put_u64(value, r->FIELD);                                       \
        return true;                                                    \
    }
TX_THREAD_COUNTER(tx_queued)
TX_THREAD_COUNTER(tx_direct)
TX_THREAD_COUNTER(tx_full)
TX_THREAD_COUNTER(tx_wakeups)

/* Member metrics. */

static bool
member_enabled(const struct netdev_bond_report *r OVS_UNUSED,
               const struct netdev_bond_report_member *m,
               struct ds *labels OVS_UNUSED, struct ds *value)
{
    put_bool(value, m->enabled);
    return true;
}

static bool
member_active(const struct netdev_bond_report *r OVS_UNUSED,
              const struct netdev_bond_report_member *m,
              struct ds *labels OVS_UNUSED, struct ds *value)
{
    put_bool(value, m->active);
    return true;
}

/* The link states, as a state set: one sample per state, 1 for the
 * member's.  A member that could not be opened is in state "error". */
static const char *const link_states[] = {
    "up", "going_down", "down", "going_up", "error"
};

static const char *
member_link_state_name(const struct netdev_bond_report_member *m)
{
    if (m->error) {
        return "error";
    }
    switch (m->link) {
    case BOND_LINK_UP: return "up";
    case BOND_LINK_FAIL: return "going_down";
    case BOND_LINK_DOWN: return "down";
    case BOND_LINK_BACK: return "going_up";
    }
    return "error";
}

static bool
member_link_failures(const struct netdev_bond_report *r OVS_UNUSED,
                     const struct netdev_bond_report_member *m,
                     struct ds *labels OVS_UNUSED, struct ds *value)
{
    ds_put_format(value, "%u", m->link_failures);
    return true;
}

static bool
member_speed(const struct netdev_bond_report *r OVS_UNUSED,
             const struct netdev_bond_report_member *m,
             struct ds *labels OVS_UNUSED, struct ds *value)
{
    if (!m->speed) {
        return false;
    }
    put_u64(value, m->speed);
    return true;
}

/* The member device's counters, one function each; UINT64_MAX is what
 * netdev_get_stats() leaves for a counter that the device lacks. */
#define MEMBER_STAT(FIELD)                                              \
    static bool                                                         \
    member_##FIELD(const struct netdev_bond_report *r OVS_UNUSED,       \
                   const struct netdev_bond_report_member *m,           \
                   struct ds *labels OVS_UNUSED, struct ds *value)      \
    {                                                                   \
        if (m->stats.FIELD == UINT64_MAX) {                             \
            return false;                                               \
        }                                                               \
        put_u64(value, m->stats.FIELD);                                 \
        return true;                                                    \
    }
MEMBER_STAT(rx_packets)
MEMBER_STAT(tx_packets)
MEMBER_STAT(rx_bytes)
MEMBER_STAT(tx_bytes)
MEMBER_STAT(rx_dropped)
MEMBER_STAT(tx_dropped)
MEMBER_STAT(rx_errors)
MEMBER_STAT(tx_errors)

static bool
member_rx_discarded(const struct netdev_bond_report *r OVS_UNUSED,
                    const struct netdev_bond_report_member *m,
                    struct ds *labels OVS_UNUSED, struct ds *value)
{
    put_u64(value, m->rx_dropped);
    return true;
}

static bool
member_lacp_state(const struct netdev_bond_report *r,
                  const struct netdev_bond_report_member *m,
                  struct ds *labels, struct ds *value)
{
    if (!r->lacp) {
        return false;
    }
    put_label(labels, "rx", lacp_fsm_rx_name(m->lacp.rx));
    put_label(labels, "mux", lacp_fsm_mux_name(m->lacp.mux));
    put_bool(value, true);
    return true;
}

static bool
member_lacp_distributing(const struct netdev_bond_report *r,
                         const struct netdev_bond_report_member *m,
                         struct ds *labels OVS_UNUSED, struct ds *value)
{
    if (!r->lacp) {
        return false;
    }
    put_bool(value, m->lacp.mux == LACP_FSM_MUX_COLLECTING_DISTRIBUTING);
    return true;
}

/* The member's LACP counters, one function each. */
#define LACP_STAT(FIELD)                                                \
    static bool                                                         \
    member_lacp_##FIELD(const struct netdev_bond_report *r,             \
                        const struct netdev_bond_report_member *m,      \
                        struct ds *labels OVS_UNUSED, struct ds *value) \
    {                                                                   \
        if (!r->lacp) {                                                 \
            return false;                                               \
        }                                                               \
        put_u64(value, m->lacp.stats.FIELD);                            \
        return true;                                                    \
    }
LACP_STAT(rx_pdus)
LACP_STAT(tx_pdus)
LACP_STAT(rx_bad)
LACP_STAT(link_expired)
LACP_STAT(link_defaulted)

static bool
member_arp_up(const struct netdev_bond_report *r,
              const struct netdev_bond_report_member *m,
              struct ds *labels OVS_UNUSED, struct ds *value)
{
    if (!r->settings.arp_interval) {
        return false;
    }
    put_bool(value, m->arp_alive);
    return true;
}

static bool
member_arp_proof_age(const struct netdev_bond_report *r,
                     const struct netdev_bond_report_member *m,
                     struct ds *labels OVS_UNUSED, struct ds *value)
{
    if (!r->settings.arp_interval || m->arp_proof_age < 0) {
        return false;
    }
    ds_put_format(value, "%lld.%03lld", m->arp_proof_age / 1000,
                  m->arp_proof_age % 1000);
    return true;
}

#define P "ovs_bond_"
static const struct metric metrics[] = {
    { P"up", "gauge", "1 if the bond has carrier (min_links members may "
      "carry traffic), else 0", false, bond_up },
    { P"members", "gauge", "Members configured", false, bond_members },
    { P"members_enabled", "gauge", "Members that may carry traffic", false,
      bond_members_enabled },
    { P"failovers_total", "counter", "Changes of the active member since "
      "the bond was created", false, bond_failovers },
    { P"last_failover_timestamp_seconds", "gauge", "Wall-clock time of the "
      "last change of the active member, 0 if none", false,
      bond_last_failover },
    { P"lacp_negotiated", "gauge", "1 if LACP has a partner, 0 if not "
      "(bonds that run LACP)", false, bond_lacp_negotiated },
    { P"tx_thread_running", "gauge", "1 if the bond's transmit thread "
      "carries its packets", false, bond_tx_thread },
    { P"tx_thread_queued_packets_total", "counter", "Packets handed to the "
      "transmit thread", false, bond_tx_queued },
    { P"tx_thread_direct_packets_total", "counter", "Packets sent by their "
      "sender while the transmit thread was idle", false, bond_tx_direct },
    { P"tx_thread_ring_full_drops_total", "counter", "Packets dropped with "
      "the transmit thread's ring full", false, bond_tx_full },
    { P"tx_thread_wakeups_total", "counter", "Times the transmit thread was "
      "woken", false, bond_tx_wakeups },

    { P"member_enabled", "gauge", "1 if the member may carry traffic, else "
      "0", true, member_enabled },
    { P"member_active", "gauge", "1 if the member is the active one, 0 if "
      "a backup", true, member_active },
    { P"member_link_state", "gauge", "The member's link state, 1 for the "
      "current one (going_down and going_up: downdelay and updelay)", true,
      NULL, link_states, ARRAY_SIZE(link_states), member_link_state_name },
    { P"member_link_failures_total", "counter", "Times the member's link "
      "went down", true, member_link_failures },
    { P"member_speed_bits_per_second", "gauge", "The member's link speed",
      true, member_speed },
    { P"member_rx_packets_total", "counter", "Packets the member's device "
      "received", true, member_rx_packets },
    { P"member_tx_packets_total", "counter", "Packets the member's device "
      "sent", true, member_tx_packets },
    { P"member_rx_bytes_total", "counter", "Bytes the member's device "
      "received", true, member_rx_bytes },
    { P"member_tx_bytes_total", "counter", "Bytes the member's device sent",
      true, member_tx_bytes },
    { P"member_rx_dropped_total", "counter", "Packets the member's device "
      "dropped on receive", true, member_rx_dropped },
    { P"member_tx_dropped_total", "counter", "Packets the member's device "
      "dropped on transmit", true, member_tx_dropped },
    { P"member_rx_errors_total", "counter", "Receive errors of the "
      "member's device", true, member_rx_errors },
    { P"member_tx_errors_total", "counter", "Transmit errors of the "
      "member's device", true, member_tx_errors },
    { P"member_rx_discarded_total", "counter", "Frames the bond's receive "
      "rules discarded (on backup members, duplicates)", true,
      member_rx_discarded },
    { P"member_lacp_state", "gauge", "The member's LACP receive and mux "
      "machine states (always 1)", true, member_lacp_state },
    { P"member_lacp_distributing", "gauge", "1 if LACP lets the member "
      "collect and distribute", true, member_lacp_distributing },
    { P"member_lacp_pdus_received_total", "counter", "LACPDUs received",
      true, member_lacp_rx_pdus },
    { P"member_lacp_pdus_sent_total", "counter", "LACPDUs sent", true,
      member_lacp_tx_pdus },
    { P"member_lacp_pdus_bad_total", "counter", "Malformed slow-protocol "
      "PDUs received", true, member_lacp_rx_bad },
    { P"member_lacp_expired_total", "counter", "Times the partner's "
      "information expired", true, member_lacp_link_expired },
    { P"member_lacp_defaulted_total", "counter", "Times LACP fell back to "
      "the default partner", true, member_lacp_link_defaulted },
    { P"member_arp_up", "gauge", "1 if the ARP monitor has proof of life "
      "in time (bonds with arp_interval)", true, member_arp_up },
    { P"member_arp_proof_age_seconds", "gauge", "Time since the ARP "
      "monitor's last proof of life", true, member_arp_proof_age },
};
#undef P

/* Appends the samples of 'metric' for 'bonds' to 'ds', after its HELP and
 * TYPE lines if it has any sample. */
static void
format_family(struct ds *ds, const struct metric *metric,
              const struct bond_metrics_bond *bonds, size_t n)
{
    struct ds labels = DS_EMPTY_INITIALIZER;
    struct ds value = DS_EMPTY_INITIALIZER;
    bool any = false;

    for (size_t i = 0; i < n; i++) {
        const struct netdev_bond_report *r = bonds[i].report;
        size_t n_members = metric->per_member ? r->n_members : 1;

        for (size_t j = 0; j < n_members; j++) {
            const struct netdev_bond_report_member *m
                = metric->per_member ? &r->members[j] : NULL;
            size_t n_samples = MAX(metric->n_states, 1);

            for (size_t k = 0; k < n_samples; k++) {
                ds_clear(&labels);
                ds_clear(&value);
                put_label(&labels, "bridge", bonds[i].bridge);
                put_label(&labels, "bond", r->name);
                if (m) {
                    put_label(&labels, "member", m->name);
                }
                put_label(&labels, "mode",
                          bond_config_mode_name(r->settings.mode));
                if (metric->states) {
                    put_label(&labels, "state", metric->states[k]);
                    put_bool(&value, !strcmp(metric->states[k],
                                             metric->state(m)));
                } else if (!metric->get(r, m, &labels, &value)) {
                    continue;
                }
                if (!any) {
                    ds_put_format(ds, "# HELP %s %s\n# TYPE %s %s\n",
                                  metric->name, metric->help, metric->name,
                                  metric->type);
                    any = true;
                }
                ds_put_format(ds, "%s{%s} %s\n", metric->name,
                              ds_cstr(&labels) + 1, ds_cstr(&value));
            }
        }
    }
    ds_destroy(&labels);
    ds_destroy(&value);
}

/* Appends to 'ds' the metrics of the 'n' bonds in 'bonds', in the
 * Prometheus text format. */
void
bond_metrics_format(struct ds *ds, const struct bond_metrics_bond *bonds,
                    size_t n)
{
    for (size_t i = 0; i < ARRAY_SIZE(metrics); i++) {
        format_family(ds, &metrics[i], bonds, n);
    }
}
