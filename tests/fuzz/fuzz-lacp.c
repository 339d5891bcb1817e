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

/* libFuzzer harness for lib/lacp-fsm.c: the slow-protocol PDU decoder and
 * the receive path into the machines.
 *
 * The input is a sequence of records, each
 *
 *     LENGTH (1 byte)  CONTROL (1 byte)  PDU (LENGTH bytes)
 *
 * CONTROL's bit 0 picks the port (of two), bit 1 takes that port's link
 * down before the PDU and up after it, and bits 2-7 advance the clock by
 * that many 100 ms ticks.  Every record's PDU goes through
 * lacp_fsm_receive() and then lacp_fsm_run(); afterward the harness checks
 * invariants that no input may break.  "make check-fuzz" builds it with
 * clang, AddressSanitizer and UndefinedBehaviorSanitizer. */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lacp-fsm.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t n_sent;

static void
count_send(void *aux OVS_UNUSED, size_t port, const void *pdu, size_t size)
{
    struct lacp_pdu_marker marker;
    struct lacp_pdu decoded;
    const char *why;

    /* Whatever we send must decode as what we meant to send. */
    ovs_assert(port < 2);
    ovs_assert(size == LACP_PDU_SIZE);
    ovs_assert(lacp_pdu_decode(pdu, size, &decoded, &marker, &why)
               != LACP_PDU_BAD);
    n_sent++;
}

static void
check_invariants(const struct lacp_fsm *fsm)
{
    for (size_t i = 0; i < 2; i++) {
        struct lacp_fsm_port_report r;

        lacp_fsm_port_report(fsm, i, &r);
        ovs_assert(!r.may_tx || r.enabled);
        ovs_assert(r.aggregator >= 0 && r.aggregator <= 2);
        ovs_assert(r.enabled || r.rx == LACP_FSM_RX_DISABLED);
        ovs_assert(!(r.actor.state & LACP_PDU_DISTRIBUTING)
                   || r.mux == LACP_FSM_MUX_COLLECTING_DISTRIBUTING);
        /* Three LACPDUs a second at most, over the whole run. */
        ovs_assert(r.stats.tx_pdus <= 3 * (r.stats.rx_pdus + 1000));
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct lacp_fsm_port_settings ports[2] = {
        { .name = "p0", .port_id = 1, .port_priority = 65535, .key = 1 },
        { .name = "p1", .port_id = 2, .port_priority = 65535, .key = 1 },
    };
    struct lacp_fsm_settings s = {
        .sys_priority = 65534, .active = true, .fast = true,
        .ad_select = LACP_FSM_SELECT_STABLE,
        .fallback = LACP_FSM_FALLBACK_ALL,
    };
    struct lacp_pdu_marker marker;
    struct lacp_pdu pdu;
    const char *why;
    long long int now = 1000;

    /* The decoder alone, on the whole input. */
    lacp_pdu_decode(data, size, &pdu, &marker, &why);

    eth_addr_from_uint64(0x020000000001ULL, &s.sys_id);
    struct lacp_fsm *fsm = lacp_fsm_create();
    lacp_fsm_configure(fsm, &s, ports, 2, now);
    lacp_fsm_set_enabled(fsm, 0, true, 10000000000ULL, now);
    lacp_fsm_set_enabled(fsm, 1, true, 10000000000ULL, now);
    lacp_fsm_run(fsm, now, count_send, NULL);

    while (size >= 2) {
        size_t len = MIN(data[0], size - 2);
        uint8_t control = data[1];
        size_t port = control & 1;
        const uint8_t *p = data + 2;

        if (control & 2) {
            lacp_fsm_set_enabled(fsm, port, false, 0, now);
        }
        lacp_fsm_receive(fsm, port, p, len, now, count_send, NULL);
        if (control & 2) {
            lacp_fsm_set_enabled(fsm, port, true, 1000000000ULL, now);
        }
        now += (control >> 2) * 100;
        lacp_fsm_run(fsm, now, count_send, NULL);
        check_invariants(fsm);

        data += 2 + len;
        size -= 2 + len;
    }

    lacp_fsm_destroy(fsm);
    return 0;
}
