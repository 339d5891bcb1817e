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
#include "bridge-mirrors.h"

#include <stdlib.h>
#include <string.h>

#include "bitmap.h"
#include "hash.h"
#include "lib/vswitch-idl.h"
#include "ofproto/ofproto.h"
#include "openvswitch/hmap.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "ovsdb-idl.h"
#include "util.h"
#include "uuid.h"
#include "vlan-bitmap.h"

VLOG_DEFINE_THIS_MODULE(bridge_mirrors);

/* One Mirror row of a bridge.  Its address is the ofproto mirror's handle,
 * so it stays put while the row exists. */
struct mirror {
    struct hmap_node node;      /* In struct bridge_mirrors's 'mirrors'. */
    struct uuid uuid;           /* The row's. */
    const struct ovsrec_mirror *cfg;
    bool registered;            /* Accepted by ofproto? */
};

struct bridge_mirrors {
    struct ofproto *ofproto;
    struct hmap mirrors;        /* Contains "struct mirror"s, by uuid. */
};

struct bridge_mirrors *
bridge_mirrors_create(struct ofproto *ofproto)
{
    struct bridge_mirrors *bm = xmalloc(sizeof *bm);

    bm->ofproto = ofproto;
    hmap_init(&bm->mirrors);
    return bm;
}

static void
mirror_destroy(struct bridge_mirrors *bm, struct mirror *m)
{
    if (m->registered) {
        ofproto_mirror_unregister(bm->ofproto, m);
    }
    hmap_remove(&bm->mirrors, &m->node);
    free(m);
}

/* Unregisters and frees every mirror of 'bm', before its ofproto goes. */
void
bridge_mirrors_destroy(struct bridge_mirrors *bm)
{
    if (bm) {
        struct mirror *m;

        HMAP_FOR_EACH_SAFE (m, node, &bm->mirrors) {
            mirror_destroy(bm, m);
        }
        hmap_destroy(&bm->mirrors);
        free(bm);
    }
}

void
bridge_mirrors_omit_alerts(struct ovsdb_idl *idl)
{
    ovsdb_idl_omit_alert(idl, &ovsrec_mirror_col_statistics);
}

static struct mirror *
mirror_lookup(const struct bridge_mirrors *bm, const struct uuid *uuid)
{
    struct mirror *m;

    HMAP_FOR_EACH_WITH_HASH (m, node, uuid_hash(uuid), &bm->mirrors) {
        if (uuid_equals(&m->uuid, uuid)) {
            return m;
        }
    }
    return NULL;
}

/* Returns the bundle handles in 'bundles' of the 'n' ports of 'ports', in a
 * new array, and their number in '*n_out'.  A port that is not one of the
 * bridge's registered bundles is left out, with a warning. */
static void **
mirror_collect(const char *br_name, const struct ovsrec_mirror *cfg,
               struct ovsrec_port **ports, size_t n,
               const struct shash *bundles, size_t *n_out)
{
    void **handles = xmalloc((n ? n : 1) * sizeof *handles);

    *n_out = 0;
    for (size_t i = 0; i < n; i++) {
        void *bundle = shash_find_data(bundles, ports[i]->name);
        if (bundle) {
            handles[(*n_out)++] = bundle;
        } else {
            VLOG_WARN("bridge %s: mirror %s cannot match on nonexistent "
                      "port %s", br_name, cfg->name, ports[i]->name);
        }
    }
    return handles;
}

/* Registers 'm' with its row's settings.  Returns false, with an error in
 * the log that names what is wrong, if the row cannot be a mirror. */
static bool
mirror_configure(struct bridge_mirrors *bm, struct mirror *m,
                 const char *br_name, const struct shash *bundles)
{
    const struct ovsrec_mirror *cfg = m->cfg;
    struct ofproto_mirror_settings s = { .name = cfg->name };

    if (cfg->output_port) {
        s.out_bundle = shash_find_data(bundles, cfg->output_port->name);
        if (!s.out_bundle) {
            VLOG_ERR("bridge %s: mirror %s outputs to port not on bridge",
                     br_name, cfg->name);
            return false;
        }
        s.out_vlan = UINT16_MAX;
        if (cfg->output_vlan) {
            VLOG_ERR("bridge %s: mirror %s specifies both output port and "
                     "output vlan; ignoring output vlan", br_name,
                     cfg->name);
        }
    } else if (cfg->output_vlan) {
        s.out_vlan = *cfg->output_vlan;
    } else {
        VLOG_ERR("bridge %s: mirror %s does not specify output; ignoring",
                 br_name, cfg->name);
        return false;
    }
    s.snaplen = cfg->snaplen ? *cfg->snaplen : 0;

    if (cfg->select_all) {
        size_t n = shash_count(bundles);
        void **all = xmalloc((n ? n : 1) * sizeof *all);
        const struct shash_node *node;

        n = 0;
        SHASH_FOR_EACH (node, bundles) {
            all[n++] = node->data;
        }
        s.srcs = s.dsts = all;
        s.n_srcs = s.n_dsts = n;
    } else {
        s.srcs = mirror_collect(br_name, cfg, cfg->select_src_port,
                                cfg->n_select_src_port, bundles, &s.n_srcs);
        s.dsts = mirror_collect(br_name, cfg, cfg->select_dst_port,
                                cfg->n_select_dst_port, bundles, &s.n_dsts);
    }
    s.src_vlans = vlan_bitmap_from_array(cfg->select_vlan,
                                         cfg->n_select_vlan);

    /* ofproto says why it refuses (too many mirrors) in its own log. */
    m->registered = !ofproto_mirror_register(bm->ofproto, m, &s);

    if (s.dsts != s.srcs) {
        free(s.dsts);
    }
    free(s.srcs);
    free(s.src_vlans);
    return m->registered;
}

/* Brings the mirrors of 'bm' in line with the bridge row 'cfg'.  'bundles'
 * maps the name of each port of the bridge that has a registered bundle to
 * its bundle handle.  Call after the ports are configured: ofproto drops a
 * mirror whose output bundle goes away. */
void
bridge_mirrors_configure(struct bridge_mirrors *bm,
                         const struct ovsrec_bridge *cfg,
                         const struct shash *bundles)
{
    struct hmap wanted = HMAP_INITIALIZER(&wanted);
    struct mirror *m;

    /* The rows (the IDL holds each once). */
    for (size_t i = 0; i < cfg->n_mirrors; i++) {
        const struct ovsrec_mirror *mc = cfg->mirrors[i];

        m = mirror_lookup(bm, &mc->header_.uuid);
        if (!m) {
            m = xzalloc(sizeof *m);
            m->uuid = mc->header_.uuid;
        } else {
            hmap_remove(&bm->mirrors, &m->node);
        }
        m->cfg = mc;
        hmap_insert(&wanted, &m->node, uuid_hash(&m->uuid));
    }

    /* Mirrors whose rows are gone. */
    HMAP_FOR_EACH_SAFE (m, node, &bm->mirrors) {
        mirror_destroy(bm, m);
    }
    hmap_swap(&wanted, &bm->mirrors);
    hmap_destroy(&wanted);

    HMAP_FOR_EACH (m, node, &bm->mirrors) {
        if (!mirror_configure(bm, m, cfg->name, bundles) && m->registered) {
            ofproto_mirror_unregister(bm->ofproto, m);
            m->registered = false;
        }
    }

    /* VLANs flooded rather than learned (for RSPAN). */
    unsigned long *flood_vlans = vlan_bitmap_from_array(cfg->flood_vlans,
                                                        cfg->n_flood_vlans);
    ofproto_set_flood_vlans(bm->ofproto, flood_vlans);
    bitmap_free(flood_vlans);
}

/* Writes each mirror's tx_packets and tx_bytes to its row's statistics
 * (empty for a mirror that ofproto does not run). */
void
bridge_mirrors_publish_stats(const struct bridge_mirrors *bm)
{
    const struct mirror *m;

    HMAP_FOR_EACH (m, node, &bm->mirrors) {
        uint64_t packets, bytes;
        const char *keys[2];
        int64_t values[2];
        size_t n = 0;

        if (!m->registered
            || ofproto_mirror_get_stats(bm->ofproto, (void *) m,
                                        &packets, &bytes)) {
            ovsrec_mirror_set_statistics(m->cfg, NULL, NULL, 0);
            continue;
        }
        if (packets != UINT64_MAX) {
            keys[n] = "tx_packets";
            values[n++] = packets;
        }
        if (bytes != UINT64_MAX) {
            keys[n] = "tx_bytes";
            values[n++] = bytes;
        }
        ovsrec_mirror_set_statistics(m->cfg, keys, values, n);
    }
}
