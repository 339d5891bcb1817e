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

/* IEEE 802.1AX slow protocol PDUs.  See lacp-pdu.h. */

#include <config.h>
#include "lacp-pdu.h"

#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "util.h"

/* Offsets in an LACPDU (802.1AX 5.4.2.2). */
enum {
    PDU_SUBTYPE = 0,
    PDU_VERSION = 1,
    PDU_ACTOR_TLV = 2,          /* Type 1, length 20. */
    PDU_PARTNER_TLV = 22,       /* Type 2, length 20. */
    PDU_COLLECTOR_TLV = 42,     /* Type 3, length 16. */
    PDU_TERMINATOR_TLV = 58,    /* Type 0, length 0. */
    INFO_TLV_LEN = 20,
    COLLECTOR_TLV_LEN = 16,
    MARKER_TLV = 2,             /* Type 1 or 2, length 16. */
    MARKER_TLV_LEN = 16,
    MARKER_TERMINATOR_TLV = 18,
};

static uint16_t
get_be16(const uint8_t *p)
{
    return (p[0] << 8) | p[1];
}

static void
put_be16(uint8_t *p, uint16_t x)
{
    p[0] = x >> 8;
    p[1] = x;
}

static void
decode_info(const uint8_t *tlv, struct lacp_pdu_info *info)
{
    info->sys_priority = get_be16(tlv + 2);
    memcpy(&info->sys_id, tlv + 4, ETH_ADDR_LEN);
    info->key = get_be16(tlv + 10);
    info->port_priority = get_be16(tlv + 12);
    info->port_id = get_be16(tlv + 14);
    info->state = tlv[16];
}

static void
encode_info(uint8_t *tlv, uint8_t type, const struct lacp_pdu_info *info)
{
    tlv[0] = type;
    tlv[1] = INFO_TLV_LEN;
    put_be16(tlv + 2, info->sys_priority);
    memcpy(tlv + 4, &info->sys_id, ETH_ADDR_LEN);
    put_be16(tlv + 10, info->key);
    put_be16(tlv + 12, info->port_priority);
    put_be16(tlv + 14, info->port_id);
    tlv[16] = info->state;
}

/* Returns true if the TLV at 'tlv' has 'type' and 'length'. */
static bool
tlv_is(const uint8_t *tlv, uint8_t type, uint8_t length)
{
    return tlv[0] == type && tlv[1] == length;
}

/* Decodes the slow-protocol PDU in 'data' ('size' bytes, the payload of an
 * Ethernet frame with ethertype 0x8809, padding included) into 'pdu' or
 * 'marker'.  Checks the subtype, the version, and every TLV's type and
 * length.  On LACP_PDU_BAD, '*why' says what is wrong. */
enum lacp_pdu_kind
lacp_pdu_decode(const void *data, size_t size, struct lacp_pdu *pdu,
                struct lacp_pdu_marker *marker, const char **why)
{
    const uint8_t *p = data;

    *why = NULL;
    if (size < 1) {
        *why = "empty slow protocol frame";
        return LACP_PDU_BAD;
    }
    if (p[PDU_SUBTYPE] != LACP_PDU_SUBTYPE_LACP
        && p[PDU_SUBTYPE] != LACP_PDU_SUBTYPE_MARKER) {
        return LACP_PDU_UNKNOWN;
    }
    if (size < LACP_PDU_SIZE) {
        *why = "truncated PDU";
        return LACP_PDU_BAD;
    }
    if (p[PDU_VERSION] != 1) {
        *why = "unsupported version";
        return LACP_PDU_BAD;
    }

    if (p[PDU_SUBTYPE] == LACP_PDU_SUBTYPE_MARKER) {
        const uint8_t *tlv = p + MARKER_TLV;
        if ((tlv[0] != 1 && tlv[0] != 2) || tlv[1] != MARKER_TLV_LEN) {
            *why = "bad marker TLV";
            return LACP_PDU_BAD;
        }
        if (!tlv_is(p + MARKER_TERMINATOR_TLV, 0, 0)) {
            *why = "bad marker terminator TLV";
            return LACP_PDU_BAD;
        }
        marker->response = tlv[0] == 2;
        marker->port = get_be16(tlv + 2);
        memcpy(&marker->system, tlv + 4, ETH_ADDR_LEN);
        marker->transaction = ((uint32_t) get_be16(tlv + 10) << 16
                               | get_be16(tlv + 12));
        return LACP_PDU_MARKER;
    }

    if (!tlv_is(p + PDU_ACTOR_TLV, 1, INFO_TLV_LEN)) {
        *why = "bad actor TLV";
    } else if (!tlv_is(p + PDU_PARTNER_TLV, 2, INFO_TLV_LEN)) {
        *why = "bad partner TLV";
    } else if (!tlv_is(p + PDU_COLLECTOR_TLV, 3, COLLECTOR_TLV_LEN)) {
        *why = "bad collector TLV";
    } else if (!tlv_is(p + PDU_TERMINATOR_TLV, 0, 0)) {
        *why = "bad terminator TLV";
    }
    if (*why) {
        return LACP_PDU_BAD;
    }
    decode_info(p + PDU_ACTOR_TLV, &pdu->actor);
    decode_info(p + PDU_PARTNER_TLV, &pdu->partner);
    pdu->collector_max_delay = get_be16(p + PDU_COLLECTOR_TLV + 2);
    return LACP_PDU_LACPDU;
}

/* Encodes 'pdu' as an LACPDU into 'out'. */
void
lacp_pdu_encode(const struct lacp_pdu *pdu,
                uint8_t out[LACP_PDU_SIZE])
{
    memset(out, 0, LACP_PDU_SIZE);
    out[PDU_SUBTYPE] = LACP_PDU_SUBTYPE_LACP;
    out[PDU_VERSION] = 1;
    encode_info(out + PDU_ACTOR_TLV, 1, &pdu->actor);
    encode_info(out + PDU_PARTNER_TLV, 2, &pdu->partner);
    out[PDU_COLLECTOR_TLV] = 3;
    out[PDU_COLLECTOR_TLV + 1] = COLLECTOR_TLV_LEN;
    put_be16(out + PDU_COLLECTOR_TLV + 2, pdu->collector_max_delay);
    /* The terminator TLV and the reserved bytes are zero. */
}

/* Encodes 'marker' as a Marker PDU into 'out'. */
void
lacp_pdu_encode_marker(const struct lacp_pdu_marker *marker,
                       uint8_t out[LACP_PDU_SIZE])
{
    uint8_t *tlv = out + MARKER_TLV;

    memset(out, 0, LACP_PDU_SIZE);
    out[PDU_SUBTYPE] = LACP_PDU_SUBTYPE_MARKER;
    out[PDU_VERSION] = 1;
    tlv[0] = marker->response ? 2 : 1;
    tlv[1] = MARKER_TLV_LEN;
    put_be16(tlv + 2, marker->port);
    memcpy(tlv + 4, &marker->system, ETH_ADDR_LEN);
    put_be16(tlv + 10, marker->transaction >> 16);
    put_be16(tlv + 12, marker->transaction);
}

/* Appends the names of the bits in 'state' to 'ds', each after a space, in
 * Open vSwitch's lacp/show words. */
void
lacp_pdu_format_state(struct ds *ds, uint8_t state)
{
    static const char *const names[8] = {
        "activity", "timeout", "aggregation", "synchronized",
        "collecting", "distributing", "defaulted", "expired",
    };

    for (int i = 0; i < 8; i++) {
        if (state & (1u << i)) {
            ds_put_format(ds, " %s", names[i]);
        }
    }
}
