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

/* The connectivity monitors that ofproto runs on an OpenFlow port (BFD,
 * and 802.1ag CFM): their settings from the Interface row, their status
 * back into it. */

#include <config.h>
#include "bridge-monitors.h"

#include <stdlib.h>
#include <strings.h>

#include "bfd.h"
#include "cfm.h"
#include "lib/vswitch-idl.h"
#include "netdev.h"
#include "ovsdb-data.h"
#include "ovsdb-idl.h"
#include "ofproto/ofproto.h"
#include "smap.h"
#include "util.h"

/* The Interface columns that report CFM's status. */
static const struct ovsdb_idl_column *const cfm_status_columns[] = {
    &ovsrec_interface_col_cfm_fault,
    &ovsrec_interface_col_cfm_fault_status,
    &ovsrec_interface_col_cfm_flap_count,
    &ovsrec_interface_col_cfm_health,
    &ovsrec_interface_col_cfm_remote_mpids,
    &ovsrec_interface_col_cfm_remote_opstate,
};

void
bridge_monitors_init(void)
{
    bfd_init();
    cfm_init();
}

/* True if tunnel port 'netdev' takes its key from the flow, in which case
 * CFM must check the key of what it receives. */
static bool
tunnel_key_from_flow(const struct netdev *netdev)
{
    struct smap config = SMAP_INITIALIZER(&config);
    bool from_flow = false;

    if (!netdev_get_config(netdev, &config)) {
        const char *key = smap_get(&config, "key");
        const char *in_key = smap_get(&config, "in_key");
        from_flow = ((key && !strcmp(key, "flow"))
                     || (in_key && !strcmp(in_key, "flow")));
    }
    smap_destroy(&config);
    return from_flow;
}

/* The VLAN of CCMs from other_config:cfm_ccm_vlan: none, a number, or
 * "random". */
static uint16_t
cfm_ccm_vlan(const char *value)
{
    if (!value) {
        return 0;
    } else if (!strcasecmp(value, "random")) {
        return CFM_RANDOM_VLAN;
    } else {
        int vlan = atoi(value);
        return vlan == CFM_RANDOM_VLAN ? 0 : vlan;
    }
}

static void
configure_cfm(struct ofproto *ofproto, ofp_port_t ofp_port,
              const struct netdev *netdev, const struct ovsrec_interface *cfg)
{
    const struct smap *oc = &cfg->other_config;

    if (!cfg->n_cfm_mpid) {
        ofproto_port_clear_cfm(ofproto, ofp_port);
        return;
    }

    int interval = smap_get_int(oc, "cfm_interval", 0);
    const char *opstate = smap_get(oc, "cfm_opstate");
    struct cfm_settings s = {
        .mpid = *cfg->cfm_mpid,
        .interval = interval > 0 ? interval : 1000,
        .extended = smap_get_bool(oc, "cfm_extended", false),
        .demand = smap_get_bool(oc, "cfm_demand", false),
        .opup = !opstate || !strcasecmp(opstate, "up"),
        .ccm_vlan = cfm_ccm_vlan(smap_get(oc, "cfm_ccm_vlan")),
        .ccm_pcp = smap_get_int(oc, "cfm_ccm_pcp", 0),
        .check_tnl_key = tunnel_key_from_flow(netdev),
    };
    ofproto_port_set_cfm(ofproto, ofp_port, &s);
}

/* The status columns written here need not alert the bridge. */
void
bridge_monitors_omit_alerts(struct ovsdb_idl *idl)
{
    ovsdb_idl_omit_alert(idl, &ovsrec_interface_col_bfd_status);
    for (size_t i = 0; i < ARRAY_SIZE(cfm_status_columns); i++) {
        ovsdb_idl_omit_alert(idl, cfm_status_columns[i]);
    }
}

void
bridge_monitors_configure(struct ofproto *ofproto, ofp_port_t ofp_port,
                          const struct netdev *netdev,
                          const struct ovsrec_interface *cfg)
{
    ofproto_port_set_bfd(ofproto, ofp_port, &cfg->bfd);
    configure_cfm(ofproto, ofp_port, netdev, cfg);
}

/* Writes the CFM columns of 'cfg' from 'status', or empties them if
 * 'status' is NULL (no CFM on the port). */
static void
publish_cfm(const struct ovsrec_interface *cfg,
            const struct cfm_status *status)
{
    if (!status) {
        for (size_t i = 0; i < ARRAY_SIZE(cfm_status_columns); i++) {
            /* ovsdb_idl_txn_write() takes it over (write_clone() would
             * give the copy a reference count that an unchanged value
             * then leaks). */
            struct ovsdb_datum empty;
            ovsdb_datum_init_empty(&empty);
            ovsdb_idl_txn_write(&cfg->header_, cfm_status_columns[i],
                                &empty);
        }
        return;
    }

    bool fault = status->faults != 0;
    ovsrec_interface_set_cfm_fault(cfg, &fault, 1);

    const char *reasons[CFM_FAULT_N_REASONS];
    size_t n_reasons = 0;
    for (int bit = 0; bit < CFM_FAULT_N_REASONS; bit++) {
        if (status->faults & (1 << bit)) {
            reasons[n_reasons++] = cfm_fault_reason_to_str(1 << bit);
        }
    }
    ovsrec_interface_set_cfm_fault_status(cfg, reasons, n_reasons);

    int64_t flaps = status->flap_count;
    ovsrec_interface_set_cfm_flap_count(cfg, &flaps, 1);
    ovsrec_interface_set_cfm_remote_opstate(
        cfg, (status->remote_opstate < 0 ? NULL
              : status->remote_opstate ? "up" : "down"));
    ovsrec_interface_set_cfm_remote_mpids(cfg,
                                          (const int64_t *) status->rmps,
                                          status->n_rmps);
    int64_t health = status->health;
    ovsrec_interface_set_cfm_health(cfg, &health, health >= 0);
}

void
bridge_monitors_publish(struct ofproto *ofproto, ofp_port_t ofp_port,
                        const struct ovsrec_interface *cfg)
{
    struct smap bfd = SMAP_INITIALIZER(&bfd);
    struct cfm_status cfm;

    if (ofp_port != OFPP_NONE) {
        ofproto_port_get_bfd_status(ofproto, ofp_port, &bfd);
    }
    ovsrec_interface_set_bfd_status(cfg, &bfd);
    smap_destroy(&bfd);

    if (ofp_port != OFPP_NONE
        && !ofproto_port_get_cfm_status(ofproto, ofp_port, &cfm)) {
        publish_cfm(cfg, &cfm);
        free(cfm.rmps);
    } else {
        publish_cfm(cfg, NULL);
    }
}
