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

#ifndef LACP_FSM_H
#define LACP_FSM_H 1

/* IEEE 802.1AX (2008, LACP version 1) link aggregation control, pure.
 *
 * One 'struct lacp_fsm' is one bond's aggregation system: its ports (the
 * bond's members, by index), their receive, periodic transmission, mux and
 * churn detection machines, the selection logic that puts ports into
 * aggregators and chooses the active aggregator (ad_select), the transmit
 * machine's rate limit, and the marker responder.
 *
 * Nothing here does I/O or reads a clock.  The caller passes the time in
 * ms, feeds received slow-protocol PDUs to lacp_fsm_receive(), reports
 * each port's link with lacp_fsm_set_enabled(), and gets the PDUs to send
 * through a callback: each is the payload of an Ethernet frame to
 * 01:80:c2:00:00:02 with ethertype 0x8809, which the caller frames with the
 * port's own MAC.  tests/test-lacp-fsm.c runs two systems against each
 * other with a fake clock. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lacp-pdu.h"
#include "openvswitch/types.h"
#include "packets.h"

struct ds;

/* Timers, ms (802.1AX 5.4.4). */
#define LACP_FSM_FAST_PERIODIC 1000
#define LACP_FSM_SLOW_PERIODIC 30000
#define LACP_FSM_SHORT_TIMEOUT 3000
#define LACP_FSM_LONG_TIMEOUT 90000
#define LACP_FSM_AGGREGATE_WAIT 2000
#define LACP_FSM_CHURN_TIME 60000
#define LACP_FSM_TX_PER_SECOND 3

/* Aggregator selection (Linux's ad_select). */
enum lacp_fsm_ad_select {
    LACP_FSM_SELECT_STABLE,     /* Keep the active aggregator while it has
                                 * a port; then the most bandwidth. */
    LACP_FSM_SELECT_BANDWIDTH,  /* Most bandwidth, re-chosen on changes. */
    LACP_FSM_SELECT_COUNT       /* Most ports, re-chosen on changes. */
};

/* What to do when the chosen aggregator has no partner. */
enum lacp_fsm_fallback {
    LACP_FSM_FALLBACK_NONE,     /* Strict: no partner, no traffic. */
    LACP_FSM_FALLBACK_ALL,      /* Linux's default: use all its ports. */
    LACP_FSM_FALLBACK_AB        /* Open vSwitch's lacp-fallback-ab: one
                                 * port, as in active-backup. */
};

struct lacp_fsm_settings {
    struct eth_addr sys_id;
    uint16_t sys_priority;
    bool active;                /* Send PDUs periodically, unasked. */
    bool fast;                  /* Ask the partner for one PDU a second
                                 * (short timeout), else every 30 s. */
    enum lacp_fsm_ad_select ad_select;
    enum lacp_fsm_fallback fallback;
};

struct lacp_fsm_port_settings {
    const char *name;           /* Identifies the port across
                                 * reconfigurations. */
    uint16_t port_id;           /* Nonzero, unique in the system. */
    uint16_t port_priority;
    uint16_t key;               /* Ports aggregate only with equal keys. */
};

/* Receive machine states. */
enum lacp_fsm_rx {
    LACP_FSM_RX_DISABLED,       /* PORT_DISABLED: link down. */
    LACP_FSM_RX_EXPIRED,
    LACP_FSM_RX_DEFAULTED,
    LACP_FSM_RX_CURRENT
};

/* Mux machine states (coupled control). */
enum lacp_fsm_mux {
    LACP_FSM_MUX_DETACHED,
    LACP_FSM_MUX_WAITING,
    LACP_FSM_MUX_ATTACHED,
    LACP_FSM_MUX_COLLECTING_DISTRIBUTING
};

/* Churn detection machine states. */
enum lacp_fsm_churn {
    LACP_FSM_CHURN_NONE,
    LACP_FSM_CHURN_MONITOR,
    LACP_FSM_CHURN_CHURNED
};

/* Per-port counters (lacp/show-stats, Linux's 802.3ad xstats). */
struct lacp_fsm_stats {
    uint64_t tx_pdus;
    uint64_t rx_pdus;
    uint64_t rx_bad;            /* Malformed slow-protocol PDUs. */
    uint64_t rx_unknown;        /* Other slow protocols. */
    uint64_t rx_marker;         /* Marker Information PDUs. */
    uint64_t rx_marker_response;
    uint64_t tx_marker_response;
    uint64_t link_expired;      /* Times CURRENT timed out. */
    uint64_t link_defaulted;    /* Times EXPIRED timed out. */
    uint64_t carrier_changes;
    uint64_t actor_churns;
    uint64_t partner_churns;
};

/* A snapshot of one port, for status reports. */
struct lacp_fsm_port_report {
    enum lacp_fsm_rx rx;
    enum lacp_fsm_mux mux;
    enum lacp_fsm_churn actor_churn, partner_churn;
    bool enabled;               /* Link up. */
    bool selected;              /* In the active aggregator. */
    int aggregator;             /* Aggregator ID (1-based), or 0. */
    bool may_tx;                /* Carries traffic (lacp_fsm_port_may_tx). */
    struct lacp_pdu_info actor;
    struct lacp_pdu_info partner;
    struct lacp_fsm_stats stats;
};

/* A snapshot of the active aggregator. */
struct lacp_fsm_agg_report {
    int id;                     /* 0 if there is none. */
    size_t n_ports;
    uint16_t actor_key;
    uint16_t partner_key;
    struct eth_addr partner_sys_id;
};

/* Called to send 'pdu' ('size' bytes, an Ethernet payload) on port 'port'.
 * 'aux' is the caller's. */
typedef void lacp_fsm_send_cb(void *aux, size_t port, const void *pdu,
                              size_t size);

struct lacp_fsm;

struct lacp_fsm *lacp_fsm_create(void);
void lacp_fsm_destroy(struct lacp_fsm *);

void lacp_fsm_configure(struct lacp_fsm *, const struct lacp_fsm_settings *,
                        const struct lacp_fsm_port_settings *, size_t n_ports,
                        long long int now);

void lacp_fsm_set_enabled(struct lacp_fsm *, size_t port, bool enabled,
                          uint64_t speed, long long int now);
void lacp_fsm_receive(struct lacp_fsm *, size_t port, const void *, size_t,
                      long long int now, lacp_fsm_send_cb *, void *aux);
bool lacp_fsm_run(struct lacp_fsm *, long long int now,
                  lacp_fsm_send_cb *, void *aux);
long long int lacp_fsm_wake_time(const struct lacp_fsm *);

bool lacp_fsm_port_may_tx(const struct lacp_fsm *, size_t port);
bool lacp_fsm_port_is_current(const struct lacp_fsm *, size_t port);
bool lacp_fsm_negotiated(const struct lacp_fsm *);
bool lacp_fsm_fallen_back(const struct lacp_fsm *);

const struct lacp_fsm_settings *lacp_fsm_get_settings(
    const struct lacp_fsm *);
void lacp_fsm_port_report(const struct lacp_fsm *, size_t port,
                          struct lacp_fsm_port_report *);
void lacp_fsm_agg_report(const struct lacp_fsm *,
                         struct lacp_fsm_agg_report *);

const char *lacp_fsm_rx_name(enum lacp_fsm_rx);
const char *lacp_fsm_mux_name(enum lacp_fsm_mux);
const char *lacp_fsm_churn_name(enum lacp_fsm_churn);

#endif /* lacp-fsm.h */
