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
#include "bridge-lldp.h"

#include <inttypes.h>
#include <stdlib.h>

#include "hash.h"
#include "lib/vswitch-idl.h"
#include "ofproto/ofproto.h"
#include "openvswitch/hmap.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-lldp.h"
#include "smap.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_lldp);

/* One I-SID to VLAN mapping of an AutoAttach row.  Its address is its
 * handle in ofproto. */
struct aa_mapping {
    struct hmap_node node;      /* In struct bridge_aa's 'mappings'. */
    int64_t isid;
    int64_t vlan;
};

struct bridge_aa {
    struct ofproto *ofproto;
    struct hmap mappings;       /* Contains "struct aa_mapping"s, by isid. */
};

void
bridge_lldp_init(void)
{
    lldp_init();
}

/* LLDP on OpenFlow port 'ofp_port' as the Interface lldp column 'lldp' says
 * ("enable" and the Auto Attach keys). */
void
bridge_lldp_configure_port(struct ofproto *ofproto, ofp_port_t ofp_port,
                           const struct smap *lldp)
{
    ofproto_port_set_lldp(ofproto, ofp_port, lldp);
}

struct bridge_aa *
bridge_aa_create(struct ofproto *ofproto)
{
    struct bridge_aa *aa = xmalloc(sizeof *aa);

    aa->ofproto = ofproto;
    hmap_init(&aa->mappings);
    return aa;
}

static void
aa_mapping_destroy(struct bridge_aa *aa, struct aa_mapping *m)
{
    ofproto_aa_mapping_unregister(aa->ofproto, m);
    hmap_remove(&aa->mappings, &m->node);
    free(m);
}

void
bridge_aa_destroy(struct bridge_aa *aa)
{
    if (aa) {
        struct aa_mapping *m;

        HMAP_FOR_EACH_SAFE (m, node, &aa->mappings) {
            aa_mapping_destroy(aa, m);
        }
        hmap_destroy(&aa->mappings);
        free(aa);
    }
}

static struct aa_mapping *
aa_mapping_find(const struct bridge_aa *aa, int64_t isid)
{
    struct aa_mapping *m;

    HMAP_FOR_EACH_WITH_HASH (m, node, hash_uint64(isid), &aa->mappings) {
        if (m->isid == isid) {
            return m;
        }
    }
    return NULL;
}

/* Brings Auto Attach on the bridge in line with its row 'br'. */
void
bridge_aa_configure(struct bridge_aa *aa, const struct ovsrec_bridge *br)
{
    const struct ovsrec_autoattach *cfg = br->auto_attach;
    struct aa_mapping *m;

    if (!cfg) {
        HMAP_FOR_EACH_SAFE (m, node, &aa->mappings) {
            aa_mapping_destroy(aa, m);
        }
        ofproto_set_aa(aa->ofproto, NULL, NULL);
        return;
    }

    struct aa_settings s = {
        .system_description = cfg->system_description,
        .system_name = cfg->system_name,
    };
    ofproto_set_aa(aa->ofproto, NULL, &s);

    /* Mappings whose I-SID is gone, or maps to another VLAN now. */
    HMAP_FOR_EACH_SAFE (m, node, &aa->mappings) {
        bool keep = false;

        for (size_t i = 0; i < cfg->n_mappings && !keep; i++) {
            keep = (cfg->key_mappings[i] == m->isid
                    && cfg->value_mappings[i] == m->vlan);
        }
        if (!keep) {
            VLOG_INFO("bridge %s: auto attach mapping of I-SID %"PRId64" to "
                      "VLAN %"PRId64" removed", br->name, m->isid, m->vlan);
            aa_mapping_destroy(aa, m);
        }
    }

    for (size_t i = 0; i < cfg->n_mappings; i++) {
        int64_t isid = cfg->key_mappings[i];
        int64_t vlan = cfg->value_mappings[i];

        if (aa_mapping_find(aa, isid)) {
            continue;
        }
        m = xmalloc(sizeof *m);
        m->isid = isid;
        m->vlan = vlan;
        hmap_insert(&aa->mappings, &m->node, hash_uint64(isid));

        struct aa_mapping_settings ms = { .isid = isid, .vlan = vlan };
        ofproto_aa_mapping_register(aa->ofproto, m, &ms);
        VLOG_INFO("bridge %s: auto attach maps I-SID %"PRId64" to VLAN "
                  "%"PRId64, br->name, isid, vlan);
    }
}

/* True if an Auto Attach server asked for VLANs that are not yet applied. */
bool
bridge_aa_has_queued(const struct bridge_aa *aa)
{
    return ofproto_aa_vlan_get_queue_size(aa->ofproto) > 0;
}

/* Adds VLAN 'vlan' to or removes it from the trunks of Port row 'port'
 * (in the transaction in progress); a port left with one trunk is a trunk
 * port, a port left with none an access port (a trunk port without trunks
 * would carry every VLAN). */
static void
aa_update_trunks(const struct ovsrec_port *port, uint16_t vlan, bool add)
{
    int64_t *trunks = xmalloc((port->n_trunks + 1) * sizeof *trunks);
    size_t n = 0;
    bool found = false;

    for (size_t i = 0; i < port->n_trunks; i++) {
        if (port->trunks[i] == vlan) {
            found = true;
            if (!add) {
                continue;
            }
        }
        trunks[n++] = port->trunks[i];
    }
    if (add && !found) {
        trunks[n++] = vlan;
    }

    if (found != add) {
        if (n <= 1) {
            ovsrec_port_set_vlan_mode(port, n ? "trunk" : "access");
        }
        ovsrec_port_set_trunks(port, trunks, n);
    }
    free(trunks);
}

/* Applies the VLANs that Auto Attach servers asked for to the trunks of the
 * ports they were heard on, in the transaction in progress.  'find_port'
 * returns the row of the bridge's port named 'name', or NULL. */
void
bridge_aa_apply_queued(struct bridge_aa *aa,
                       const struct ovsrec_port *(*find_port)(
                           const void *aux, const char *name),
                       const void *aux)
{
    struct ovs_list queued;
    struct bridge_aa_vlan *node;

    ovs_list_init(&queued);
    ofproto_aa_vlan_get_queued(aa->ofproto, &queued);
    LIST_FOR_EACH_POP (node, list_node, &queued) {
        const struct ovsrec_port *port = find_port(aux, node->port_name);

        VLOG_INFO("port %s: auto attach %s VLAN %"PRIu16, node->port_name,
                  (node->oper == BRIDGE_AA_VLAN_OPER_ADD ? "adds"
                   : node->oper == BRIDGE_AA_VLAN_OPER_REMOVE ? "removes"
                   : "ignores"), node->vlan);
        if (port && (node->oper == BRIDGE_AA_VLAN_OPER_ADD
                     || node->oper == BRIDGE_AA_VLAN_OPER_REMOVE)) {
            aa_update_trunks(port, node->vlan,
                             node->oper == BRIDGE_AA_VLAN_OPER_ADD);
        }
        free(node->port_name);
        free(node);
    }
}
