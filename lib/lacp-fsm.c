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

/* IEEE 802.1AX link aggregation control protocol machines.  See
 * lacp-fsm.h.
 *
 * Each port has an aggregator of its own (aggregator i belongs to port i,
 * ID i + 1), as in Linux's bonding driver.  Ports with the same LAG ID
 * (actor key, partner system, partner system priority and partner key)
 * share one of these aggregators; the selection logic picks the active
 * one, and only its ports become SELECTED.  Ports of other aggregators are
 * STANDBY and stay in the mux machine's WAITING state. */

#include <config.h>
#include "lacp-fsm.h"

#include <limits.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "util.h"

/* Selection state of a port (802.1AX 5.4.8 "Selected"). */
enum lacp_fsm_selected {
    UNSELECTED,
    SELECTED,
    STANDBY
};

#define MARKER_PER_SECOND 5     /* Marker responses a port sends, at most. */

/* The times of the last N transmissions, for rate limits. */
struct tx_window {
    long long int times[MAX(LACP_FSM_TX_PER_SECOND, MARKER_PER_SECOND)];
    size_t next;                /* Oldest entry. */
};

struct lacp_fsm_port {
    char *name;
    uint16_t port_id;
    uint16_t port_priority;
    uint16_t key;
    bool enabled;               /* Link up ("port_enabled"). */
    uint64_t speed;             /* bit/s, for ad_select=bandwidth. */

    /* Machines. */
    enum lacp_fsm_rx rx;
    enum lacp_fsm_mux mux;
    enum lacp_fsm_churn actor_churn;
    enum lacp_fsm_churn partner_churn;
    enum lacp_fsm_selected selected;
    int aggregator;             /* Index of the aggregator, or -1. */
    uint8_t actor_state;        /* SYNC, COLLECTING, DISTRIBUTING, DEFAULTED
                                 * and EXPIRED; lacp_fsm_actor() adds the
                                 * rest. */
    struct lacp_pdu_info partner; /* Partner's operational information. */
    bool ntt;                   /* Need to transmit. */
    bool may_tx;                /* Carries traffic. */

    /* Timers, absolute ms, LLONG_MAX when stopped. */
    long long int current_while;
    long long int periodic;
    long long int wait_while;
    long long int actor_churn_timer;
    long long int partner_churn_timer;

    struct tx_window tx;        /* LACPDUs sent. */
    struct tx_window markers;   /* Marker responses sent. */
    struct lacp_fsm_stats stats;
};

struct lacp_fsm {
    struct lacp_fsm_settings s;
    struct lacp_fsm_port *ports;
    size_t n_ports;
    int active_agg;             /* Index of the active aggregator, or -1. */
    bool reselect;              /* Run the selection logic. */
    bool negotiated;            /* The active aggregator has a partner. */
    int fallback_port;          /* LACP_FSM_FALLBACK_AB's port, or -1. */
};

const char *
lacp_fsm_rx_name(enum lacp_fsm_rx rx)
{
    switch (rx) {
    case LACP_FSM_RX_DISABLED: return "disabled";
    case LACP_FSM_RX_EXPIRED: return "expired";
    case LACP_FSM_RX_DEFAULTED: return "defaulted";
    case LACP_FSM_RX_CURRENT: return "current";
    default: OVS_NOT_REACHED();
    }
}

const char *
lacp_fsm_mux_name(enum lacp_fsm_mux mux)
{
    switch (mux) {
    case LACP_FSM_MUX_DETACHED: return "detached";
    case LACP_FSM_MUX_WAITING: return "waiting";
    case LACP_FSM_MUX_ATTACHED: return "attached";
    case LACP_FSM_MUX_COLLECTING_DISTRIBUTING:
        return "collecting_distributing";
    default: OVS_NOT_REACHED();
    }
}

const char *
lacp_fsm_churn_name(enum lacp_fsm_churn churn)
{
    switch (churn) {
    case LACP_FSM_CHURN_NONE: return "none";
    case LACP_FSM_CHURN_MONITOR: return "monitoring";
    case LACP_FSM_CHURN_CHURNED: return "churned";
    default: OVS_NOT_REACHED();
    }
}

/* Rate limits. */

static bool
tx_window_allows(const struct tx_window *w, size_t n, long long int now)
{
    return now - w->times[w->next % n] >= 1000;
}

static void
tx_window_add(struct tx_window *w, size_t n, long long int now)
{
    w->times[w->next % n] = now;
    w->next = (w->next + 1) % n;
}

/* Ports. */

static void
port_init(struct lacp_fsm_port *p, long long int now)
{
    memset(p, 0, sizeof *p);
    p->rx = LACP_FSM_RX_DISABLED;
    p->mux = LACP_FSM_MUX_DETACHED;
    p->selected = UNSELECTED;
    p->aggregator = -1;
    p->actor_churn = LACP_FSM_CHURN_MONITOR;
    p->partner_churn = LACP_FSM_CHURN_MONITOR;
    p->current_while = LLONG_MAX;
    p->periodic = LLONG_MAX;
    p->wait_while = LLONG_MAX;
    p->actor_churn_timer = now + LACP_FSM_CHURN_TIME;
    p->partner_churn_timer = now + LACP_FSM_CHURN_TIME;
    for (size_t i = 0; i < ARRAY_SIZE(p->tx.times); i++) {
        p->tx.times[i] = LLONG_MIN / 2;
        p->markers.times[i] = LLONG_MIN / 2;
    }
}

/* Returns the actor's operational information for 'p'. */
static struct lacp_pdu_info
port_actor(const struct lacp_fsm *fsm, const struct lacp_fsm_port *p)
{
    struct lacp_pdu_info a;

    a.sys_priority = fsm->s.sys_priority;
    a.sys_id = fsm->s.sys_id;
    a.key = p->key;
    a.port_priority = p->port_priority;
    a.port_id = p->port_id;
    a.state = p->actor_state | LACP_PDU_AGGREGATION;
    if (fsm->s.active) {
        a.state |= LACP_PDU_ACTIVITY;
    }
    if (fsm->s.fast || p->rx == LACP_FSM_RX_EXPIRED) {
        /* In EXPIRED the actor asks for fast PDUs (802.1AX 5.4.12). */
        a.state |= LACP_PDU_TIMEOUT;
    }
    return a;
}

/* Returns true if 'a' and 'b' name the same port of the same system with
 * the same key, priorities and aggregation setting. */
static bool
info_same_port(const struct lacp_pdu_info *a, const struct lacp_pdu_info *b)
{
    return (a->sys_priority == b->sys_priority
            && eth_addr_equals(a->sys_id, b->sys_id)
            && a->key == b->key
            && a->port_priority == b->port_priority
            && a->port_id == b->port_id
            && !((a->state ^ b->state) & LACP_PDU_AGGREGATION));
}

/* Returns true if 'p' and 'q' may aggregate: same actor key, same partner
 * system and key (802.1AX 5.3.5, the LAG ID). */
static bool
same_lag(const struct lacp_fsm_port *p, const struct lacp_fsm_port *q)
{
    return (p->key == q->key
            && p->partner.sys_priority == q->partner.sys_priority
            && eth_addr_equals(p->partner.sys_id, q->partner.sys_id)
            && p->partner.key == q->partner.key);
}

/* Returns true if 'p' knows a partner, as Linux's __agg_has_partner(). */
/* Returns the index of the first enabled port in 'ports' with the same LAG
 * ID as enabled port 'i' (its group's leader), or -1 if port 'i' is not
 * enabled. */
static int
group_leader(const struct lacp_fsm_port *ports, size_t i)
{
    if (!ports[i].enabled) {
        return -1;
    }
    for (size_t j = 0; j < i; j++) {
        if (ports[j].enabled && same_lag(&ports[j], &ports[i])) {
            return j;
        }
    }
    return i;
}

static bool
port_has_partner(const struct lacp_fsm_port *p)
{
    return !eth_addr_is_zero(p->partner.sys_id);
}

static void
port_unselect(struct lacp_fsm *fsm, struct lacp_fsm_port *p)
{
    p->selected = UNSELECTED;
    fsm->reselect = true;
}

/* The receive machine's "recordDefault": forgets the partner. */
static void
port_record_default(struct lacp_fsm *fsm, struct lacp_fsm_port *p)
{
    if (!eth_addr_is_zero(p->partner.sys_id) || p->partner.key) {
        port_unselect(fsm, p);
    }
    memset(&p->partner, 0, sizeof p->partner);
    p->actor_state |= LACP_PDU_DEFAULTED;
}

static void
rx_set_expired(struct lacp_fsm_port *p, long long int now)
{
    p->rx = LACP_FSM_RX_EXPIRED;
    p->partner.state &= ~LACP_PDU_SYNC;
    p->partner.state |= LACP_PDU_TIMEOUT;
    p->actor_state |= LACP_PDU_EXPIRED;
    p->current_while = now + LACP_FSM_SHORT_TIMEOUT;
    p->ntt = true;
}

/* Runs the receive machine's timers. */
static void
rx_run(struct lacp_fsm *fsm, struct lacp_fsm_port *p, long long int now)
{
    if (now < p->current_while) {
        return;
    }
    if (p->rx == LACP_FSM_RX_CURRENT) {
        p->stats.link_expired++;
        rx_set_expired(p, now);
        fsm->reselect = true;
    } else if (p->rx == LACP_FSM_RX_EXPIRED) {
        p->stats.link_defaulted++;
        p->rx = LACP_FSM_RX_DEFAULTED;
        p->actor_state &= ~LACP_PDU_EXPIRED;
        p->current_while = LLONG_MAX;
        port_record_default(fsm, p);
        p->ntt = true;
    } else {
        p->current_while = LLONG_MAX;
    }
}

/* The receive machine's CURRENT state entry for 'pdu'. */
static void
rx_record_pdu(struct lacp_fsm *fsm, struct lacp_fsm_port *p,
              const struct lacp_pdu *pdu, long long int now)
{
    struct lacp_pdu_info actor = port_actor(fsm, p);

    /* update_Selected: a different partner means another aggregator. */
    if (!info_same_port(&pdu->actor, &p->partner)) {
        port_unselect(fsm, p);
    }

    /* update_NTT: tell the partner if it has us wrong. */
    const uint8_t mask = (LACP_PDU_ACTIVITY | LACP_PDU_TIMEOUT
                          | LACP_PDU_SYNC | LACP_PDU_AGGREGATION);
    if (!info_same_port(&pdu->partner, &actor)
        || (pdu->partner.state ^ actor.state) & mask) {
        p->ntt = true;
    }

    /* recordPDU. */
    bool matched = info_same_port(&pdu->partner, &actor);
    p->partner = pdu->actor;
    p->partner.state &= ~LACP_PDU_SYNC;
    if (pdu->actor.state & LACP_PDU_SYNC
        && (matched || !(pdu->actor.state & LACP_PDU_AGGREGATION))) {
        p->partner.state |= LACP_PDU_SYNC;
    }
    p->actor_state &= ~(LACP_PDU_DEFAULTED | LACP_PDU_EXPIRED);
    if (p->rx != LACP_FSM_RX_CURRENT) {
        fsm->reselect = true;
    }
    p->rx = LACP_FSM_RX_CURRENT;
    p->current_while = now + (fsm->s.fast ? LACP_FSM_SHORT_TIMEOUT
                              : LACP_FSM_LONG_TIMEOUT);
}

/* Selection logic. */

/* Chooses an aggregator for every enabled port, keeping ports on their
 * aggregator while its LAG ID still fits, then the active aggregator by
 * 'fsm->s.ad_select', and marks ports SELECTED or STANDBY. */
static void
select_aggregators(struct lacp_fsm *fsm)
{
    size_t n = fsm->n_ports;
    int *leader = xmalloc(n * sizeof *leader);  /* Port -> group leader. */
    int *agg_of_group = xmalloc(n * sizeof *agg_of_group);
    bool *taken = xcalloc(n, sizeof *taken);

    for (size_t i = 0; i < n; i++) {
        leader[i] = group_leader(fsm->ports, i);
        agg_of_group[i] = -1;
    }

    /* Each group keeps an aggregator that only its ports hold, if any. */
    for (size_t g = 0; g < n; g++) {
        if (leader[g] != (int) g) {
            continue;
        }
        for (size_t i = g; i < n && agg_of_group[g] < 0; i++) {
            int a = fsm->ports[i].aggregator;
            if (leader[i] != (int) g || a < 0 || taken[a]) {
                continue;
            }
            bool clean = true;
            for (size_t j = 0; j < n; j++) {
                if (fsm->ports[j].aggregator == a && leader[j] >= 0
                    && leader[j] != (int) g) {
                    clean = false;
                }
            }
            if (clean) {
                agg_of_group[g] = a;
                taken[a] = true;
            }
        }
    }
    /* The others take a free one: their leader's, or the lowest. */
    for (size_t g = 0; g < n; g++) {
        if (leader[g] != (int) g || agg_of_group[g] >= 0) {
            continue;
        }
        int a = taken[g] ? -1 : (int) g;
        for (size_t k = 0; a < 0 && k < n; k++) {
            if (!taken[k]) {
                a = k;
            }
        }
        ovs_assert(a >= 0);
        agg_of_group[g] = a;
        taken[a] = true;
    }

    for (size_t i = 0; i < n; i++) {
        struct lacp_fsm_port *p = &fsm->ports[i];
        int a = leader[i] >= 0 ? agg_of_group[leader[i]] : -1;
        if (a != p->aggregator) {
            /* Moving means detaching first. */
            p->aggregator = a;
            p->selected = UNSELECTED;
            p->mux = LACP_FSM_MUX_DETACHED;
            p->actor_state &= ~(LACP_PDU_SYNC | LACP_PDU_COLLECTING
                                | LACP_PDU_DISTRIBUTING);
            p->ntt = true;
        }
    }

    /* The active aggregator. */
    /* An aggregator whose partner has gone silent (its ports EXPIRED)
     * gives way to one whose partner still talks: 3 s after the silence
     * began (fast) rather than when it is DEFAULTED, 3 s later. */
    struct agg_info {
        size_t n_ports;
        uint64_t bandwidth;
        bool partner;           /* Some port knows the partner. */
        bool current;           /* Some port hears it. */
    } *aggs = xcalloc(n, sizeof *aggs);
    for (size_t i = 0; i < n; i++) {
        const struct lacp_fsm_port *p = &fsm->ports[i];
        if (p->aggregator >= 0) {
            struct agg_info *ai = &aggs[p->aggregator];
            ai->n_ports++;
            ai->bandwidth += p->speed;
            ai->partner = ai->partner || port_has_partner(p);
            ai->current = ai->current || (port_has_partner(p)
                                          && p->rx == LACP_FSM_RX_CURRENT);
        }
    }
    bool any_current = false;
    for (size_t a = 0; a < n; a++) {
        any_current = any_current || aggs[a].current;
    }

    int best = -1;
    int cur = fsm->active_agg;
    if (fsm->s.ad_select == LACP_FSM_SELECT_STABLE && cur >= 0
        && (size_t) cur < n && aggs[cur].n_ports
        && (aggs[cur].current || !any_current)) {
        best = cur;
    } else {
        for (size_t a = 0; a < n; a++) {
            const struct agg_info *c = &aggs[a];
            if (!c->n_ports) {
                continue;
            }
            if (best < 0) {
                best = a;
                continue;
            }
            const struct agg_info *b = &aggs[best];
            if (c->current != b->current) {
                best = c->current ? (int) a : best;
                continue;
            }
            if (c->partner != b->partner) {
                best = c->partner ? (int) a : best;
                continue;
            }
            uint64_t cx = c->bandwidth, bx = b->bandwidth;
            uint64_t cy = c->n_ports, by = b->n_ports;
            if (fsm->s.ad_select == LACP_FSM_SELECT_COUNT) {
                cx = c->n_ports, bx = b->n_ports;
                cy = c->bandwidth, by = b->bandwidth;
            }
            if (cx > bx || (cx == bx && cy > by)) {
                best = a;
            }
        }
    }
    fsm->active_agg = best;
    fsm->negotiated = best >= 0 && aggs[best].partner;

    for (size_t i = 0; i < n; i++) {
        struct lacp_fsm_port *p = &fsm->ports[i];
        p->selected = (p->aggregator < 0 ? UNSELECTED
                       : p->aggregator == best ? SELECTED : STANDBY);
    }

    free(aggs);
    free(taken);
    free(agg_of_group);
    free(leader);
    fsm->reselect = false;
}

/* Mux machine. */

static void
mux_set(struct lacp_fsm_port *p, enum lacp_fsm_mux mux, long long int now)
{
    p->mux = mux;
    p->actor_state &= ~(LACP_PDU_SYNC | LACP_PDU_COLLECTING
                        | LACP_PDU_DISTRIBUTING);
    switch (mux) {
    case LACP_FSM_MUX_DETACHED:
        p->wait_while = LLONG_MAX;
        break;
    case LACP_FSM_MUX_WAITING:
        p->wait_while = now + LACP_FSM_AGGREGATE_WAIT;
        break;
    case LACP_FSM_MUX_ATTACHED:
        p->actor_state |= LACP_PDU_SYNC;
        break;
    case LACP_FSM_MUX_COLLECTING_DISTRIBUTING:
        p->actor_state |= (LACP_PDU_SYNC | LACP_PDU_COLLECTING
                           | LACP_PDU_DISTRIBUTING);
        break;
    default:
        OVS_NOT_REACHED();
    }
    p->ntt = true;
}

static void
mux_run(struct lacp_fsm_port *p, long long int now)
{
    /* At most one pass through every state. */
    for (int i = 0; i < 4; i++) {
        enum lacp_fsm_mux old = p->mux;
        bool partner_sync = (p->partner.state & LACP_PDU_SYNC) != 0;

        switch (p->mux) {
        case LACP_FSM_MUX_DETACHED:
            if (p->selected != UNSELECTED) {
                mux_set(p, LACP_FSM_MUX_WAITING, now);
            }
            break;
        case LACP_FSM_MUX_WAITING:
            if (p->selected == UNSELECTED) {
                mux_set(p, LACP_FSM_MUX_DETACHED, now);
            } else if (p->selected == SELECTED && now >= p->wait_while) {
                mux_set(p, LACP_FSM_MUX_ATTACHED, now);
            }
            break;
        case LACP_FSM_MUX_ATTACHED:
            if (p->selected != SELECTED) {
                mux_set(p, LACP_FSM_MUX_DETACHED, now);
            } else if (partner_sync) {
                mux_set(p, LACP_FSM_MUX_COLLECTING_DISTRIBUTING, now);
            }
            break;
        case LACP_FSM_MUX_COLLECTING_DISTRIBUTING:
            if (p->selected != SELECTED || !partner_sync) {
                mux_set(p, LACP_FSM_MUX_ATTACHED, now);
            }
            break;
        default:
            OVS_NOT_REACHED();
        }
        if (p->mux == old) {
            break;
        }
    }
}

/* Churn detection machines (802.1AX 5.4.17). */

static void
churn_run(enum lacp_fsm_churn *churn, long long int *timer, bool in_sync,
          uint64_t *count, long long int now)
{
    switch (*churn) {
    case LACP_FSM_CHURN_NONE:
        if (!in_sync) {
            *churn = LACP_FSM_CHURN_MONITOR;
            *timer = now + LACP_FSM_CHURN_TIME;
        }
        break;
    case LACP_FSM_CHURN_MONITOR:
        if (in_sync) {
            *churn = LACP_FSM_CHURN_NONE;
            *timer = LLONG_MAX;
        } else if (now >= *timer) {
            *churn = LACP_FSM_CHURN_CHURNED;
            *timer = LLONG_MAX;
            (*count)++;
        }
        break;
    case LACP_FSM_CHURN_CHURNED:
        if (in_sync) {
            *churn = LACP_FSM_CHURN_NONE;
        }
        break;
    default:
        OVS_NOT_REACHED();
    }
}

/* Periodic transmission and transmit machines. */

/* Returns true if 'p' may send LACPDUs at all: a passive port speaks only
 * to an active partner (802.1AX 5.4.13, NO_PERIODIC). */
static bool
port_may_speak(const struct lacp_fsm *fsm, const struct lacp_fsm_port *p)
{
    return p->enabled && (fsm->s.active
                          || p->partner.state & LACP_PDU_ACTIVITY);
}

static void
periodic_run(struct lacp_fsm *fsm, struct lacp_fsm_port *p,
             long long int now)
{
    if (!port_may_speak(fsm, p)) {
        p->periodic = LLONG_MAX;
        return;
    }

    /* The partner's timeout sets the rate; without a partner, our own. */
    bool fast = (p->rx == LACP_FSM_RX_DEFAULTED ? fsm->s.fast
                 : (p->partner.state & LACP_PDU_TIMEOUT) != 0);
    long long int interval = (fast ? LACP_FSM_FAST_PERIODIC
                              : LACP_FSM_SLOW_PERIODIC);
    if (p->periodic == LLONG_MAX) {
        p->periodic = now;
    } else if (p->periodic > now + interval) {
        p->periodic = now + interval;
    }
    if (now >= p->periodic) {
        p->ntt = true;
        p->periodic = now + interval;
    }
}

static void
tx_run(struct lacp_fsm *fsm, size_t idx, long long int now,
       lacp_fsm_send_cb *send, void *aux)
{
    struct lacp_fsm_port *p = &fsm->ports[idx];

    if (!port_may_speak(fsm, p)) {
        p->ntt = false;
        return;
    }
    if (!p->ntt || !tx_window_allows(&p->tx, LACP_FSM_TX_PER_SECOND, now)) {
        return;
    }

    struct lacp_pdu pdu;
    uint8_t buf[LACP_PDU_SIZE];

    pdu.actor = port_actor(fsm, p);
    pdu.partner = p->partner;
    pdu.collector_max_delay = 0;
    lacp_pdu_encode(&pdu, buf);
    tx_window_add(&p->tx, LACP_FSM_TX_PER_SECOND, now);
    p->ntt = false;
    p->stats.tx_pdus++;
    send(aux, idx, buf, sizeof buf);
}

/* Usable ports. */

static void
update_may_tx(struct lacp_fsm *fsm, bool *changed)
{
    size_t n = fsm->n_ports;

    /* Fallback without a partner: the active aggregator's enabled ports. */
    enum lacp_fsm_fallback fb = (fsm->negotiated ? LACP_FSM_FALLBACK_NONE
                                 : fsm->s.fallback);
    if (fb == LACP_FSM_FALLBACK_AB) {
        int fp = fsm->fallback_port;
        if (fp < 0 || (size_t) fp >= n
            || fsm->ports[fp].selected != SELECTED) {
            fp = -1;
            for (size_t i = 0; i < n && fp < 0; i++) {
                if (fsm->ports[i].selected == SELECTED) {
                    fp = i;
                }
            }
        }
        fsm->fallback_port = fp;
    } else {
        fsm->fallback_port = -1;
    }

    for (size_t i = 0; i < n; i++) {
        struct lacp_fsm_port *p = &fsm->ports[i];
        bool may_tx;

        switch (fb) {
        case LACP_FSM_FALLBACK_NONE:
            may_tx = (fsm->negotiated && p->enabled
                      && p->mux == LACP_FSM_MUX_COLLECTING_DISTRIBUTING);
            break;
        case LACP_FSM_FALLBACK_ALL:
            may_tx = p->enabled && p->selected == SELECTED;
            break;
        case LACP_FSM_FALLBACK_AB:
            may_tx = (int) i == fsm->fallback_port;
            break;
        default:
            OVS_NOT_REACHED();
        }
        if (may_tx != p->may_tx) {
            p->may_tx = may_tx;
            *changed = true;
        }
    }
}

/* Public functions. */

struct lacp_fsm *
lacp_fsm_create(void)
{
    struct lacp_fsm *fsm = xzalloc(sizeof *fsm);
    fsm->active_agg = -1;
    fsm->fallback_port = -1;
    fsm->s.sys_priority = 65535;
    fsm->s.active = true;
    return fsm;
}

void
lacp_fsm_destroy(struct lacp_fsm *fsm)
{
    if (fsm) {
        for (size_t i = 0; i < fsm->n_ports; i++) {
            free(fsm->ports[i].name);
        }
        free(fsm->ports);
        free(fsm);
    }
}

/* Applies 's' and the 'n_ports' ports in 'ps' to 'fsm'.  Ports keep their
 * state across calls by name; a port's index is its position in 'ps'. */
void
lacp_fsm_configure(struct lacp_fsm *fsm, const struct lacp_fsm_settings *s,
                   const struct lacp_fsm_port_settings *ps, size_t n_ports,
                   long long int now)
{
    struct lacp_fsm_port *ports = xcalloc(n_ports, sizeof *ports);
    bool system_changed = (fsm->s.sys_priority != s->sys_priority
                           || !eth_addr_equals(fsm->s.sys_id, s->sys_id)
                           || fsm->s.active != s->active
                           || fsm->s.fast != s->fast);
    int active_agg = -1;

    for (size_t i = 0; i < n_ports; i++) {
        struct lacp_fsm_port *p = &ports[i];
        struct lacp_fsm_port *old = NULL;

        for (size_t j = 0; j < fsm->n_ports; j++) {
            if (fsm->ports[j].name && !strcmp(fsm->ports[j].name,
                                              ps[i].name)) {
                old = &fsm->ports[j];
                if ((int) j == fsm->active_agg) {
                    active_agg = i;
                }
                break;
            }
        }
        if (old) {
            *p = *old;
            old->name = NULL;
        } else {
            port_init(p, now);
            p->name = xstrdup(ps[i].name);
        }
        if (system_changed
            || (old && (p->key != ps[i].key || p->port_id != ps[i].port_id
                        || p->port_priority != ps[i].port_priority))) {
            p->ntt = true;
        }
        p->key = ps[i].key;
        p->port_id = ps[i].port_id;
        p->port_priority = ps[i].port_priority;
    }
    for (size_t j = 0; j < fsm->n_ports; j++) {
        free(fsm->ports[j].name);
    }
    free(fsm->ports);
    fsm->ports = ports;
    fsm->n_ports = n_ports;
    fsm->s = *s;

    /* Each port goes on its group leader's aggregator, without detaching:
     * a group that did not change keeps working across the renumbering. */
    for (size_t i = 0; i < n_ports; i++) {
        ports[i].aggregator = group_leader(ports, i);
    }
    fsm->active_agg = (active_agg >= 0 ? ports[active_agg].aggregator : -1);
    fsm->reselect = true;
}

/* Reports port 'idx''s link: 'enabled' and its 'speed' in bit/s. */
void
lacp_fsm_set_enabled(struct lacp_fsm *fsm, size_t idx, bool enabled,
                     uint64_t speed, long long int now)
{
    struct lacp_fsm_port *p = &fsm->ports[idx];

    if (p->speed != speed) {
        p->speed = speed;
        fsm->reselect = true;
    }
    if (enabled == p->enabled) {
        return;
    }
    p->enabled = enabled;
    p->stats.carrier_changes++;
    port_unselect(fsm, p);
    if (enabled) {
        /* PORT_DISABLED -> EXPIRED: keep the old partner's identity so that
         * the port can go back to its aggregator, but not its sync. */
        rx_set_expired(p, now);
        p->periodic = LLONG_MAX;
    } else {
        p->rx = LACP_FSM_RX_DISABLED;
        p->partner.state &= ~LACP_PDU_SYNC;
        p->actor_state &= ~LACP_PDU_EXPIRED;
        p->current_while = LLONG_MAX;
        p->periodic = LLONG_MAX;
        p->ntt = false;
    }
}

/* Processes the slow-protocol PDU in 'data' ('size' bytes, after the
 * Ethernet header) received on port 'idx': LACPDUs feed the receive
 * machine, Marker PDUs are answered through 'send'.  Malformed PDUs are
 * counted and dropped.  Call lacp_fsm_run() afterward. */
void
lacp_fsm_receive(struct lacp_fsm *fsm, size_t idx, const void *data,
                 size_t size, long long int now, lacp_fsm_send_cb *send,
                 void *aux)
{
    struct lacp_fsm_port *p = &fsm->ports[idx];
    struct lacp_pdu_marker marker;
    struct lacp_pdu pdu;
    const char *why;

    switch (lacp_pdu_decode(data, size, &pdu, &marker, &why)) {
    case LACP_PDU_LACPDU:
        if (eth_addr_equals(pdu.actor.sys_id, fsm->s.sys_id)) {
            /* Our own PDU, looped back: never a partner. */
            p->stats.rx_bad++;
            return;
        }
        p->stats.rx_pdus++;
        if (p->enabled) {
            rx_record_pdu(fsm, p, &pdu, now);
        }
        break;

    case LACP_PDU_MARKER:
        if (marker.response) {
            p->stats.rx_marker_response++;
            break;
        }
        p->stats.rx_marker++;
        if (p->enabled
            && tx_window_allows(&p->markers, MARKER_PER_SECOND, now)) {
            uint8_t buf[LACP_PDU_SIZE];

            marker.response = true;
            lacp_pdu_encode_marker(&marker, buf);
            tx_window_add(&p->markers, MARKER_PER_SECOND, now);
            p->stats.tx_marker_response++;
            send(aux, idx, buf, sizeof buf);
        }
        break;

    case LACP_PDU_UNKNOWN:
        p->stats.rx_unknown++;
        break;

    case LACP_PDU_BAD:
        p->stats.rx_bad++;
        break;

    default:
        OVS_NOT_REACHED();
    }
}

/* Runs every machine of 'fsm' up to time 'now', sending PDUs through
 * 'send'.  Returns true if the set of ports that may carry traffic
 * changed. */
bool
lacp_fsm_run(struct lacp_fsm *fsm, long long int now,
             lacp_fsm_send_cb *send, void *aux)
{
    bool changed = false;

    for (size_t i = 0; i < fsm->n_ports; i++) {
        rx_run(fsm, &fsm->ports[i], now);
    }
    if (fsm->reselect) {
        select_aggregators(fsm);
    }
    for (size_t i = 0; i < fsm->n_ports; i++) {
        struct lacp_fsm_port *p = &fsm->ports[i];

        mux_run(p, now);
        churn_run(&p->actor_churn, &p->actor_churn_timer,
                  (p->actor_state & LACP_PDU_SYNC) != 0,
                  &p->stats.actor_churns, now);
        churn_run(&p->partner_churn, &p->partner_churn_timer,
                  (p->partner.state & LACP_PDU_SYNC) != 0,
                  &p->stats.partner_churns, now);
        periodic_run(fsm, p, now);
        tx_run(fsm, i, now, send, aux);
    }
    update_may_tx(fsm, &changed);
    return changed;
}

/* Returns when lacp_fsm_run() next has something to do, or LLONG_MAX. */
long long int
lacp_fsm_wake_time(const struct lacp_fsm *fsm)
{
    long long int wake = LLONG_MAX;

    if (fsm->reselect) {
        return LLONG_MIN;
    }
    for (size_t i = 0; i < fsm->n_ports; i++) {
        const struct lacp_fsm_port *p = &fsm->ports[i];

        wake = MIN(wake, p->current_while);
        wake = MIN(wake, p->periodic);
        if (p->mux == LACP_FSM_MUX_WAITING && p->selected == SELECTED) {
            wake = MIN(wake, p->wait_while);
        }
        if (p->actor_churn == LACP_FSM_CHURN_MONITOR) {
            wake = MIN(wake, p->actor_churn_timer);
        }
        if (p->partner_churn == LACP_FSM_CHURN_MONITOR) {
            wake = MIN(wake, p->partner_churn_timer);
        }
        if (p->ntt && port_may_speak(fsm, p)) {
            wake = MIN(wake, (p->tx.times[p->tx.next
                                          % LACP_FSM_TX_PER_SECOND]
                              + 1000));
        }
    }
    return wake;
}

/* Returns true if port 'idx' may carry traffic: it is collecting and
 * distributing in the active aggregator, or the bond falls back without a
 * partner and uses it. */
bool
lacp_fsm_port_may_tx(const struct lacp_fsm *fsm, size_t idx)
{
    return fsm->ports[idx].may_tx;
}

/* Returns true if port 'idx''s receive machine is CURRENT (Interface
 * lacp_current). */
bool
lacp_fsm_port_is_current(const struct lacp_fsm *fsm, size_t idx)
{
    return fsm->ports[idx].rx == LACP_FSM_RX_CURRENT;
}

/* Returns true if the active aggregator has a partner ("negotiated" in
 * Open vSwitch's words). */
bool
lacp_fsm_negotiated(const struct lacp_fsm *fsm)
{
    return fsm->negotiated;
}

/* Returns true if ports carry traffic without a partner (fallback). */
bool
lacp_fsm_fallen_back(const struct lacp_fsm *fsm)
{
    if (fsm->negotiated) {
        return false;
    }
    for (size_t i = 0; i < fsm->n_ports; i++) {
        if (fsm->ports[i].may_tx) {
            return true;
        }
    }
    return false;
}

const struct lacp_fsm_settings *
lacp_fsm_get_settings(const struct lacp_fsm *fsm)
{
    return &fsm->s;
}

void
lacp_fsm_port_report(const struct lacp_fsm *fsm, size_t idx,
                     struct lacp_fsm_port_report *r)
{
    const struct lacp_fsm_port *p = &fsm->ports[idx];

    r->rx = p->rx;
    r->mux = p->mux;
    r->actor_churn = p->actor_churn;
    r->partner_churn = p->partner_churn;
    r->enabled = p->enabled;
    r->selected = p->selected == SELECTED;
    r->aggregator = p->aggregator + 1;
    r->may_tx = p->may_tx;
    r->actor = port_actor(fsm, p);
    r->partner = p->partner;
    r->stats = p->stats;
}

void
lacp_fsm_agg_report(const struct lacp_fsm *fsm,
                    struct lacp_fsm_agg_report *r)
{
    memset(r, 0, sizeof *r);
    if (fsm->active_agg < 0) {
        return;
    }
    r->id = fsm->active_agg + 1;
    for (size_t i = 0; i < fsm->n_ports; i++) {
        const struct lacp_fsm_port *p = &fsm->ports[i];
        if (p->aggregator == fsm->active_agg) {
            if (!r->n_ports) {
                r->actor_key = p->key;
                r->partner_key = p->partner.key;
                r->partner_sys_id = p->partner.sys_id;
            }
            r->n_ports++;
        }
    }
}
