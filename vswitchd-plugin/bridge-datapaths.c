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

/* The Datapath table: per datapath type, the conntrack zones' timeout
 * policies (which "ovs-vsctl add-zone-tp" writes) applied to the datapath,
 * and the datapath's capabilities written back for its users (ovn-controller
 * reads them, ct_zero_snat for one). */

#include <config.h>
#include "bridge-datapaths.h"

#include <stdlib.h>

#include "lib/vswitch-idl.h"
#include "ofproto/ofproto.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "simap.h"
#include "smap.h"
#include "sset.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_datapaths);

/* A conntrack zone with a timeout policy, as applied to its datapath. */
struct dp_zone {
    uint16_t id;
    struct simap policy;        /* Timeout name to seconds. */
};

/* A datapath type with a Datapath row. */
struct dp_state {
    char *type;
    struct dp_zone *zones;      /* Sorted by 'id'. */
    size_t n_zones;
};

/* Every "struct dp_state", by type. */
static struct shash datapaths = SHASH_INITIALIZER(&datapaths);

static void
dp_policy_from_row(const struct ovsrec_ct_timeout_policy *row,
                   struct simap *policy)
{
    simap_init(policy);
    for (size_t i = 0; row && i < row->n_timeouts; i++) {
        simap_put(policy, row->key_timeouts[i], row->value_timeouts[i]);
    }
}

static const struct dp_zone *
dp_find_zone(const struct dp_state *dp, uint16_t id)
{
    for (size_t i = 0; i < dp->n_zones; i++) {
        if (dp->zones[i].id == id) {
            return &dp->zones[i];
        }
    }
    return NULL;
}

static void
dp_free_zones(struct dp_zone *zones, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        simap_destroy(&zones[i].policy);
    }
    free(zones);
}

/* Brings the zones of 'dp' in line with 'row': sets the policies that are
 * new or changed, deletes those of zones that are gone. */
static void
dp_configure_zones(struct dp_state *dp, const struct ovsrec_datapath *row)
{
    struct dp_zone *zones = xcalloc(MAX(row->n_ct_zones, 1), sizeof *zones);

    for (size_t i = 0; i < row->n_ct_zones; i++) {
        struct dp_zone *z = &zones[i];

        z->id = row->key_ct_zones[i];
        dp_policy_from_row(row->value_ct_zones[i]->timeout_policy,
                           &z->policy);

        const struct dp_zone *old = dp_find_zone(dp, z->id);
        if (!old || !simap_equal(&old->policy, &z->policy)) {
            ofproto_ct_set_zone_timeout_policy(dp->type, z->id, &z->policy);
        }
    }
    for (size_t i = 0; i < dp->n_zones; i++) {
        bool kept = false;
        for (size_t j = 0; j < row->n_ct_zones && !kept; j++) {
            kept = zones[j].id == dp->zones[i].id;
        }
        if (!kept) {
            ofproto_ct_del_zone_timeout_policy(dp->type, dp->zones[i].id);
        }
    }

    dp_free_zones(dp->zones, dp->n_zones);
    dp->zones = zones;
    dp->n_zones = row->n_ct_zones;
}

static void dp_forget(struct dp_state *);

/* Deletes the policies of 'dp' from its datapath and frees it. */
static void
dp_destroy(struct dp_state *dp)
{
    for (size_t i = 0; i < dp->n_zones; i++) {
        ofproto_ct_del_zone_timeout_policy(dp->type, dp->zones[i].id);
    }
    dp_forget(dp);
}

/* Frees 'dp' and leaves its datapath alone. */
static void
dp_forget(struct dp_state *dp)
{
    dp_free_zones(dp->zones, dp->n_zones);
    free(dp->type);
    free(dp);
}

void
bridge_datapaths_configure(const struct ovsrec_open_vswitch *ovs,
                           const struct sset *types)
{
    struct shash_node *node;

    for (size_t i = 0; i < ovs->n_datapaths; i++) {
        const char *type = ovs->key_datapaths[i];
        struct dp_state *dp = shash_find_data(&datapaths, type);

        if (!sset_contains(types, type)) {
            /* No bridge runs this datapath, which would hold the
             * policies: they are set when one does. */
            continue;
        }
        if (!dp) {
            dp = xzalloc(sizeof *dp);
            dp->type = xstrdup(type);
            shash_add(&datapaths, type, dp);
        }
        dp_configure_zones(dp, ovs->value_datapaths[i]);
    }

    SHASH_FOR_EACH_SAFE (node, &datapaths) {
        bool kept = false;
        for (size_t i = 0; i < ovs->n_datapaths && !kept; i++) {
            kept = !strcmp(ovs->key_datapaths[i], node->name);
        }
        if (!sset_contains(types, node->name)) {
            /* Its datapath went away, and its policies with it. */
            dp_forget(node->data);
            shash_delete(&datapaths, node);
        } else if (!kept) {
            dp_destroy(node->data);
            shash_delete(&datapaths, node);
        }
    }
}

void
bridge_datapaths_publish(const struct ovsrec_open_vswitch *ovs)
{
    for (size_t i = 0; i < ovs->n_datapaths; i++) {
        const struct ovsrec_datapath *row = ovs->value_datapaths[i];
        struct smap caps = SMAP_INITIALIZER(&caps);
        struct smap_node *cap;

        /* Only the keys that differ, leaving others' keys alone. */
        ofproto_get_datapath_cap(ovs->key_datapaths[i], &caps);
        SMAP_FOR_EACH (cap, &caps) {
            const char *value = smap_get(&row->capabilities, cap->key);
            if (!value || strcmp(value, cap->value)) {
                ovsrec_datapath_update_capabilities_setkey(row, cap->key,
                                                           cap->value);
            }
        }
        smap_destroy(&caps);
    }
}

void
bridge_datapaths_exit(void)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &datapaths) {
        dp_forget(node->data);
        shash_delete(&datapaths, node);
    }
}
