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

#ifndef LACP_PDU_H
#define LACP_PDU_H 1

/* IEEE 802.1AX (2008, version 1) slow protocol PDUs, pure: the LACPDU and
 * the Marker PDU as they are on the wire (802.1AX 5.4.2.2 and 6.5.3), their
 * decoding with every check the standard asks for, and their encoding.
 * lib/lacp-fsm.c runs the machines that exchange them; tests/fuzz/
 * fuzz-lacp.c feeds the decoder what a hostile partner could send. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "openvswitch/types.h"
#include "packets.h"

struct ds;

/* Actor and partner state bits (802.1AX 5.4.2.2, item m). */
#define LACP_PDU_ACTIVITY     0x01  /* Active LACP. */
#define LACP_PDU_TIMEOUT      0x02  /* Short timeout. */
#define LACP_PDU_AGGREGATION  0x04  /* Aggregatable. */
#define LACP_PDU_SYNC         0x08  /* In sync with its aggregator. */
#define LACP_PDU_COLLECTING   0x10
#define LACP_PDU_DISTRIBUTING 0x20
#define LACP_PDU_DEFAULTED    0x40  /* Uses default partner information. */
#define LACP_PDU_EXPIRED      0x80  /* Receive machine is EXPIRED. */

/* Slow protocols, on the wire. */
#define LACP_PDU_SIZE 110       /* LACPDU and Marker PDU payload. */
#define LACP_PDU_SUBTYPE_LACP 1
#define LACP_PDU_SUBTYPE_MARKER 2

/* One side's information, as an LACPDU carries it. */
struct lacp_pdu_info {
    uint16_t sys_priority;
    struct eth_addr sys_id;
    uint16_t key;
    uint16_t port_priority;
    uint16_t port_id;
    uint8_t state;              /* LACP_FSM_* bits. */
};

/* A decoded LACPDU. */
struct lacp_pdu {
    struct lacp_pdu_info actor;
    struct lacp_pdu_info partner;
    uint16_t collector_max_delay;
};

/* A decoded Marker PDU. */
struct lacp_pdu_marker {
    bool response;              /* Marker Response, else Marker Info. */
    uint16_t port;              /* Requester port. */
    struct eth_addr system;     /* Requester system. */
    uint32_t transaction;       /* Requester transaction ID. */
};

/* What lacp_pdu_decode() found. */
enum lacp_pdu_kind {
    LACP_PDU_LACPDU,            /* A valid LACPDU. */
    LACP_PDU_MARKER,            /* A valid Marker PDU. */
    LACP_PDU_UNKNOWN,           /* Another slow protocol (e.g. OAM). */
    LACP_PDU_BAD                /* Malformed. */
};

enum lacp_pdu_kind lacp_pdu_decode(const void *, size_t, struct lacp_pdu *,
                                   struct lacp_pdu_marker *,
                                   const char **why);
void lacp_pdu_encode(const struct lacp_pdu *, uint8_t pdu[LACP_PDU_SIZE]);
void lacp_pdu_encode_marker(const struct lacp_pdu_marker *,
                            uint8_t pdu[LACP_PDU_SIZE]);
void lacp_pdu_format_state(struct ds *, uint8_t state);

#endif /* lacp-pdu.h */
