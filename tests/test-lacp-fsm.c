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

/* Script-driven test of lib/lacp-fsm.c: two LACP systems, A and B, whose
 * ports are joined by wires (port I of A to port I of B), run against each
 * other with a fake clock that advances in 100 ms ticks.  A PDU sent in one
 * tick arrives at the start of the next.  Commands, one a line:
 *
 *     system A|B KEY=VALUE...  sys=MAC prio=N active=0|1 fast=0|1
 *                              select=stable|bandwidth|count
 *                              fallback=none|all|ab
 *     ports A|B SPEC...        SPEC is NAME[:KEY[:PRIO]]; port I of A is
 *                              wired to port I of B
 *     link I up|down           carrier on wire I (both ends)
 *     mute I                   wire I keeps carrier but loses all PDUs
 *     unmute I
 *     speed A|B I MBPS
 *     inject A|B I HEX         deliver raw slow-protocol bytes to a port
 *     marker A|B I             B (or A) asks port I of the other a marker
 *     run MS                   advance the clock to MS (absolute)
 *     show [A|B]               print each port's machines
 *     stats A|B                print each port's counters
 *
 * Every command echoes itself first, so the output reads as a
 * transcript. */

#include <config.h>
#include "ovs-bond-test.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lacp-fsm.h"
#include "openvswitch/dynamic-string.h"
#include "svec.h"
#include "util.h"

#define MAX_PORTS 8
#define MAX_QUEUE 256

struct pdu_in_flight {
    int to;                     /* System that receives it. */
    size_t port;
    uint8_t data[LACP_PDU_SIZE];
};

struct sim_system {
    struct lacp_fsm *fsm;
    struct lacp_fsm_settings s;
    struct lacp_fsm_port_settings ports[MAX_PORTS];
    char *names[MAX_PORTS];
    size_t n_ports;
    uint64_t speed[MAX_PORTS];
    bool configured;
};

struct sim {
    struct sim_system sys[2];
    bool link[MAX_PORTS];       /* Carrier per wire. */
    bool mute[MAX_PORTS];       /* PDUs lost both ways. */
    struct pdu_in_flight queue[MAX_QUEUE];
    size_t n_queue;
    long long int now;
};

struct send_aux {
    struct sim *sim;
    int from;
};

static void
sim_send(void *aux_, size_t port, const void *pdu, size_t size)
{
    struct send_aux *aux = aux_;
    struct sim *sim = aux->sim;

    ovs_assert(size == LACP_PDU_SIZE);
    if (port >= MAX_PORTS || !sim->link[port] || sim->n_queue >= MAX_QUEUE
        || sim->mute[port]) {
        return;
    }
    struct pdu_in_flight *q = &sim->queue[sim->n_queue++];
    q->to = !aux->from;
    q->port = port;
    memcpy(q->data, pdu, size);
}

static void
sim_configure(struct sim *sim, int i)
{
    struct sim_system *sys = &sim->sys[i];

    lacp_fsm_configure(sys->fsm, &sys->s, sys->ports, sys->n_ports,
                       sim->now);
    sys->configured = true;
    for (size_t p = 0; p < sys->n_ports; p++) {
        lacp_fsm_set_enabled(sys->fsm, p, sim->link[p], sys->speed[p],
                             sim->now);
    }
}

/* Advances one tick: delivers what is in flight, then runs both. */
static void
sim_tick(struct sim *sim)
{
    struct pdu_in_flight queue[MAX_QUEUE];
    size_t n = sim->n_queue;

    memcpy(queue, sim->queue, n * sizeof *queue);
    sim->n_queue = 0;
    for (size_t k = 0; k < n; k++) {
        struct sim_system *sys = &sim->sys[queue[k].to];
        struct send_aux aux = { sim, queue[k].to };
        if (sys->configured && queue[k].port < sys->n_ports) {
            lacp_fsm_receive(sys->fsm, queue[k].port, queue[k].data,
                             LACP_PDU_SIZE, sim->now, sim_send, &aux);
        }
    }
    for (int i = 0; i < 2; i++) {
        struct send_aux aux = { sim, i };
        if (sim->sys[i].configured) {
            lacp_fsm_run(sim->sys[i].fsm, sim->now, sim_send, &aux);
        }
    }
}

static void
print_info(const char *who, const struct lacp_pdu_info *info)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    lacp_pdu_format_state(&ds, info->state);
    printf("    %s: "ETH_ADDR_FMT" prio %u key %u port %u/%u state %u:%s\n",
           who, ETH_ADDR_ARGS(info->sys_id), info->sys_priority, info->key,
           info->port_id, info->port_priority, info->state, ds_cstr(&ds));
    ds_destroy(&ds);
}

static void
sim_show(const struct sim *sim, int i)
{
    const struct sim_system *sys = &sim->sys[i];
    struct lacp_fsm_agg_report agg;

    if (!sys->configured) {
        return;
    }
    lacp_fsm_agg_report(sys->fsm, &agg);
    printf("  %c: %s%s, active aggregator %d (%"PRIuSIZE" ports)\n",
           'A' + i,
           lacp_fsm_negotiated(sys->fsm) ? "negotiated" : "not negotiated",
           lacp_fsm_fallen_back(sys->fsm) ? ", fallback" : "",
           agg.id, agg.n_ports);
    for (size_t p = 0; p < sys->n_ports; p++) {
        struct lacp_fsm_port_report r;

        lacp_fsm_port_report(sys->fsm, p, &r);
        printf("  %s: %s %s agg %d%s%s churn %s/%s\n", sys->names[p],
               lacp_fsm_rx_name(r.rx), lacp_fsm_mux_name(r.mux),
               r.aggregator, r.selected ? " selected" : "",
               r.may_tx ? " tx" : "", lacp_fsm_churn_name(r.actor_churn),
               lacp_fsm_churn_name(r.partner_churn));
        print_info("actor", &r.actor);
        print_info("partner", &r.partner);
    }
}

static void
sim_stats(const struct sim *sim, int i)
{
    const struct sim_system *sys = &sim->sys[i];

    for (size_t p = 0; p < sys->n_ports; p++) {
        struct lacp_fsm_port_report r;

        lacp_fsm_port_report(sys->fsm, p, &r);
        printf("  %s: tx %"PRIu64" rx %"PRIu64" bad %"PRIu64" unknown %"
               PRIu64" marker %"PRIu64"/%"PRIu64" expired %"PRIu64
               " defaulted %"PRIu64" carrier %"PRIu64" churns %"PRIu64"/%"
               PRIu64"\n", sys->names[p], r.stats.tx_pdus, r.stats.rx_pdus,
               r.stats.rx_bad, r.stats.rx_unknown, r.stats.rx_marker,
               r.stats.tx_marker_response, r.stats.link_expired,
               r.stats.link_defaulted, r.stats.carrier_changes,
               r.stats.actor_churns, r.stats.partner_churns);
    }
}

static int
parse_system(const char *s)
{
    return !strcmp(s, "A") ? 0 : !strcmp(s, "B") ? 1 : -1;
}

static bool
apply_system(struct sim_system *sys, const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq) {
        return false;
    }
    const char *v = eq + 1;
    size_t len = eq - kv;

    if (!strncmp(kv, "sys", len)) {
        return eth_addr_from_string(v, &sys->s.sys_id);
    } else if (!strncmp(kv, "prio", len)) {
        sys->s.sys_priority = atoi(v);
    } else if (!strncmp(kv, "active", len)) {
        sys->s.active = atoi(v);
    } else if (!strncmp(kv, "fast", len)) {
        sys->s.fast = atoi(v);
    } else if (!strncmp(kv, "select", len)) {
        sys->s.ad_select = (!strcmp(v, "stable") ? LACP_FSM_SELECT_STABLE
                            : !strcmp(v, "bandwidth")
                            ? LACP_FSM_SELECT_BANDWIDTH
                            : LACP_FSM_SELECT_COUNT);
    } else if (!strncmp(kv, "fallback", len)) {
        sys->s.fallback = (!strcmp(v, "none") ? LACP_FSM_FALLBACK_NONE
                           : !strcmp(v, "all") ? LACP_FSM_FALLBACK_ALL
                           : LACP_FSM_FALLBACK_AB);
    } else {
        return false;
    }
    return true;
}

static bool
parse_hex(const char *hex, uint8_t *buf, size_t *n)
{
    *n = 0;
    while (hex[0] && hex[1] && *n < 256) {
        if (!isxdigit((unsigned char) hex[0])
            || !isxdigit((unsigned char) hex[1])) {
            return false;
        }
        buf[(*n)++] = hexit_value(hex[0]) * 16 + hexit_value(hex[1]);
        hex += 2;
    }
    return !hex[0];
}

int
test_lacp_fsm_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    struct sim *sim = xzalloc(sizeof *sim);
    int status = 0;

    for (int i = 0; i < 2; i++) {
        struct sim_system *sys = &sim->sys[i];
        sys->fsm = lacp_fsm_create();
        sys->s.sys_priority = 65534;
        sys->s.active = true;
        sys->s.fallback = LACP_FSM_FALLBACK_NONE;
        eth_addr_from_string(i ? "aa:bb:bb:bb:bb:bb" : "aa:aa:aa:aa:aa:aa",
                             &sys->s.sys_id);
    }

    struct svec words;
    while (ovs_bond_test_next_command(&line, &words)) {

        const char *cmd = words.names[0];
        int sysi = words.n > 1 ? parse_system(words.names[1]) : -1;
        bool ok = true;
        if (!strcmp(cmd, "system") && sysi >= 0) {
            for (size_t i = 2; i < words.n; i++) {
                ok = ok && apply_system(&sim->sys[sysi], words.names[i]);
            }
            sim_configure(sim, sysi);
        } else if (!strcmp(cmd, "ports") && sysi >= 0
                   && words.n - 2 <= MAX_PORTS) {
            struct sim_system *sys = &sim->sys[sysi];
            for (size_t p = 0; p < sys->n_ports; p++) {
                free(sys->names[p]);
            }
            sys->n_ports = words.n - 2;
            for (size_t p = 0; p < sys->n_ports; p++) {
                char *spec = xstrdup(words.names[p + 2]);
                char *key = strchr(spec, ':');
                char *prio = key ? strchr(key + 1, ':') : NULL;
                if (key) {
                    *key++ = '\0';
                }
                if (prio) {
                    *prio++ = '\0';
                }
                sys->names[p] = spec;
                sys->ports[p].name = spec;
                sys->ports[p].port_id = p + 1;
                sys->ports[p].key = key ? atoi(key) : 1;
                sys->ports[p].port_priority = prio ? atoi(prio) : 65535;
            }
            sim_configure(sim, sysi);
        } else if (!strcmp(cmd, "link") && words.n == 3) {
            size_t w = atoi(words.names[1]);
            ok = w < MAX_PORTS;
            if (ok) {
                sim->link[w] = !strcmp(words.names[2], "up");
                for (int i = 0; i < 2; i++) {
                    struct sim_system *sys = &sim->sys[i];
                    if (sys->configured && w < sys->n_ports) {
                        lacp_fsm_set_enabled(sys->fsm, w, sim->link[w],
                                             sys->speed[w], sim->now);
                    }
                }
            }
        } else if ((!strcmp(cmd, "mute") || !strcmp(cmd, "unmute"))
                   && words.n == 2) {
            size_t w = atoi(words.names[1]);
            ok = w < MAX_PORTS;
            if (ok) {
                sim->mute[w] = !strcmp(cmd, "mute");
            }
        } else if (!strcmp(cmd, "speed") && sysi >= 0 && words.n == 4) {
            struct sim_system *sys = &sim->sys[sysi];
            size_t p = atoi(words.names[2]);
            ok = p < sys->n_ports;
            if (ok) {
                sys->speed[p] = atoll(words.names[3]) * 1000000;
                lacp_fsm_set_enabled(sys->fsm, p, sim->link[p],
                                     sys->speed[p], sim->now);
            }
        } else if (!strcmp(cmd, "inject") && sysi >= 0 && words.n == 4) {
            struct sim_system *sys = &sim->sys[sysi];
            struct send_aux aux = { sim, sysi };
            size_t p = atoi(words.names[2]);
            uint8_t buf[256];
            size_t n;

            ok = p < sys->n_ports && parse_hex(words.names[3], buf, &n);
            if (ok) {
                lacp_fsm_receive(sys->fsm, p, buf, n, sim->now, sim_send,
                                 &aux);
            }
        } else if (!strcmp(cmd, "marker") && sysi >= 0 && words.n == 3) {
            struct sim_system *sys = &sim->sys[sysi];
            struct send_aux aux = { sim, sysi };
            struct lacp_pdu_marker m = { .response = false, .port = 7,
                                         .transaction = 0x01020304 };
            uint8_t buf[LACP_PDU_SIZE];
            size_t p = atoi(words.names[2]);

            ok = p < sys->n_ports;
            if (ok) {
                m.system = sim->sys[!sysi].s.sys_id;
                lacp_pdu_encode_marker(&m, buf);
                size_t before = sim->n_queue;
                lacp_fsm_receive(sys->fsm, p, buf, sizeof buf, sim->now,
                                 sim_send, &aux);
                for (size_t k = before; k < sim->n_queue; k++) {
                    struct lacp_pdu_marker r;
                    struct lacp_pdu pdu;
                    const char *why;
                    if (lacp_pdu_decode(sim->queue[k].data,
                                        LACP_PDU_SIZE, &pdu, &r, &why)
                        == LACP_PDU_MARKER) {
                        printf("  marker %s port %u system "ETH_ADDR_FMT
                               " transaction %#"PRIx32"\n",
                               r.response ? "response" : "information",
                               r.port, ETH_ADDR_ARGS(r.system),
                               r.transaction);
                    }
                }
            }
        } else if (!strcmp(cmd, "run") && words.n == 2) {
            long long int until = atoll(words.names[1]);
            while (sim->now < until) {
                sim->now = MIN(sim->now + 100, until);
                sim_tick(sim);
            }
        } else if (!strcmp(cmd, "show")) {
            for (int i = 0; i < 2; i++) {
                if (sysi < 0 || sysi == i) {
                    sim_show(sim, i);
                }
            }
        } else if (!strcmp(cmd, "stats") && sysi >= 0) {
            sim_stats(sim, sysi);
        } else {
            ok = false;
        }
        status |= ovs_bond_test_end_command(ok, &words);
    }

    for (int i = 0; i < 2; i++) {
        for (size_t p = 0; p < sim->sys[i].n_ports; p++) {
            free(sim->sys[i].names[p]);
        }
        lacp_fsm_destroy(sim->sys[i].fsm);
    }
    free(sim);
    ds_destroy(&line);
    return status;
}
