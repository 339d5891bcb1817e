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
#include "bridge-stp.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "bitmap.h"
#include "lib/vswitch-idl.h"
#include "netdev.h"
#include "netdev-bond.h"
#include "ofproto/ofproto.h"
#include "openvswitch/vlog.h"
#include "ovsdb-idl.h"
#include "rstp.h"
#include "smap.h"
#include "stp.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_stp);

void
bridge_stp_init(void)
{
    stp_init();
    rstp_init();
}

void
bridge_stp_omit_alerts(struct ovsdb_idl *idl)
{
    static const struct ovsdb_idl_column *columns[] = {
        &ovsrec_bridge_col_status,
        &ovsrec_bridge_col_rstp_status,
        &ovsrec_port_col_status,
        &ovsrec_port_col_statistics,
        &ovsrec_port_col_rstp_status,
        &ovsrec_port_col_rstp_statistics,
    };

    for (size_t i = 0; i < ARRAY_SIZE(columns); i++) {
        ovsdb_idl_omit_alert(idl, columns[i]);
    }
}

/* Returns true if 'port' takes part in the spanning tree 'proto' ("STP" or
 * "RSTP") of 'ofproto': its other_config does not turn it off ('key' is
 * "stp-enable" or "rstp-enable"), it is not an internal port and not a
 * mirror's output. */
static bool
stp_port_wanted(struct ofproto *ofproto, const struct bridge_stp_port *port,
                const char *proto, const char *key)
{
    if (!smap_get_bool(&port->cfg->other_config, key, true)) {
        return false;
    } else if (port->internal) {
        VLOG_DBG("port %s: no %s on internal ports", port->cfg->name, proto);
        return false;
    } else if (ofproto_is_mirror_output_bundle(ofproto, port->bundle)) {
        VLOG_DBG("port %s: no %s on mirror output ports", port->cfg->name,
                 proto);
        return false;
    }
    return true;
}

/* The speed of 'port' in Mb/s, for its default path cost: a bond's as
 * Linux bonding reports it, another port's from its netdev's features
 * (10 Gb/s when unknown, as in Open vSwitch). */
static unsigned int
stp_port_mbps(const struct bridge_stp_port *port)
{
    uint64_t bps = 0;

    if (netdev_bond_is_bond(port->netdev)) {
        bps = netdev_bond_get_speed(port->netdev);
    } else {
        enum netdev_features current = 0;

        if (!netdev_get_features(port->netdev, &current, NULL, NULL, NULL)) {
            bps = netdev_features_to_bps(current, 0);
        }
    }
    return (bps ? bps : NETDEV_DEFAULT_BPS) / 1000000;
}

/* Fills in 's' for 'port'.  'next_num' is the next automatic port index,
 * 'manual' has a bit per index that a port asked for. */
static void
stp_port_settings(struct ofproto *ofproto,
                  const struct bridge_stp_port *port,
                  struct ofproto_port_stp_settings *s, int *next_num,
                  unsigned long *manual)
{
    const struct smap *oc = &port->cfg->other_config;
    const char *name = port->cfg->name;

    memset(s, 0, sizeof *s);
    if (!stp_port_wanted(ofproto, port, "STP", "stp-enable")) {
        return;
    }

    const char *num = smap_get(oc, "stp-port-num");
    if (num) {
        unsigned long int n = strtoul(num, NULL, 0);
        if (n < 1 || n > STP_MAX_PORTS) {
            VLOG_ERR("port %s: invalid stp-port-num", name);
            return;
        } else if (bitmap_is_set(manual, n - 1)) {
            VLOG_ERR("port %s: duplicate stp-port-num %lu, disabling",
                     name, n);
            return;
        }
        bitmap_set1(manual, n - 1);
        s->port_num = n - 1;
    } else if (*next_num >= STP_MAX_PORTS) {
        VLOG_ERR("port %s: too many STP ports, disabling", name);
        return;
    } else {
        s->port_num = (*next_num)++;
    }

    const char *cost = smap_get(oc, "stp-path-cost");
    s->path_cost = (cost ? strtoul(cost, NULL, 10)
                    : stp_convert_speed_to_cost(stp_port_mbps(port)));
    s->priority = smap_get_ullong(oc, "stp-port-priority",
                                  STP_DEFAULT_PORT_PRIORITY);
    s->enable = true;
}

/* The bridge address that STP or RSTP uses in its identifier: Bridge
 * other_config 'key' if it holds a MAC, otherwise 'mac' (with an error if
 * the key holds something else). */
static uint64_t
tree_bridge_address(const struct ovsrec_bridge *cfg, const char *key,
                    struct eth_addr mac)
{
    const char *value = smap_get(&cfg->other_config, key);
    struct eth_addr ea;

    if (!value) {
        ea = mac;
    } else if (!eth_addr_from_string(value, &ea)) {
        VLOG_ERR("bridge %s: invalid %s, defaulting to "ETH_ADDR_FMT,
                 cfg->name, key, ETH_ADDR_ARGS(mac));
        ea = mac;
    }
    return eth_addr_to_uint64(ea);
}

static void
bridge_configure_stp(struct ofproto *ofproto, const struct ovsrec_bridge *cfg,
                     struct eth_addr mac, const struct bridge_stp_port *ports,
                     size_t n_ports)
{
    const struct smap *oc = &cfg->other_config;

    /* The database has the two timers in seconds, ofproto in ms. */
    struct ofproto_stp_settings s = {
        .system_id = tree_bridge_address(cfg, "stp-system-id", mac),
        .priority = smap_get_ullong(oc, "stp-priority",
                                    STP_DEFAULT_BRIDGE_PRIORITY),
        .hello_time = smap_get_ullong(oc, "stp-hello-time",
                                      STP_DEFAULT_HELLO_TIME),
        .max_age = 1000 * smap_get_ullong(oc, "stp-max-age",
                                          STP_DEFAULT_MAX_AGE / 1000),
        .fwd_delay = 1000 * smap_get_ullong(oc, "stp-forward-delay",
                                            STP_DEFAULT_FWD_DELAY / 1000),
    };
    if (ofproto_set_stp(ofproto, &s)) {
        VLOG_ERR("bridge %s: could not enable STP", cfg->name);
        return;
    }

    /* Port numbers come from every port's stp-port-num or from none. */
    unsigned long *manual = bitmap_allocate(STP_MAX_PORTS);
    int next_num = 0;
    for (size_t i = 0; i < n_ports; i++) {
        struct ofproto_port_stp_settings ps;

        stp_port_settings(ofproto, &ports[i], &ps, &next_num, manual);
        if (ofproto_port_set_stp(ofproto, ports[i].ofp_port, &ps)) {
            VLOG_ERR("port %s: could not enable STP", ports[i].cfg->name);
        }
    }
    if (next_num && !bitmap_is_all_zeros(manual, STP_MAX_PORTS)) {
        VLOG_ERR("bridge %s: must manually configure all STP port IDs or "
                 "none, disabling", cfg->name);
        ofproto_set_stp(ofproto, NULL);
    }
    bitmap_free(manual);
}

/* Fills in 's' for 'port'; 'n_enabled' counts the ports in the tree. */
static void
rstp_port_settings(struct ofproto *ofproto,
                   const struct bridge_stp_port *port,
                   struct ofproto_port_rstp_settings *s, int *n_enabled)
{
    const struct smap *oc = &port->cfg->other_config;
    const char *name = port->cfg->name;

    memset(s, 0, sizeof *s);
    if (!stp_port_wanted(ofproto, port, "RSTP", "rstp-enable")) {
        return;
    }

    /* Without rstp-port-num, port number 0 lets RSTP pick a free one. */
    const char *num = smap_get(oc, "rstp-port-num");
    if (num) {
        unsigned long int n = strtoul(num, NULL, 0);
        if (n < 1 || n > RSTP_MAX_PORTS) {
            VLOG_ERR("port %s: invalid rstp-port-num", name);
            return;
        }
        s->port_num = n;
    } else if (*n_enabled >= RSTP_MAX_PORTS) {
        VLOG_ERR("port %s: too many RSTP ports, disabling", name);
        return;
    }
    (*n_enabled)++;

    const char *cost = smap_get(oc, "rstp-path-cost");
    s->path_cost = (cost ? strtoul(cost, NULL, 10)
                    : rstp_convert_speed_to_cost(stp_port_mbps(port)));
    s->priority = smap_get_ullong(oc, "rstp-port-priority",
                                  RSTP_DEFAULT_PORT_PRIORITY);
    s->admin_p2p_mac_state = smap_get_ullong(oc, "rstp-admin-p2p-mac",
                                             RSTP_ADMIN_P2P_MAC_FORCE_TRUE);
    s->admin_port_state = smap_get_bool(oc, "rstp-admin-port-state", true);
    s->admin_edge_port = smap_get_bool(oc, "rstp-port-admin-edge", false);
    s->auto_edge = smap_get_bool(oc, "rstp-port-auto-edge", true);
    s->mcheck = smap_get_bool(oc, "rstp-port-mcheck", false);
    s->enable = true;
}

static void
bridge_configure_rstp(struct ofproto *ofproto,
                      const struct ovsrec_bridge *cfg, struct eth_addr mac,
                      const struct bridge_stp_port *ports, size_t n_ports)
{
    const struct smap *oc = &cfg->other_config;
    struct ofproto_rstp_settings s = {
        .address = tree_bridge_address(cfg, "rstp-address", mac),
        .priority = smap_get_ullong(oc, "rstp-priority",
                                    RSTP_DEFAULT_PRIORITY),
        .ageing_time = smap_get_ullong(oc, "rstp-ageing-time",
                                       RSTP_DEFAULT_AGEING_TIME),
        .force_protocol_version = smap_get_ullong(
            oc, "rstp-force-protocol-version", FPV_DEFAULT),
        .bridge_max_age = smap_get_ullong(oc, "rstp-max-age",
                                          RSTP_DEFAULT_BRIDGE_MAX_AGE),
        .bridge_forward_delay = smap_get_ullong(
            oc, "rstp-forward-delay", RSTP_DEFAULT_BRIDGE_FORWARD_DELAY),
        .transmit_hold_count = smap_get_ullong(
            oc, "rstp-transmit-hold-count",
            RSTP_DEFAULT_TRANSMIT_HOLD_COUNT),
    };
    if (ofproto_set_rstp(ofproto, &s)) {
        VLOG_ERR("bridge %s: could not enable RSTP", cfg->name);
        return;
    }

    int n_enabled = 0;
    for (size_t i = 0; i < n_ports; i++) {
        struct ofproto_port_rstp_settings ps;

        rstp_port_settings(ofproto, &ports[i], &ps, &n_enabled);
        if (ofproto_port_set_rstp(ofproto, ports[i].ofp_port, &ps)) {
            VLOG_ERR("port %s: could not enable RSTP", ports[i].cfg->name);
        }
    }
}

/* Runs STP or RSTP on 'ofproto' as its Bridge row 'cfg' asks, on 'ports'
 * (those with an OpenFlow port).  'mac' is the bridge's address, the
 * default identifier. */
void
bridge_stp_configure(struct ofproto *ofproto, const struct ovsrec_bridge *cfg,
                     struct eth_addr mac, const struct bridge_stp_port *ports,
                     size_t n_ports)
{
    bool stp = cfg->stp_enable;

    if (stp && cfg->rstp_enable) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_WARN_RL(&rl, "%s: RSTP and STP are mutually exclusive but both "
                     "are configured; enabling RSTP", cfg->name);
        stp = false;
    }

    if (stp) {
        bridge_configure_stp(ofproto, cfg, mac, ports, n_ports);
    } else {
        ofproto_set_stp(ofproto, NULL);
    }
    if (cfg->rstp_enable) {
        bridge_configure_rstp(ofproto, cfg, mac, ports, n_ports);
    } else {
        ofproto_set_rstp(ofproto, NULL);
    }
}

/* Writes the Bridge's status (STP) and rstp_status columns. */
void
bridge_stp_publish_bridge(struct ofproto *ofproto,
                          const struct ovsrec_bridge *cfg)
{
    struct ofproto_stp_status stp;
    struct ofproto_rstp_status rstp;
    struct smap smap;

    if (!ofproto_get_stp_status(ofproto, &stp)) {
        smap_init(&smap);
        if (stp.enabled) {
            smap_add_format(&smap, "stp_bridge_id", STP_ID_FMT,
                            STP_ID_ARGS(stp.bridge_id));
            smap_add_format(&smap, "stp_designated_root", STP_ID_FMT,
                            STP_ID_ARGS(stp.designated_root));
            smap_add_format(&smap, "stp_root_path_cost", "%d",
                            stp.root_path_cost);
        }
        ovsrec_bridge_set_status(cfg, &smap);
        smap_destroy(&smap);
    }

    if (!ofproto_get_rstp_status(ofproto, &rstp)) {
        smap_init(&smap);
        if (rstp.enabled) {
            smap_add_format(&smap, "rstp_bridge_id", RSTP_ID_FMT,
                            RSTP_ID_ARGS(rstp.bridge_id));
            smap_add_format(&smap, "rstp_root_path_cost", "%"PRIu32,
                            rstp.root_path_cost);
            smap_add_format(&smap, "rstp_root_id", RSTP_ID_FMT,
                            RSTP_ID_ARGS(rstp.root_id));
            smap_add_format(&smap, "rstp_designated_id", RSTP_ID_FMT,
                            RSTP_ID_ARGS(rstp.designated_id));
            smap_add_format(&smap, "rstp_designated_port_id",
                            RSTP_PORT_ID_FMT, rstp.designated_port_id);
            smap_add_format(&smap, "rstp_bridge_port_id", RSTP_PORT_ID_FMT,
                            rstp.bridge_port_id);
        }
        ovsrec_bridge_set_rstp_status(cfg, &smap);
        smap_destroy(&smap);
    }
}

/* Writes the Port's status and rstp_status columns and, with 'stats', its
 * statistics and rstp_statistics (BPDU counts) for OpenFlow port
 * 'ofp_port'. */
void
bridge_stp_publish_port(struct ofproto *ofproto, ofp_port_t ofp_port,
                        const struct ovsrec_port *cfg, bool stats)
{
    struct ofproto_port_stp_status stp;
    struct ofproto_port_rstp_status rstp;
    struct smap smap;

    if (!ofproto_port_get_stp_status(ofproto, ofp_port, &stp)) {
        smap_init(&smap);
        if (stp.enabled) {
            smap_add_format(&smap, "stp_port_id", "%d", stp.port_id);
            smap_add(&smap, "stp_state", stp_state_name(stp.state));
            smap_add_format(&smap, "stp_sec_in_state", "%u",
                            stp.sec_in_state);
            smap_add(&smap, "stp_role", stp_role_name(stp.role));
        }
        ovsrec_port_set_status(cfg, &smap);
        smap_destroy(&smap);
    }

    bool have_rstp = !ofproto_port_get_rstp_status(ofproto, ofp_port, &rstp);
    if (have_rstp) {
        smap_init(&smap);
        if (rstp.enabled) {
            smap_add_format(&smap, "rstp_port_id", RSTP_PORT_ID_FMT,
                            rstp.port_id);
            smap_add(&smap, "rstp_port_role",
                     rstp_port_role_name(rstp.role));
            smap_add(&smap, "rstp_port_state", rstp_state_name(rstp.state));
            smap_add_format(&smap, "rstp_designated_bridge_id", RSTP_ID_FMT,
                            RSTP_ID_ARGS(rstp.designated_bridge_id));
            smap_add_format(&smap, "rstp_designated_port_id",
                            RSTP_PORT_ID_FMT, rstp.designated_port_id);
            smap_add_format(&smap, "rstp_designated_path_cost", "%"PRIu32,
                            rstp.designated_path_cost);
        }
        ovsrec_port_set_rstp_status(cfg, &smap);
        smap_destroy(&smap);
    }

    if (!stats) {
        return;
    }

    struct ofproto_port_stp_stats stp_stats;
    if (!ofproto_port_get_stp_stats(ofproto, ofp_port, &stp_stats)) {
        const char *keys[] = { "stp_tx_count", "stp_rx_count",
                               "stp_error_count" };
        int64_t values[] = { stp_stats.tx_count, stp_stats.rx_count,
                             stp_stats.error_count };
        ovsrec_port_set_statistics(cfg, keys, values,
                                   stp_stats.enabled ? ARRAY_SIZE(keys) : 0);
    }
    if (have_rstp) {
        const char *keys[] = { "rstp_tx_count", "rstp_rx_count",
                               "rstp_uptime", "rstp_error_count" };
        int64_t values[] = { rstp.tx_count, rstp.rx_count, rstp.uptime,
                             rstp.error_count };
        ovsrec_port_set_rstp_statistics(cfg, keys, values,
                                        rstp.enabled ? ARRAY_SIZE(keys) : 0);
    }
}
