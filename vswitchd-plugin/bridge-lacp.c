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
#include "bridge-lacp.h"

#include <string.h>

#include "bond-config.h"
#include "lacp-pdu.h"
#include "lib/vswitch-idl.h"
#include "ofproto/ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/ofp-port.h"
#include "smap.h"
#include "util.h"

/* Puts into 'args' the LACP keys of Port 'port' and of its one Interface
 * 'iface', as bond_config_parse() takes them for a bond of that one
 * member: the other keys of a bond do not apply to a single port, and
 * Open vSwitch ignores them there. */
static void
lacp_args(const struct ovsrec_port *port, const struct ovsrec_interface *iface,
          struct smap *args)
{
    const struct smap_node *node;

    smap_add(args, "lacp", port->lacp);
    SMAP_FOR_EACH (node, &port->other_config) {
        if (!strncmp(node->key, "lacp-", 5)) {
            smap_add(args, node->key, node->value);
        }
    }
    SMAP_FOR_EACH (node, &iface->other_config) {
        if (!strncmp(node->key, "lacp-", 5)) {
            char *key = xasprintf("member:%s:%s", iface->name, node->key);
            smap_replace(args, key, node->value);
            free(key);
        }
    }
}

/* Reads the LACP settings of Port 'port' with its one Interface 'iface',
 * whose OpenFlow port is 'ofp_port', on a bridge whose MAC is 'bridge_ea'
 * (the system ID unless other_config:lacp-system-id says).  Sets '*lacpp'
 * to them, reusing what it points to, or to NULL, freeing it, when the port
 * runs no LACP or its keys are wrong; returns NULL or, in the last case, a
 * message that names what is wrong (the caller frees it). */
char *
bridge_lacp_parse(const struct ovsrec_port *port,
                  const struct ovsrec_interface *iface,
                  struct eth_addr bridge_ea, ofp_port_t ofp_port,
                  struct bridge_lacp **lacpp)
{
    struct bond_settings s;
    struct smap args = SMAP_INITIALIZER(&args);
    char *error = NULL;

    bond_config_init(&s);
    if (port->lacp && strcmp(port->lacp, "off")) {
        char *name = iface->name;

        lacp_args(port, iface, &args);
        error = bond_config_parse(&args, port->name, &name, 1, &s);
    }
    if (error || s.lacp == BOND_LACP_OFF) {
        bridge_lacp_destroy(*lacpp);
        *lacpp = NULL;
        goto out;
    }

    struct bridge_lacp *lacp = *lacpp;
    if (!lacp) {
        lacp = *lacpp = xzalloc(sizeof *lacp);
    }
    free(lacp->settings.name);
    lacp->settings.name = xstrdup(port->name);
    lacp->settings.id = s.has_lacp_system_id ? s.lacp_system_id : bridge_ea;
    lacp->settings.priority = s.lacp_system_priority ? s.lacp_system_priority
                                                     : UINT16_MAX;
    lacp->settings.active = s.lacp == BOND_LACP_ACTIVE;
    lacp->settings.fast = s.lacp_fast;
    lacp->settings.fallback_ab_cfg = s.lacp_fallback_ab;

    const struct bond_member_settings *m = &s.members[0];
    free(lacp->member.name);
    lacp->member.name = xstrdup(iface->name);
    lacp->member.id = m->lacp_port_id ? m->lacp_port_id
                                      : ofp_to_u16(ofp_port);
    lacp->member.priority = m->lacp_port_priority;
    lacp->member.key = m->lacp_key;

out:
    smap_destroy(&args);
    bond_config_destroy(&s);
    return error;
}

void
bridge_lacp_destroy(struct bridge_lacp *lacp)
{
    if (lacp) {
        free(lacp->settings.name);
        free(lacp->member.name);
        free(lacp);
    }
}

/* Formats 'lacp', whose OpenFlow port is 'ofport', in lacp/show's layout
 * (or lacp/show-stats's, if 'stats') with what ofproto reports: the
 * partner's port, priority and key are not among that, and are left out. */
void
bridge_lacp_format(struct ds *ds, const struct bridge_lacp *lacp,
                   const struct ofport *ofport, bool stats)
{
    const struct lacp_settings *ls = &lacp->settings;
    const struct lacp_member_settings *lm = &lacp->member;
    struct lacp_member_stats st;

    if (!ofport || ofproto_port_get_lacp_stats(ofport, &st)) {
        ds_put_format(ds, "---- %s ----\n  status: not running\n", ls->name);
        return;
    }
    if (stats) {
        ds_put_format(ds, "---- %s statistics ----\n", ls->name);
        ds_put_format(ds, "\nmember: %s:\n", lm->name);
        ds_put_format(ds, "  TX PDUs: %"PRIu32"\n",
                      st.dot3adAggPortStatsLACPDUsTx);
        ds_put_format(ds, "  RX PDUs: %"PRIu32"\n",
                      st.dot3adAggPortStatsLACPDUsRx);
        ds_put_format(ds, "  RX Bad PDUs: %"PRIu32"\n",
                      st.dot3adAggPortStatsIllegalRx);
        return;
    }

    uint8_t actor = st.dot3adAggPortActorOperState;
    ds_put_format(ds, "---- %s ----\n", ls->name);
    ds_put_format(ds, "  status: %s%s\n", ls->active ? "active" : "passive",
                  actor & LACP_PDU_DEFAULTED ? "" : " negotiated");
    ds_put_format(ds, "  sys_id: "ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(ls->id));
    ds_put_format(ds, "  sys_priority: %u\n", ls->priority);
    ds_put_format(ds, "  aggregation key: %"PRIu32"\n",
                  st.dot3adAggPortAttachedAggID);
    ds_put_format(ds, "  lacp_time: %s\n", ls->fast ? "fast" : "slow");

    ds_put_format(ds, "\nmember: %s: %s %s\n", lm->name,
                  (actor & LACP_PDU_EXPIRED ? "expired"
                   : actor & LACP_PDU_DEFAULTED ? "defaulted" : "current"),
                  actor & LACP_PDU_SYNC ? "attached" : "detached");
    ds_put_format(ds, "  port_id: %u\n", lm->id);
    ds_put_format(ds, "  port_priority: %u\n", lm->priority);
    ds_put_format(ds, "  may_enable: %s\n",
                  ofport->may_enable ? "true" : "false");

    ds_put_format(ds, "\n  actor sys_id: "ETH_ADDR_FMT"\n",
                  ETH_ADDR_ARGS(st.dot3adAggPortActorSystemID));
    ds_put_format(ds, "  actor sys_priority: %u\n", ls->priority);
    ds_put_format(ds, "  actor port_id: %u\n", lm->id);
    ds_put_format(ds, "  actor port_priority: %u\n", lm->priority);
    ds_put_format(ds, "  actor key: %"PRIu32"\n",
                  st.dot3adAggPortAttachedAggID);
    ds_put_cstr(ds, "  actor state:");
    lacp_pdu_format_state(ds, actor);

    ds_put_format(ds, "\n\n  partner sys_id: "ETH_ADDR_FMT"\n",
                  ETH_ADDR_ARGS(st.dot3adAggPortPartnerOperSystemID));
    ds_put_cstr(ds, "  partner state:");
    lacp_pdu_format_state(ds, st.dot3adAggPortPartnerOperState);
    ds_put_char(ds, '\n');
}
