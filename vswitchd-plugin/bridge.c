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

/* The bridge layer of ovs-bond-vswitchd.
 *
 * It reads the stock Open vSwitch schema through the IDL and drives
 * libofproto's public API: one ofproto per Bridge, one OpenFlow port and one
 * bundle per Port.  A Port with more than one Interface becomes one "bond"
 * netdev named after the Port, whose members are the Interfaces; the member
 * Interfaces are not OpenFlow ports and report the bond's port number.
 *
 * Reconfiguration is incremental: a port whose configuration did not change
 * is left alone, and a bond whose members change is reconfigured in place,
 * so traffic through other ports and bonds is never disturbed. */

#include <config.h>
#include "bridge.h"
#include "bitmap.h"
#include "bridge-datapaths.h"
#include "bridge-lacp.h"
#include "bridge-lldp.h"
#include "bridge-metrics.h"
#include "bridge-mirrors.h"
#include "bridge-qos.h"
#include "bridge-sampling.h"
#include "bridge-stp.h"
#include "bridge-system-stats.h"
#include "bridge-monitors.h"
#include "bridge-tables.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "connectivity.h"
#include "daemon.h"
#include "dirs.h"
#include "dpdk.h"
#include "dpif.h"
#include "jsonrpc.h"
#include "lib/vswitch-idl.h"
#include "mcast-snooping.h"
#include "netdev.h"
#include "netdev-offload.h"
#include "bond-config.h"
#include "bond-unixctl.h"
#include "netdev-bond.h"
#include "ofproto/ofproto.h"
#include "ofproto/ofproto-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/flow.h"
#include "openvswitch/list.h"
#include "openvswitch/ofp-protocol.h"
#include "openvswitch/shash.h"
#include "openvswitch/vlog.h"
#include "ovsdb-idl.h"
#include "unixctl.h"
#include "packets.h"
#include "openvswitch/poll-loop.h"
#include "seq.h"
#include "simap.h"
#include "smap.h"
#include "socket-util.h"
#include "sset.h"
#include "svec.h"
#include "stream.h"
#include "stream-ssl.h"
#include "timeval.h"
#include "userspace-tso.h"
#include "util.h"
#include "vlan-bitmap.h"

VLOG_DEFINE_THIS_MODULE(bridge);

/* How often Interface statistics are written to the database, in ms: the
 * Open_vSwitch row's other_config:stats-update-interval, never below
 * STATS_INTERVAL_MIN. */
#define STATS_INTERVAL_MIN 5000
static int stats_interval = STATS_INTERVAL_MIN;

struct iface {
    struct ovs_list port_elem;  /* In struct port's 'ifaces'. */
    struct port *port;          /* Containing port. */
    char *name;
    const struct ovsrec_interface *cfg;
    char *error;                /* For the 'error' column, or NULL. */
};

struct port {
    struct bridge *br;
    char *name;
    const struct ovsrec_port *cfg;
    struct ovs_list ifaces;     /* Contains "struct iface"s. */
    size_t n_ifaces;

    struct netdev *netdev;      /* Interface netdev or bond netdev. */
    char *type;                 /* Netdev type opened, e.g. "bond". */
    ofp_port_t ofp_port;        /* OFPP_NONE if not added. */
    char *signature;            /* What 'netdev' was opened for. */
    struct smap options;        /* A plain port's Interface options, as
                                 * applied to 'netdev'. */
    struct smap bond_args;      /* A bond's configuration, as applied. */
    char *bond_error;           /* Why the last bond configuration was
                                 * refused, or NULL. */
    struct smap rejected_args;  /* That configuration: not tried again
                                 * while it stays the same. */
    struct bridge_lacp *lacp;   /* LACP of a port of one Interface, which
                                 * ofproto runs, or NULL. */
};

struct bridge {
    char *name;
    char *type;                 /* Datapath type. */
    const struct ovsrec_bridge *cfg;
    struct ofproto *ofproto;
    struct shash ports;         /* Its "struct port"s, by name. */
    uint64_t dpid;              /* Datapath ID last set, or 0. */
    struct eth_addr ea;         /* The local port's MAC. */
    struct bridge_mirrors *mirrors;
    struct bridge_aa *aa;       /* Auto Attach. */
};

/* Every "struct bridge", by name. */
static struct shash all_bridges = SHASH_INITIALIZER(&all_bridges);
static struct ovsdb_idl *idl;
static unsigned int idl_seqno;

/* Transactions in progress. */
static struct ovsdb_idl_txn *cfg_txn;     /* cur_cfg and per-port results. */
static struct ovsdb_idl_txn *status_txn;  /* Status and statistics. */
static struct ovsdb_idl_txn *aa_txn;      /* Auto Attach trunk changes. */

/* How often the VLANs that Auto Attach servers ask for are applied, in
 * ms. */
#define AA_REFRESH_INTERVAL 1000
static long long int aa_timer = LLONG_MIN;
static bool any_auto_attach;    /* Has a bridge an AutoAttach row? */

/* Interfaces left out of the configuration, by name: struct skipped_iface.
 * Rebuilt at each reconfiguration; their 'error' column says why. */
struct skipped_iface {
    const struct ovsrec_interface *cfg;
    char *error;
};
static struct shash skipped_ifaces = SHASH_INITIALIZER(&skipped_ifaces);

static bool initialized;        /* ofproto_init() done? */
static bool need_reconfigure = true; /* Database changed since last time. */
static long long int bond_retry = LLONG_MAX; /* When to apply refused bond
                                              * configurations again. */

/* Bond configurations are retried every this many ms while one is refused:
 * one may depend on another (a member moving from one bond to another). */
#define BOND_RETRY_INTERVAL 1000
static bool ever_reconfigured;  /* Configured at least once? */
static uint64_t status_seq;     /* connectivity_seq value last published. */
static long long int stats_timer = LLONG_MIN;

/* The managers' addresses, for in-band control: every bridge lets their
 * traffic through as it does its controllers'. */
static struct sockaddr_in *in_band_managers;
static size_t n_in_band_managers;

/* What was logged about once: see log_once(). */
static struct sset logged_once = SSET_INITIALIZER(&logged_once);

static void bridge_reconfigure(const struct ovsrec_open_vswitch *);
static void bridge_destroy(struct bridge *, bool del);
static void port_destroy(struct port *);
static void port_reconfigure(struct port *, const struct ovsrec_port *);
static void bridge_reconfigure_port(struct bridge *,
                                    const struct ovsrec_port *);
static void bridge_publish(const struct ovsrec_open_vswitch *, bool stats);
static void bridge_publish_types(const struct ovsrec_open_vswitch *);
static void skipped_ifaces_clear(void);
static struct bridge *bridge_lookup(const char *name);
static bool port_has_bond(const struct port *);
static struct port **all_ports(size_t *n);
static void port_configure_single_lacp(struct port *, struct iface *);
static void port_configure_bundle(struct port *);
static void bridge_lacp_port_names(struct svec *);
static bool bridge_lacp_port_format(const char *name, bool stats,
                                    struct ds *);
static unixctl_cb_func bridge_unixctl_qos_show;
static unixctl_cb_func bridge_unixctl_qos_show_types;

/* Columns that this daemon writes: no need to be alerted of our own
 * changes, and the IDL may skip writes that change nothing. */
static void
bridge_omit_alerts(void)
{
    static const struct ovsdb_idl_column *columns[] = {
        &ovsrec_open_vswitch_col_cur_cfg,
        &ovsrec_bridge_col_datapath_id,
        &ovsrec_port_col_bond_active_slave,
        &ovsrec_interface_col_ofport,
        &ovsrec_interface_col_error,
        &ovsrec_interface_col_admin_state,
        &ovsrec_interface_col_link_state,
        &ovsrec_interface_col_link_resets,
        &ovsrec_interface_col_link_speed,
        &ovsrec_interface_col_duplex,
        &ovsrec_interface_col_mac_in_use,
        &ovsrec_interface_col_mtu,
        &ovsrec_interface_col_ifindex,
        &ovsrec_interface_col_statistics,
        &ovsrec_interface_col_status,
        &ovsrec_interface_col_lacp_current,
        &ovsrec_controller_col_is_connected,
        &ovsrec_controller_col_role,
        &ovsrec_controller_col_status,
    };

    for (size_t i = 0; i < ARRAY_SIZE(columns); i++) {
        ovsdb_idl_omit_alert(idl, columns[i]);
    }
    bridge_monitors_omit_alerts(idl);
    bridge_mirrors_omit_alerts(idl);
    bridge_stp_omit_alerts(idl);
}

/* bridge/dump-flows [--offload-stats] BRIDGE: every flow of BRIDGE, the
 * hidden ones (in-band, fail-open) too. */
static void
bridge_unixctl_dump_flows(struct unixctl_conn *conn, int argc,
                          const char *argv[], void *aux OVS_UNUSED)
{
    bool offload_stats = argc == 3;

    if (offload_stats && strcmp(argv[1], "--offload-stats")) {
        unixctl_command_reply_error(conn, "invalid argument");
        return;
    }
    const struct bridge *br = bridge_lookup(argv[argc - 1]);
    if (!br) {
        unixctl_command_reply_error(conn, "Unknown bridge");
        return;
    }

    struct ds flows = DS_EMPTY_INITIALIZER;
    ofproto_get_all_flows(br->ofproto, &flows, offload_stats);
    unixctl_command_reply(conn, ds_cstr(&flows));
    ds_destroy(&flows);
}

/* bridge/reconnect [BRIDGE]: drops and reopens the controller connections
 * of BRIDGE, or of every bridge. */
static void
bridge_unixctl_reconnect(struct unixctl_conn *conn, int argc,
                         const char *argv[], void *aux OVS_UNUSED)
{
    if (argc > 1) {
        const struct bridge *br = bridge_lookup(argv[1]);
        if (!br) {
            unixctl_command_reply_error(conn, "Unknown bridge");
            return;
        }
        ofproto_reconnect_controllers(br->ofproto);
    } else {
        struct shash_node *node;
        SHASH_FOR_EACH (node, &all_bridges) {
            const struct bridge *br = node->data;
            ofproto_reconnect_controllers(br->ofproto);
        }
    }
    unixctl_command_reply(conn, NULL);
}

/* Fills 'bridges' and 'bonds' with the bridge and netdev name of every
 * bond port (see bridge-metrics.h). */
static void
bridge_collect_bonds(struct svec *bridges, struct svec *bonds)
{
    size_t n_ports;
    struct port **ports = all_ports(&n_ports);

    for (size_t i = 0; i < n_ports; i++) {
        const struct port *port = ports[i];
        if (port->netdev && port_has_bond(port)) {
            svec_add(bridges, port->br->name);
            svec_add(bonds, netdev_get_name(port->netdev));
        }
    }
    free(ports);
}

/* Connects to the database at 'remote' and registers the bond class. */
void
bridge_init(const char *remote)
{
    idl = ovsdb_idl_create(remote, &ovsrec_idl_class, true, true);
    idl_seqno = ovsdb_idl_get_seqno(idl);
    ovsdb_idl_set_lock(idl, "ovs_vswitchd");
    /* No ovsdb_idl_verify_write_only(): Auto Attach writes Port trunks and
     * vlan_mode, configuration that this daemon must also hear of when a
     * user changes it (Open vSwitch omits their alerts, so that a change
     * made with "ovs-vsctl --no-wait" waits for the next reconfiguration;
     * here it applies at once). */
    bridge_omit_alerts();

    netdev_bond_register();
    bond_unixctl_init();
    static const struct bond_unixctl_lacp_ports lacp_ports = {
        bridge_lacp_port_names, bridge_lacp_port_format
    };
    bond_unixctl_set_lacp_ports(&lacp_ports);
    bridge_monitors_init();
    bridge_stp_init();
    bridge_lldp_init();
    bridge_metrics_init(bridge_collect_bonds);
    unixctl_command_register("bridge/dump-flows", "[--offload-stats] bridge",
                             1, 2, bridge_unixctl_dump_flows, NULL);
    unixctl_command_register("bridge/reconnect", "[bridge]", 0, 1,
                             bridge_unixctl_reconnect, NULL);
    unixctl_command_register("qos/show-types", "interface", 1, 1,
                             bridge_unixctl_qos_show_types, NULL);
    unixctl_command_register("qos/show", "interface", 1, 1,
                             bridge_unixctl_qos_show, NULL);
}

/* Destroys every bridge.  With 'delete_datapath', removes the datapaths. */
void
bridge_exit(bool delete_datapath)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &all_bridges) {
        bridge_destroy(node->data, delete_datapath);
    }
    skipped_ifaces_clear();
    bridge_datapaths_exit();
    if (cfg_txn) {
        ovsdb_idl_txn_destroy(cfg_txn);
    }
    if (status_txn) {
        ovsdb_idl_txn_destroy(status_txn);
    }
    if (aa_txn) {
        ovsdb_idl_txn_destroy(aa_txn);
    }
    ovsdb_idl_destroy(idl);
}

static struct bridge *
bridge_lookup(const char *name)
{
    return shash_find_data(&all_bridges, name);
}

static struct port *
port_lookup(const struct bridge *br, const char *name)
{
    return shash_find_data(&br->ports, name);
}

/* Logs at 'level' what 'what' names (a column or key of a row, with the
 * row's name), a colon and the message that 'format' makes, once for as
 * long as the daemon runs. */
static void OVS_PRINTF_FORMAT(3, 4)
log_once(enum vlog_level level, const char *what, const char *format, ...)
{
    if (sset_add(&logged_once, what)) {
        va_list args;

        va_start(args, format);
        char *msg = xvasprintf(format, args);
        va_end(args);
        VLOG(level, "%s: %s", what, msg);
        free(msg);
    }
}

/* Collects, for in-band control, the addresses of the Open_vSwitch row's
 * managers other than those that say connection_mode=out-of-band, as
 * ovs-vswitchd does: IPv4 and not loopback. */
static void
collect_in_band_managers(const struct ovsrec_open_vswitch *ovs)
{
    struct sset targets = SSET_INITIALIZER(&targets);

    for (size_t i = 0; i < ovs->n_manager_options; i++) {
        const struct ovsrec_manager *m = ovs->manager_options[i];

        if (m->connection_mode && !strcmp(m->connection_mode, "out-of-band")) {
            sset_find_and_delete(&targets, m->target);
        } else {
            sset_add(&targets, m->target);
        }
    }

    free(in_band_managers);
    in_band_managers = xmalloc(MAX(1, sset_count(&targets))
                               * sizeof *in_band_managers);
    n_in_band_managers = 0;

    const char *target;
    SSET_FOR_EACH (target, &targets) {
        struct sockaddr_storage ss;

        if (stream_parse_target_with_default_port(target, OVSDB_PORT, &ss)
            && ss.ss_family == AF_INET) {
            struct sockaddr_in sin;

            memcpy(&sin, &ss, sizeof sin);
            if (sin.sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
                in_band_managers[n_in_band_managers++] = sin;
            }
        }
    }
    sset_destroy(&targets);
}

/* Gives 'br''s local port the IPv4 address, netmask and default gateway
 * that controller 'c' asks for (local_ip, local_netmask, local_gateway),
 * as ovs-vswitchd does for in-band control: without local_netmask, the
 * address's class decides. */
static void
bridge_configure_local_address(const struct bridge *br,
                               const struct ovsrec_controller *c)
{
    struct port *local = port_lookup(br, br->name);
    struct in_addr ip, mask, gateway;

    if (!c->local_ip) {
        return;
    }
    if (!ip_parse(c->local_ip, &ip.s_addr)) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_WARN_RL(&rl, "bridge %s: controller %s: local_ip \"%s\" is "
                     "not an IPv4 address", br->name, c->target, c->local_ip);
        return;
    }
    if (!local || !local->netdev) {
        return;
    }
    netdev_turn_flags_on(local->netdev, NETDEV_UP, NULL);
    if (!c->local_netmask || !ip_parse(c->local_netmask, &mask.s_addr)
        || !mask.s_addr) {
        mask.s_addr = guess_netmask(ip.s_addr);
    }
    if (!netdev_set_in4(local->netdev, ip, mask)) {
        VLOG_INFO("bridge %s: configured IP address "IP_FMT", netmask "
                  IP_FMT, br->name, IP_ARGS(ip.s_addr),
                  IP_ARGS(mask.s_addr));
    }
    if (c->local_gateway && ip_parse(c->local_gateway, &gateway.s_addr)
        && gateway.s_addr && !netdev_add_router(local->netdev, gateway)) {
        VLOG_INFO("bridge %s: configured gateway "IP_FMT, br->name,
                  IP_ARGS(gateway.s_addr));
    }
}

/* Applies the SSL table to the SSL library, as ovs-vswitchd does. */
static void
bridge_configure_ssl(const struct ovsrec_ssl *ssl)
{
    if (ssl) {
        stream_ssl_set_key_and_cert(ssl->private_key, ssl->certificate);
        stream_ssl_set_ca_cert_file(ssl->ca_cert, ssl->bootstrap_ca_cert);
    }
}

/* Returns the OpenFlow versions that the Bridge's 'protocols' allow, or 0
 * for the defaults. */
static uint32_t
bridge_allowed_versions(const struct bridge *br)
{
    if (!br->cfg->n_protocols) {
        return 0;
    }
    return ofputil_versions_from_strings(br->cfg->protocols,
                                         br->cfg->n_protocols);
}

/* Packet-ins that wait for a controller connection, at most: the Bridge's
 * other_config:controller-queue-size (1 to 512, default 100) for every
 * controller, unless the Controller's controller_queue_size says
 * otherwise. */
#define CONTROLLER_QUEUE_DEFAULT 100
#define CONTROLLER_QUEUE_MAX 512

static int
bridge_controller_queue_size(const struct bridge *br,
                             const struct ovsrec_controller *c)
{
    if (c && c->controller_queue_size) {
        return *c->controller_queue_size;
    }

    int size = smap_get_int(&br->cfg->other_config, "controller-queue-size",
                            CONTROLLER_QUEUE_DEFAULT);
    if (size < 1 || size > CONTROLLER_QUEUE_MAX) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 60);
        VLOG_WARN_RL(&rl, "bridge %s: other_config:controller-queue-size=%d "
                     "is not in 1..%d, using %d", br->name, size,
                     CONTROLLER_QUEUE_MAX, CONTROLLER_QUEUE_DEFAULT);
        size = CONTROLLER_QUEUE_DEFAULT;
    }
    return size;
}

/* With self-confinement (the default), a controller on a Unix domain
 * socket may only listen at "punix:RUNDIR/BRIDGE.*" and connect within
 * RUNDIR: a database client could otherwise make the daemon overwrite or
 * reach any file.  Returns NULL if 'target' of 'br' may be used, else a
 * malloc'd message for the log. */
static char *
controller_target_check(const struct bridge *br, const char *target)
{
    if (!daemon_should_self_confine()) {
        return NULL;
    }

    const char *rundir = ovs_rundir();
    if (!strncmp(target, "punix:", 6)) {
        char *prefix = xasprintf("%s/%s.", rundir, br->name);
        const char *path = target + 6;
        size_t n = strlen(prefix);
        char *error = NULL;

        if (strncmp(path, prefix, n) || strchr(path + n, '/')) {
            error = xasprintf("bridge %s: Not adding Unix domain socket "
                              "controller \"%s\" due to possibility of "
                              "overwriting local files. Instead, listen on "
                              "a path that starts with \"punix:%s\" and has "
                              "no further '/', or connect to "
                              "\"unix:%s/%s.mgmt\" (which is always "
                              "available without special configuration).",
                              br->name, target, prefix, rundir, br->name);
        }
        free(prefix);
        return error;
    } else if (!strncmp(target, "unix:", 5)) {
        const char *path = target + 5;
        size_t n = strlen(rundir);

        if (strchr(path, '/')
            && (strncmp(path, rundir, n) || path[n] != '/')) {
            return xasprintf("bridge %s: Not connecting to socket controller "
                             "\"%s\" due to possibility for remote exploit.  "
                             "Instead, specify socket in permitted directory "
                             "\"unix:%s/\" or connect to \"unix:%s/%s.mgmt\" "
                             "(which is always available without special "
                             "configuration).", br->name, target, rundir,
                             rundir, br->name);
        }
    }
    return NULL;
}

static void
bridge_configure_controllers(struct bridge *br)
{
    struct shash controllers = SHASH_INITIALIZER(&controllers);
    uint32_t versions = bridge_allowed_versions(br);

    /* The service controller that "ovs-ofctl ... br0" connects to. */
    struct ofproto_controller *oc = xzalloc(sizeof *oc);
    oc->type = OFCONN_SERVICE;
    oc->band = OFPROTO_OUT_OF_BAND;
    oc->max_backoff = 0;
    oc->probe_interval = 60;
    oc->enable_async_msgs = true;
    oc->allowed_versions = versions;
    oc->max_pktq_size = bridge_controller_queue_size(br, NULL);
    char *mgmt = xasprintf("punix:%s/%s.mgmt", ovs_rundir(), br->name);
    shash_add(&controllers, mgmt, oc);
    free(mgmt);

    /* In-band control (the default for a controller without
     * connection_mode) unless the bridge turns it off; no controller at all
     * while flow-restore-wait holds the flows back. */
    const struct smap *boc = &br->cfg->other_config;
    bool in_band_ok = !smap_get_bool(boc, "disable-in-band", false);
    ofproto_set_in_band_queue(br->ofproto,
                              smap_get_int(boc, "in-band-queue", -1));
    size_t n_controller = (ofproto_get_flow_restore_wait() ? 0
                           : br->cfg->n_controller);

    for (size_t i = 0; i < n_controller; i++) {
        const struct ovsrec_controller *c = br->cfg->controller[i];

        if (shash_find(&controllers, c->target)) {
            continue;
        }
        char *unsafe = controller_target_check(br, c->target);
        if (unsafe) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
            VLOG_ERR_RL(&rl, "%s", unsafe);
            free(unsafe);
            continue;
        }
        oc = xzalloc(sizeof *oc);
        oc->type = (c->type && !strcmp(c->type, "service")
                    ? OFCONN_SERVICE : OFCONN_PRIMARY);
        oc->band = ((!c->connection_mode
                     || !strcmp(c->connection_mode, "in-band"))
                    && in_band_ok ? OFPROTO_IN_BAND : OFPROTO_OUT_OF_BAND);
        oc->max_backoff = c->max_backoff ? *c->max_backoff / 1000 : 8;
        /* inactivity_probe is in ms, 0 to turn probes off; ofproto counts
         * seconds, at least 1. */
        oc->probe_interval = (!c->inactivity_probe ? 5
                              : !*c->inactivity_probe ? 0
                              : MAX(1, *c->inactivity_probe / 1000));
        int dscp = smap_get_int(&c->other_config, "dscp", DSCP_DEFAULT);
        oc->dscp = dscp >= 0 && dscp <= 63 ? dscp : DSCP_DEFAULT;
        oc->enable_async_msgs = (!c->enable_async_messages
                                 || *c->enable_async_messages);
        oc->allowed_versions = versions;
        oc->rate_limit = c->controller_rate_limit
                         ? *c->controller_rate_limit : 0;
        oc->burst_limit = c->controller_burst_limit
                          ? *c->controller_burst_limit : 0;
        oc->max_pktq_size = bridge_controller_queue_size(br, c);
        shash_add(&controllers, c->target, oc);
    }

    ofproto_set_controllers(br->ofproto, &controllers);
    ofproto_set_extra_in_band_remotes(br->ofproto, in_band_managers,
                                      n_in_band_managers);
    for (size_t i = 0; i < br->cfg->n_controller; i++) {
        bridge_configure_local_address(br, br->cfg->controller[i]);
    }

    struct shash_node *node;
    SHASH_FOR_EACH_SAFE (node, &controllers) {
        free(node->data);
        shash_delete(&controllers, node);
    }
    shash_destroy(&controllers);
}

/* IGMP and MLD snooping (Bridge mcast_snooping_enable): the bridge's table
 * limits from its other_config, and each port's flooding from its own. */
static void
bridge_configure_mcast_snooping(struct bridge *br)
{
    const struct smap *oc = &br->cfg->other_config;

    if (!br->cfg->mcast_snooping_enable) {
        ofproto_set_mcast_snooping(br->ofproto, NULL);
        return;
    }

    int idle_time = smap_get_int(oc, "mcast-snooping-aging-time", 0);
    int max_entries = smap_get_int(oc, "mcast-snooping-table-size", 0);
    struct ofproto_mcast_snooping_settings s = {
        .idle_time = idle_time > 0 ? idle_time
                                   : MCAST_ENTRY_DEFAULT_IDLE_TIME,
        .max_entries = max_entries > 0 ? max_entries
                                       : MCAST_DEFAULT_MAX_ENTRIES,
        .flood_unreg = !smap_get_bool(
            oc, "mcast-snooping-disable-flood-unregistered", false),
    };
    if (ofproto_set_mcast_snooping(br->ofproto, &s)) {
        VLOG_ERR("bridge %s: could not enable multicast snooping", br->name);
        return;
    }

    struct shash_node *node;
    SHASH_FOR_EACH (node, &br->ports) {
        struct port *port = node->data;
        const struct smap *poc = &port->cfg->other_config;
        struct ofproto_mcast_snooping_port_settings ps = {
            .flood = smap_get_bool(poc, "mcast-snooping-flood", false),
            .flood_reports = smap_get_bool(poc,
                                           "mcast-snooping-flood-reports",
                                           false),
        };
        if (port->ofp_port != OFPP_NONE
            && ofproto_port_set_mcast_snooping(br->ofproto, port, &ps)) {
            VLOG_ERR("port %s: could not configure mcast snooping",
                     port->name);
        }
    }
}

/* Configures the bridge-wide settings of 'br' from its row. */
static void
bridge_configure(struct bridge *br)
{
    const struct smap *oc = &br->cfg->other_config;

    ofproto_set_fail_mode(br->ofproto,
                          (br->cfg->fail_mode
                           && !strcmp(br->cfg->fail_mode, "secure")
                           ? OFPROTO_FAIL_SECURE : OFPROTO_FAIL_STANDALONE));
    ofproto_set_mac_table_config(br->ofproto,
                                 smap_get_int(oc, "mac-aging-time", 300),
                                 smap_get_int(oc, "mac-table-size", 8192));
    ofproto_set_forward_bpdu(br->ofproto,
                             smap_get_bool(oc, "forward-bpdu", false));
    bridge_configure_controllers(br);
    ofproto_set_dp_desc(br->ofproto, smap_get(oc, "dp-desc"));
    ofproto_set_serial_desc(br->ofproto, smap_get(oc, "dp-sn"));
    bridge_tables_configure(br->ofproto, br->cfg);
    bridge_configure_mcast_snooping(br);

    /* The local port's MAC and the datapath ID. */
    struct eth_addr ea = eth_addr_zero;
    const char *hwaddr = smap_get(oc, "hwaddr");
    struct netdev *local = NULL;
    struct port *lport = port_lookup(br, br->name);
    if (lport && lport->netdev) {
        local = lport->netdev;
    }
    if (hwaddr && eth_addr_from_string(hwaddr, &ea)
        && !eth_addr_is_multicast(ea) && !eth_addr_is_zero(ea)) {
        if (local) {
            netdev_set_etheraddr(local, ea);
        }
    } else if (local) {
        netdev_get_etheraddr(local, &ea);
    }
    if (!eth_addr_equals(br->ea, ea)) {
        br->ea = ea;
        /* LACP on a port of one Interface takes the bridge's MAC for its
         * system ID, unless told otherwise; the ports came first. */
        struct shash_node *node;

        SHASH_FOR_EACH (node, &br->ports) {
            struct port *port = node->data;
            if (port->lacp) {
                port_configure_single_lacp(port, CONTAINER_OF(
                                               ovs_list_front(&port->ifaces),
                                               struct iface, port_elem));
                port_configure_bundle(port);
            }
        }
    }

    uint64_t dpid;
    const char *dpid_string = smap_get(oc, "datapath-id");
    if (!dpid_string || !dpid_from_string(dpid_string, &dpid)) {
        dpid = eth_addr_to_uint64(ea);
    }
    if (dpid && dpid != br->dpid) {
        ofproto_set_datapath_id(br->ofproto, dpid);
        br->dpid = dpid;
        VLOG_INFO("bridge %s: using datapath ID %016"PRIx64, br->name, dpid);
    }
}

/* The bridge's mirrors, once its ports are in place: each port whose
 * bundle is registered may be a mirror's source, destination or output. */
static void
bridge_configure_mirrors(struct bridge *br)
{
    struct shash bundles = SHASH_INITIALIZER(&bundles);
    struct shash_node *node;

    SHASH_FOR_EACH (node, &br->ports) {
        struct port *port = node->data;
        if (port->ofp_port != OFPP_NONE) {
            shash_add(&bundles, port->name, port);
        }
    }
    bridge_mirrors_configure(br->mirrors, br->cfg, &bundles);
    shash_destroy(&bundles);
}

/* True if 'port' is one Interface of type "internal". */
static bool
port_is_internal(const struct port *port)
{
    const struct iface *iface;

    if (port->n_ifaces != 1) {
        return false;
    }
    iface = CONTAINER_OF(ovs_list_front(&port->ifaces), struct iface,
                         port_elem);
    return !strcmp(iface->cfg->type, "internal");
}

/* STP or RSTP, once the mirrors are known: a mirror's output port is not
 * part of the tree. */
static void
bridge_configure_stp(struct bridge *br)
{
    struct bridge_stp_port *ports = xmalloc(shash_count(&br->ports)
                                            * sizeof *ports);
    struct shash_node *node;
    size_t n = 0;

    SHASH_FOR_EACH (node, &br->ports) {
        struct port *port = node->data;
        if (port->ofp_port != OFPP_NONE) {
            ports[n++] = (struct bridge_stp_port) {
                .cfg = port->cfg,
                .ofp_port = port->ofp_port,
                .netdev = port->netdev,
                .internal = port_is_internal(port),
                .bundle = port,
            };
        }
    }
    bridge_stp_configure(br->ofproto, br->cfg, br->ea, ports, n);
    free(ports);
}

static struct bridge *
bridge_create(const struct ovsrec_bridge *cfg, const char *type)
{
    struct ofproto *ofproto;
    int error = ofproto_create(cfg->name, type, &ofproto);
    if (error) {
        VLOG_ERR("failed to create bridge %s: %s", cfg->name,
                 ovs_strerror(error));
        return NULL;
    }

    struct bridge *br = xzalloc(sizeof *br);
    br->name = xstrdup(cfg->name);
    br->type = xstrdup(type);
    br->cfg = cfg;
    br->ofproto = ofproto;
    shash_init(&br->ports);
    br->mirrors = bridge_mirrors_create(ofproto);
    br->aa = bridge_aa_create(ofproto);
    shash_add(&all_bridges, br->name, br);
    VLOG_DBG("bridge %s: created (datapath type %s)", br->name, type);
    return br;
}

static void
bridge_destroy(struct bridge *br, bool del)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &br->ports) {
        port_destroy(node->data);
        shash_delete(&br->ports, node);
    }
    bridge_mirrors_destroy(br->mirrors);
    bridge_aa_destroy(br->aa);
    ofproto_destroy(br->ofproto, del);
    shash_find_and_delete(&all_bridges, br->name);
    shash_destroy(&br->ports);
    free(br->name);
    free(br->type);
    free(br);
}

/* Returns the datapath type for 'cfg' that this daemon can run, or NULL
 * after logging why not. */
static const char *
bridge_datapath_type(const struct ovsrec_bridge *cfg)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    const char *type = ofproto_normalize_type(cfg->datapath_type);
    struct sset types = SSET_INITIALIZER(&types);
    bool known;

    ofproto_enumerate_types(&types);
    known = sset_contains(&types, type);
    sset_destroy(&types);

    if (!strcmp(type, "netdev") || !strcmp(type, "dummy")) {
        return type;
    }
    VLOG_ERR_RL(&rl, "bridge %s: datapath_type \"%s\" is not supported by "
                "ovs-bond-vswitchd%s (use datapath_type=netdev, the "
                "userspace datapath); bridge skipped", cfg->name,
                cfg->datapath_type[0] ? cfg->datapath_type : "system",
                known ? "" : " or not available");
    return NULL;
}

/* Port configuration. */

static void
iface_destroy(struct iface *iface)
{
    ovs_list_remove(&iface->port_elem);
    free(iface->name);
    free(iface->error);
    free(iface);
}

/* True if 'port''s netdev is open and is a bond. */
static bool
port_has_bond(const struct port *port)
{
    return port->type && (!strcmp(port->type, "bond")
                          || !strcmp(port->type, "bond-pmd"));
}

/* Returns the netdev type of the bond whose port signature is 'signature'
 * (see port_signature()). */
static const char *
signature_bond_type(const char *signature)
{
    return !strncmp(signature, "bond-pmd:", 9) ? "bond-pmd" : "bond";
}

/* True if 'port' has a bond that can take the configuration whose
 * signature is 'signature' live: one of the class it needs. */
static bool
port_keeps_bond(const struct port *port, const char *signature)
{
    return (port_has_bond(port)
            && !strcmp(port->type, signature_bond_type(signature)));
}

/* Records that the bond configuration 'args' of 'port' was refused, for
 * 'error' (which it takes over). */
static void
port_set_bond_error(struct port *port, const struct smap *args, char *error)
{
    free(port->bond_error);
    port->bond_error = error;
    smap_destroy(&port->rejected_args);
    smap_clone(&port->rejected_args, args);
}

static void
port_clear_bond_error(struct port *port)
{
    free(port->bond_error);
    port->bond_error = NULL;
    smap_clear(&port->rejected_args);
}

/* Removes 'port''s netdev from its bridge's datapath and closes it; the
 * port stays, without a netdev. */
static void
port_remove_netdev(struct port *port)
{
    if (port->netdev) {
        if (port->ofp_port != OFPP_NONE && port->ofp_port != OFPP_LOCAL) {
            ofproto_port_del(port->br->ofproto, port->ofp_port);
        }
        netdev_close(port->netdev);
        port->netdev = NULL;
    }
    port->ofp_port = OFPP_NONE;
    free(port->type);
    port->type = NULL;
    free(port->signature);
    port->signature = NULL;
    smap_clear(&port->options);
    smap_clear(&port->bond_args);
    port_clear_bond_error(port);
}

/* Removes 'port' from its bridge's datapath and frees it.  Does not remove
 * it from the bridge's 'ports'. */
static void
port_destroy(struct port *port)
{
    struct iface *iface;

    ofproto_bundle_unregister(port->br->ofproto, port);
    port_remove_netdev(port);
    LIST_FOR_EACH_SAFE (iface, port_elem, &port->ifaces) {
        iface_destroy(iface);
    }
    smap_destroy(&port->options);
    smap_destroy(&port->bond_args);
    smap_destroy(&port->rejected_args);
    bridge_lacp_destroy(port->lacp);
    free(port->name);
    free(port);
}

/* Returns the netdev type to open Interface 'cfg' with on 'br'. */
static const char *
iface_type(const struct bridge *br, const struct ovsrec_interface *cfg)
{
    const char *type = cfg->type[0] ? cfg->type : "system";

    if (!strcmp(type, "internal") && !strcmp(cfg->name, br->name)) {
        /* The bridge's local port. */
        return ofproto_port_open_type(br->ofproto, "internal");
    }
    return ofproto_port_open_type(br->ofproto, type);
}

static int
compare_iface_names(const void *a_, const void *b_)
{
    const struct ovsrec_interface *const *a = a_;
    const struct ovsrec_interface *const *b = b_;
    return strcmp((*a)->name, (*b)->name);
}

/* Returns a string that identifies what 'cfg''s netdev must be: for a
 * plain port its name and type; for a bond, its netdev type ("bond", or
 * "bond-pmd" if PMD threads poll its first member) and the member list. */
static char *
port_signature(const struct bridge *br, const struct ovsrec_port *cfg,
               bool *is_bond, char **members)
{
    struct ds ds = DS_EMPTY_INITIALIZER;

    *is_bond = cfg->n_interfaces > 1;
    if (!*is_bond) {
        const struct ovsrec_interface *ic = cfg->interfaces[0];
        ds_put_format(&ds, "%s:%s", ic->name, iface_type(br, ic));
        *members = NULL;
        return ds_steal_cstr(&ds);
    }

    /* The database keeps interfaces as a set: order members by name, as
     * Open vSwitch's bond/show does, so that the order is stable. */
    const struct ovsrec_interface **ifaces = xmemdup(
        cfg->interfaces, cfg->n_interfaces * sizeof *cfg->interfaces);
    qsort(ifaces, cfg->n_interfaces, sizeof *ifaces, compare_iface_names);
    for (size_t i = 0; i < cfg->n_interfaces; i++) {
        const struct ovsrec_interface *ic = ifaces[i];
        ds_put_format(&ds, "%s%s:%s", i ? "," : "", ic->name,
                      iface_type(br, ic));
    }
    const char *type = netdev_bond_type_for(ifaces[0]->name,
                                            iface_type(br, ifaces[0]));
    free(ifaces);
    *members = ds_steal_cstr(&ds);
    return xasprintf("%s:%s", type, *members);
}

/* Returns the OpenFlow port number that 'cfg' asks for, or OFPP_NONE. */
static ofp_port_t
port_ofport_request(const struct ovsrec_port *cfg)
{
    for (size_t i = 0; i < cfg->n_interfaces; i++) {
        const struct ovsrec_interface *ic = cfg->interfaces[i];
        if (ic->n_ofport_request && *ic->ofport_request > 0
            && *ic->ofport_request < ofp_to_u16(OFPP_MAX)) {
            return u16_to_ofp(*ic->ofport_request);
        }
    }
    return OFPP_NONE;
}

/* Sets the error of every Interface of 'port' to 'error' (may be NULL). */
static void
port_set_error(struct port *port, const char *error)
{
    struct iface *iface;

    LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
        free(iface->error);
        iface->error = nullable_xstrdup(error);
    }
}

/* Brings 'port''s interface list in line with 'cfg'. */
static void
port_sync_ifaces(struct port *port, const struct ovsrec_port *cfg)
{
    struct iface *iface;

    LIST_FOR_EACH_SAFE (iface, port_elem, &port->ifaces) {
        iface_destroy(iface);
    }
    port->n_ifaces = 0;
    for (size_t i = 0; i < cfg->n_interfaces; i++) {
        iface = xzalloc(sizeof *iface);
        iface->port = port;
        iface->name = xstrdup(cfg->interfaces[i]->name);
        iface->cfg = cfg->interfaces[i];
        ovs_list_push_back(&port->ifaces, &iface->port_elem);
        port->n_ifaces++;
    }
}

/* Kernel devices take no Interface options (their classes have no
 * set_config); every other type does, the bridge's own internal port of a
 * dummy datapath included (its pcap files). */
static bool
iface_type_takes_options(const char *type)
{
    return strcmp(type, "tap") && strcmp(type, "system");
}

/* Applies 'iface''s options to 'netdev' unless they are those in
 * 'applied', the options that 'netdev' has (which it updates), or there are
 * none and 'applied' is NULL. */
static void
iface_apply_options(struct iface *iface, struct netdev *netdev,
                    const char *type, struct smap *applied)
{
    char *err = NULL;

    if (!iface_type_takes_options(type)) {
        return;
    }
    if (applied ? smap_equal(applied, &iface->cfg->options)
                : smap_is_empty(&iface->cfg->options)) {
        return;
    }
    int error = netdev_set_config(netdev, &iface->cfg->options, &err);
    if (error) {
        free(iface->error);
        iface->error = err ? err : xasprintf("%s: could not set "
                                             "configuration (%s)",
                                             iface->name,
                                             ovs_strerror(error));
        return;
    }
    if (applied) {
        smap_destroy(applied);
        smap_clone(applied, &iface->cfg->options);
    }
}

/* Builds in 'args' the configuration of the bond for Port 'cfg' whose
 * members are 'members' (see lib/bond-config.h): the member list, the
 * Port's bond columns, its bond other_config keys and its Interfaces' bond
 * other_config keys as "member:NAME:KEY". */
static void
port_bond_args(const struct ovsrec_port *cfg, const char *members,
               struct smap *args)
{
    const struct smap_node *node;

    smap_init(args);
    smap_add(args, "members", members);
    if (cfg->bond_mode) {
        smap_add(args, "bond_mode", cfg->bond_mode);
    }
    if (cfg->bond_updelay) {
        smap_add_format(args, "bond_updelay", "%"PRId64, cfg->bond_updelay);
    }
    if (cfg->bond_downdelay) {
        smap_add_format(args, "bond_downdelay", "%"PRId64,
                        cfg->bond_downdelay);
    }
    if (cfg->lacp) {
        smap_add(args, "lacp", cfg->lacp);
    }
    if (cfg->bond_active_slave) {
        smap_add(args, "bond_active_slave", cfg->bond_active_slave);
    }
    SMAP_FOR_EACH (node, &cfg->other_config) {
        if (bond_config_is_other_config_key(node->key)) {
            smap_replace(args, node->key, node->value);
        }
    }
    for (size_t i = 0; i < cfg->n_interfaces; i++) {
        const struct ovsrec_interface *ic = cfg->interfaces[i];
        SMAP_FOR_EACH (node, &ic->other_config) {
            if (bond_config_is_other_config_key(node->key)) {
                char *key = xasprintf("member:%s:%s", ic->name, node->key);
                smap_replace(args, key, node->value);
                free(key);
            }
        }
    }
}

static void iface_configure_member(const struct port *, struct iface *,
                                   struct netdev *bond);

/* Opens and adds the netdev for 'port' according to its interfaces; for a
 * bond, 'bond_args' is its configuration. */
static void
port_add_netdev(struct port *port, const char *signature, bool is_bond,
                const struct smap *bond_args)
{
    struct bridge *br = port->br;
    struct iface *first = CONTAINER_OF(ovs_list_front(&port->ifaces),
                                       struct iface, port_elem);
    const char *type = (is_bond ? signature_bond_type(signature)
                        : iface_type(br, first->cfg));
    struct netdev *netdev;
    char *err = NULL;
    int error;

    error = netdev_open(is_bond ? port->name : first->name, type, &netdev);
    if (error) {
        char *msg = xasprintf("could not open network device %s (%s)",
                              is_bond ? port->name : first->name,
                              ovs_strerror(error));
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s", msg);
        port_set_error(port, msg);
        free(msg);
        return;
    }

    if (is_bond) {
        error = netdev_set_config(netdev, bond_args, &err);
    } else if (iface_type_takes_options(type)) {
        error = netdev_set_config(netdev, &first->cfg->options, &err);
        if (!error) {
            smap_destroy(&port->options);
            smap_clone(&port->options, &first->cfg->options);
        }
    }
    if (error) {
        char *msg = err ? err : xasprintf("%s: could not set configuration "
                                          "(%s)", port->name,
                                          ovs_strerror(error));
        port_set_error(port, msg);
        if (is_bond) {
            port_set_bond_error(port, bond_args, msg);
        } else {
            free(msg);
        }
        netdev_close(netdev);
        return;
    }

    if (is_bond) {
        /* As ovs-vswitchd configures an interface before it adds it: a
         * DPDK member has its device (dpdk-devargs) before the datapath
         * first reconfigures the bond, and with it its members. */
        struct iface *iface;

        LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
            iface_configure_member(port, iface, netdev);
        }
    }

    ofp_port_t ofp_port = port_ofport_request(port->cfg);
    error = ofproto_port_add(br->ofproto, netdev, &ofp_port);
    if (error) {
        char *msg = xasprintf("could not add network device %s to ofproto "
                              "(%s)", port->name, ovs_strerror(error));
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s", msg);
        port_set_error(port, msg);
        free(msg);
        netdev_close(netdev);
        return;
    }

    port->netdev = netdev;
    port->type = xstrdup(type);
    port->ofp_port = ofp_port;
    port->signature = xstrdup(signature);
    if (is_bond) {
        smap_destroy(&port->bond_args);
        smap_clone(&port->bond_args, bond_args);
    }
    VLOG_INFO("bridge %s: added %s %s on port %d", br->name,
              is_bond ? "bond" : "interface", port->name, ofp_port);
}

/* Reconfigures the existing bond 'port' live with 'bond_args'. */
static void
port_reconfigure_bond(struct port *port, const char *signature,
                      const struct smap *bond_args)
{
    char *err = NULL;


    int error = netdev_set_config(port->netdev, bond_args, &err);
    port_clear_bond_error(port);
    if (error) {
        /* The bond keeps its last good configuration. */
        port_set_bond_error(port, bond_args,
                            (err ? err
                             : xasprintf("%s: bad bond configuration (%s)",
                                         port->name, ovs_strerror(error))));
        return;
    }
    free(port->signature);
    port->signature = xstrdup(signature);
    smap_destroy(&port->bond_args);
    smap_clone(&port->bond_args, bond_args);
    VLOG_INFO("bridge %s: bond %s reconfigured (members %s)", port->br->name,
              port->name, smap_get(bond_args, "members"));
}

/* Gives 'netdev' the MTU that Interface 'iface' asks for in mtu_request;
 * without one, the netdev's MTU is its own (an internal port's follows the
 * smallest of its bridge's other ports). */
static void
iface_apply_mtu(const struct iface *iface, struct netdev *netdev)
{
    const struct ovsrec_interface *cfg = iface->cfg;

    netdev_mtu_user_config(netdev, cfg->n_mtu_request == 1);
    if (cfg->n_mtu_request == 1) {
        int error = netdev_set_mtu(netdev, *cfg->mtu_request);
        if (error && error != EOPNOTSUPP) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
            VLOG_WARN_RL(&rl, "interface %s: could not set MTU %"PRId64
                         " (%s)", iface->name, *cfg->mtu_request,
                         ovs_strerror(error));
        }
    }
}

/* Gives internal port 'iface' the MAC of its Interface mac column, if it
 * has one (the bridge's own port takes its MAC from the Bridge row). */
static void
iface_apply_mac(const struct iface *iface, struct netdev *netdev,
                bool is_local)
{
    const char *mac = iface->cfg->mac;
    struct eth_addr ea;

    if (!mac || strcmp(iface->cfg->type, "internal")) {
        return;
    }

    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
    if (is_local) {
        VLOG_ERR_RL(&rl, "interface %s: ignoring mac in Interface record "
                    "(use Bridge record to set local port's mac)",
                    iface->name);
    } else if (!eth_addr_from_string(mac, &ea)) {
        VLOG_ERR_RL(&rl, "interface %s: mac \"%s\" is not an Ethernet "
                    "address", iface->name, mac);
    } else if (eth_addr_is_multicast(ea)) {
        VLOG_ERR_RL(&rl, "interface %s: cannot set MAC to multicast address",
                    iface->name);
    } else if (eth_addr_is_zero(ea)) {
        VLOG_ERR_RL(&rl, "interface %s: cannot set MAC to all zero address",
                    iface->name);
    } else {
        int error = netdev_set_etheraddr(netdev, ea);
        if (error) {
            VLOG_ERR_RL(&rl, "interface %s: setting MAC failed (%s)",
                        iface->name, ovs_strerror(error));
        }
    }
}

/* Returns the name of the first protocol that Interface row 'cfg' turns on
 * among those that ofproto runs per OpenFlow port (BFD, CFM, LLDP), or
 * NULL. */
static const char *
member_monitor(const struct ovsrec_interface *cfg)
{
    return (smap_get_bool(&cfg->bfd, "enable", false) ? "bfd"
            : cfg->n_cfm_mpid ? "cfm"
            : smap_get_bool(&cfg->lldp, "enable", false) ? "lldp"
            : NULL);
}

/* Applies 'iface''s options, MTU and QoS to its netdev, a member of
 * 'bond'. */
static void
iface_configure_member(const struct port *port, struct iface *iface,
                       struct netdev *bond)
{
    struct netdev *member = netdev_bond_ref_member(bond, iface->name);

    if (member) {
        iface_apply_options(iface, member, netdev_get_type(member), NULL);
        iface_apply_mtu(iface, member);
        bridge_qos_apply(member, iface->name, port->cfg->qos, iface->cfg);
        netdev_close(member);
    }
}

/* Fills in the members' errors and applies member options. */
static void
port_configure_members(struct port *port)
{
    struct iface *iface;

    LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
        char *error = netdev_bond_get_member_error(port->netdev,
                                                   iface->name);
        free(iface->error);
        iface->error = error ? error : nullable_xstrdup(port->bond_error);
        const char *monitor = member_monitor(iface->cfg);
        if (!iface->error && monitor) {
            /* Open vSwitch runs BFD, CFM and LLDP on each member, an
             * OpenFlow port of its own there; here the bond is the port. */
            iface->error = xasprintf("%s: %s on a member of bond %s is not "
                                     "supported: the bond, not its members, "
                                     "is the OpenFlow port", iface->name,
                                     monitor, port->name);
        }
        if (!error) {
            iface_configure_member(port, iface, port->netdev);
        }
    }
}

/* The Port vlan_mode column's values.  The schema allows no others. */
static const struct {
    const char *name;
    enum port_vlan_mode mode;
} port_vlan_modes[] = {
    { "access", PORT_VLAN_ACCESS },
    { "trunk", PORT_VLAN_TRUNK },
    { "native-tagged", PORT_VLAN_NATIVE_TAGGED },
    { "native-untagged", PORT_VLAN_NATIVE_UNTAGGED },
    { "dot1q-tunnel", PORT_VLAN_DOT1Q_TUNNEL },
};

/* Returns the VLAN mode of port 'name' whose vlan_mode column is 'column'
 * (NULL if empty), with access VLAN 'vlan' (-1 if none) and 'has_trunks'.
 * Without a vlan_mode, a tag makes an access port and no tag a trunk, as
 * in Open vSwitch. */
static enum port_vlan_mode
port_vlan_mode(const char *name, const char *column, int vlan,
               bool has_trunks)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

    if (column) {
        for (size_t i = 0; i < ARRAY_SIZE(port_vlan_modes); i++) {
            if (!strcmp(column, port_vlan_modes[i].name)) {
                return port_vlan_modes[i].mode;
            }
        }
        VLOG_WARN_RL(&rl, "port %s: vlan_mode \"%s\" is not a VLAN mode; "
                     "the port is a trunk", name, column);
        return PORT_VLAN_TRUNK;
    } else if (vlan < 0) {
        return PORT_VLAN_TRUNK;
    }
    if (has_trunks) {
        VLOG_WARN_RL(&rl, "port %s: a port with a tag and no vlan_mode is "
                     "an access port: its trunks and cvlans are not used",
                     name);
    }
    return PORT_VLAN_ACCESS;
}

/* The Port other_config priority-tags setting: "if-nonzero" (or "true")
 * keeps a priority in a VLAN 0 tag when the priority is not 0, "always"
 * adds a VLAN 0 tag to every frame, anything else sends them untagged. */
static enum port_priority_tags_mode
port_priority_tags(const struct smap *oc)
{
    const char *pt = smap_get_def(oc, "priority-tags", "");

    return (!strcmp(pt, "if-nonzero") || !strcmp(pt, "true")
            ? PORT_PRIORITY_TAGS_IF_NONZERO
            : !strcmp(pt, "always") ? PORT_PRIORITY_TAGS_ALWAYS
            : PORT_PRIORITY_TAGS_NEVER);
}

/* Registers 'port''s bundle with VLAN settings from 'cfg', as
 * ovs-vswitchd does. */
static void
port_configure_bundle(struct port *port)
{
    const struct ovsrec_port *cfg = port->cfg;
    struct ofproto_bundle_settings s;

    if (port->ofp_port == OFPP_NONE) {
        ofproto_bundle_unregister(port->br->ofproto, port);
        return;
    }

    memset(&s, 0, sizeof s);
    s.name = port->name;
    s.members = &port->ofp_port;
    s.n_members = 1;
    s.qinq_ethtype = (!strcmp(smap_get_def(&cfg->other_config,
                                           "qinq-ethtype", ""), "802.1q")
                      ? ETH_TYPE_VLAN_8021Q : ETH_TYPE_VLAN_8021AD);

    s.vlan = (cfg->n_tag && *cfg->tag >= 0 && *cfg->tag <= 4095
              ? *cfg->tag : -1);
    s.trunks = (cfg->n_trunks
                ? vlan_bitmap_from_array(cfg->trunks, cfg->n_trunks)
                : NULL);
    s.cvlans = (cfg->n_cvlans
                ? vlan_bitmap_from_array(cfg->cvlans, cfg->n_cvlans)
                : NULL);
    s.vlan_mode = port_vlan_mode(port->name, cfg->vlan_mode, s.vlan,
                                 cfg->n_trunks > 0 || cfg->n_cvlans > 0);
    s.use_priority_tags = port_priority_tags(&cfg->other_config);
    s.protected = cfg->protected_;
    if (port->lacp && !eth_addr_is_zero(port->lacp->settings.id)) {
        /* (The bridge's MAC, its default system ID, is known once its
         * ports are, in the same reconfiguration.) */
        s.lacp = &port->lacp->settings;
        s.lacp_members = &port->lacp->member;
    }

    ofproto_bundle_register(port->br->ofproto, port, &s);
    free(s.trunks);
    free(s.cvlans);
}

/* LACP on 'port', of one Interface 'iface': settings for ofproto to run it
 * with (bridge-lacp.h), which need the bridge's MAC; a mistake in them goes
 * to 'iface''s error column, and the port then runs no LACP. */
static void
port_configure_single_lacp(struct port *port, struct iface *iface)
{
    char *error = bridge_lacp_parse(port->cfg, iface->cfg, port->br->ea,
                                    port->ofp_port, &port->lacp);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

        if (!iface->error) {
            iface->error = xasprintf("port %s: LACP not run: %s",
                                     port->name, error);
            VLOG_WARN_RL(&rl, "%s", iface->error);
        }
        free(error);
    }
}

/* lacp/show's list: the ports of one Interface that run LACP. */
static void
bridge_lacp_port_names(struct svec *names)
{
    size_t n;
    struct port **ports = all_ports(&n);

    for (size_t i = 0; i < n; i++) {
        if (ports[i]->lacp) {
            svec_add(names, ports[i]->name);
        }
    }
    free(ports);
}

/* lacp/show and lacp/show-stats of port 'name' of one Interface, if it runs
 * LACP. */
static bool
bridge_lacp_port_format(const char *name, bool stats, struct ds *ds)
{
    size_t n;
    struct port **ports = all_ports(&n);
    bool found = false;

    for (size_t i = 0; i < n && !found; i++) {
        struct port *port = ports[i];
        if (port->lacp && !strcmp(port->name, name)) {
            bridge_lacp_format(ds, port->lacp,
                               (port->ofp_port != OFPP_NONE
                                ? ofproto_get_port(port->br->ofproto,
                                                   port->ofp_port)
                                : NULL), stats);
            found = true;
        }
    }
    free(ports);
    return found;
}

/* Says what a bond's Port row asks that a bond netdev does not do. */
static void
port_note_bond_columns(const struct port *port)
{
    if (port->cfg->bond_fake_iface) {
        char *what = xasprintf("Port %s bond_fake_iface", port->name);
        log_once(VLL_WARN, what, "not supported by ovs-bond-vswitchd, "
                 "ignored: the bond is one datapath port already, named %s",
                 port->name);
        free(what);
    }
    if (smap_get_bool(&port->cfg->other_config, "lb-output-action", false)) {
        char *what = xasprintf("Port %s other_config:lb-output-action",
                               port->name);
        log_once(VLL_INFO, what, "a bond netdev always balances in the "
                 "datapath, without recirculation");
        free(what);
    }
}

/* Makes 'port' match 'cfg'. */
static void
port_reconfigure(struct port *port, const struct ovsrec_port *cfg)
{
    bool is_bond;
    char *members;
    char *signature = port_signature(port->br, cfg, &is_bond, &members);

    port->cfg = cfg;
    port_sync_ifaces(port, cfg);

    /* A port that left the datapath behind our back ("ovs-appctl dpctl/del-if"
     * or the datapath's own doing) is added again. */
    struct ofproto_port op;
    if (port->netdev && port->ofp_port != OFPP_NONE
        && ofproto_port_query_by_name(port->br->ofproto,
                                      netdev_get_name(port->netdev), &op)) {
        VLOG_INFO("bridge %s: port %s is no longer in the datapath, adding it "
                  "again", port->br->name, port->name);
        port_remove_netdev(port);
    } else if (port->netdev && port->ofp_port != OFPP_NONE) {
        ofproto_port_destroy(&op);
    }

    struct smap bond_args = SMAP_INITIALIZER(&bond_args);
    if (is_bond) {
        port_bond_args(cfg, members, &bond_args);
        port_note_bond_columns(port);
    }

    if (is_bond && port->bond_error
        && smap_equal(&bond_args, &port->rejected_args)) {
        /* Refused as it stands: trying again would only say so again. */
        if (!port->netdev) {
            port_set_error(port, port->bond_error);
        }
    } else if (is_bond && port_keeps_bond(port, signature)) {
        if (!smap_equal(&bond_args, &port->bond_args)
            || port->bond_error || netdev_bond_needs_retry(port->netdev)) {
            port_reconfigure_bond(port, signature, &bond_args);
        }
    } else if (!port->signature || strcmp(port->signature, signature)) {
        port_remove_netdev(port);
        port_add_netdev(port, signature, is_bond, &bond_args);
    }
    smap_destroy(&bond_args);

    if (is_bond || !port->netdev) {
        /* A bond runs LACP in its netdev. */
        bridge_lacp_destroy(port->lacp);
        port->lacp = NULL;
    }
    if (port->netdev) {
        if (is_bond) {
            port_configure_members(port);
        } else {
            struct iface *iface = CONTAINER_OF(ovs_list_front(&port->ifaces),
                                               struct iface, port_elem);
            iface_apply_options(iface, port->netdev, port->type,
                                &port->options);
            iface_apply_mtu(iface, port->netdev);
            iface_apply_mac(iface, port->netdev,
                            port->ofp_port == OFPP_LOCAL);
            bridge_qos_apply(port->netdev, iface->name, cfg->qos,
                             iface->cfg);
            /* The datapath's per-port keys (dpif-netdev's
             * pmd-rxq-affinity, tx-steering and the like), and BFD and
             * CFM, which ofproto runs on the port. */
            if (port->ofp_port != OFPP_NONE) {
                ofproto_port_set_config(port->br->ofproto, port->ofp_port,
                                        &iface->cfg->other_config);
                bridge_monitors_configure(port->br->ofproto, port->ofp_port,
                                          port->netdev, iface->cfg);
                bridge_lldp_configure_port(port->br->ofproto, port->ofp_port,
                                           &iface->cfg->lldp);
            }
            port_configure_single_lacp(port, iface);
        }
        if (port->ofp_port != OFPP_NONE) {
            bridge_qos_set_queues(port->br->ofproto, port->ofp_port,
                                  cfg->qos);
        }
    }
    port_configure_bundle(port);

    free(signature);
    free(members);
}

/* Records that Interface 'cfg' is not used, with 'error' (which it takes
 * over) for its 'error' column, and logs it. */
static void
skip_iface(const struct ovsrec_interface *cfg, char *error)
{
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
    struct skipped_iface *si = xmalloc(sizeof *si);

    VLOG_WARN_RL(&rl, "%s", error);
    si->cfg = cfg;
    si->error = error;
    if (!shash_add_once(&skipped_ifaces, cfg->name, si)) {
        free(si->error);
        free(si);
    }
}

static void
skipped_ifaces_clear(void)
{
    struct shash_node *node;

    SHASH_FOR_EACH_SAFE (node, &skipped_ifaces) {
        struct skipped_iface *si = node->data;
        free(si->error);
        free(si);
        shash_delete(&skipped_ifaces, node);
    }
}

/* A bridge's name names its files (the management socket, the pcap and
 * log files of its ports): one with '/' or '\\' could reach any directory.
 * Returns false, with a warning, for such a name; the bridge is then left
 * out, its interfaces get no OpenFlow port, as with ovs-vswitchd. */
static bool
bridge_name_is_safe(const char *name, bool warn)
{
    if (!strpbrk(name, "/\\")) {
        return true;
    }
    if (warn) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);
        VLOG_WARN_RL(&rl, "ignoring bridge with invalid name \"%s\"", name);
    }
    return false;
}

/* Reconfigures the ports of 'br' to match its row.  'owners' maps the name
 * of every interface already claimed, by this bridge or an earlier one, to
 * where ("port P of bridge B"): an interface may belong to one port only. */
static void
bridge_reconfigure_ports(struct bridge *br, struct shash *owners)
{
    struct shash wanted = SHASH_INITIALIZER(&wanted);
    static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);

    for (size_t i = 0; i < br->cfg->n_ports; i++) {
        const struct ovsrec_port *pc = br->cfg->ports[i];
        bool ok = pc->n_interfaces > 0;

        if (!ok) {
            VLOG_WARN_RL(&rl, "bridge %s: port %s has no interfaces, "
                         "skipping", br->name, pc->name);
            continue;
        }
        for (size_t j = 0; j < pc->n_interfaces && ok; j++) {
            const char *owner = shash_find_data(owners,
                                                pc->interfaces[j]->name);
            if (owner) {
                ok = false;
                for (size_t k = 0; k < pc->n_interfaces; k++) {
                    if (shash_find(owners, pc->interfaces[k]->name)) {
                        /* Its row reports its port's state. */
                        continue;
                    }
                    skip_iface(pc->interfaces[k], xasprintf(
                                   "interface %s is already in %s; port %s "
                                   "of bridge %s skipped",
                                   pc->interfaces[j]->name, owner, pc->name,
                                   br->name));
                }
            }
        }
        if (!ok) {
            continue;
        }
        for (size_t j = 0; j < pc->n_interfaces; j++) {
            shash_add_once(owners, pc->interfaces[j]->name,
                           xasprintf("port %s of bridge %s", pc->name,
                                     br->name));
        }
        if (!shash_add_once(&wanted, pc->name, pc)) {
            VLOG_WARN_RL(&rl, "bridge %s: duplicate port %s", br->name,
                         pc->name);
        }
    }

    /* Removes ports that are gone first, so that their interfaces may be
     * reused by other ports. */
    struct shash_node *node;
    SHASH_FOR_EACH_SAFE (node, &br->ports) {
        struct port *port = node->data;
        if (!shash_find(&wanted, port->name)) {
            VLOG_INFO("bridge %s: removed port %s", br->name, port->name);
            shash_delete(&br->ports, node);
            port_destroy(port);
        }
    }

    /* The OpenFlow port numbers that ports ask for. */
    unsigned long *requested = bitmap_allocate(ofp_to_u16(OFPP_MAX));
    SHASH_FOR_EACH (node, &wanted) {
        ofp_port_t request = port_ofport_request(node->data);
        if (request != OFPP_NONE) {
            bitmap_set1(requested, ofp_to_u16(request));
        }
    }

    /* Removes the netdevs of ports whose kind changes, before any port
     * opens what they held, and of ports that ask for another OpenFlow port
     * number or hold one that another port asks for, before any port takes
     * the number they held (so that ports may swap numbers). */
    SHASH_FOR_EACH (node, &br->ports) {
        struct port *port = node->data;
        const struct ovsrec_port *pc = shash_find_data(&wanted, port->name);
        bool is_bond;
        char *members;
        char *signature = port_signature(br, pc, &is_bond, &members);
        ofp_port_t request = port_ofport_request(pc);

        if (port->signature && strcmp(port->signature, signature)
            && !(is_bond && port_keeps_bond(port, signature))) {
            port_remove_netdev(port);
        } else if (port->netdev && port->ofp_port != OFPP_LOCAL
                   && port->ofp_port != OFPP_NONE
                   && request != port->ofp_port
                   && (request != OFPP_NONE
                       || (ofp_to_u16(port->ofp_port) < ofp_to_u16(OFPP_MAX)
                           && bitmap_is_set(requested,
                                            ofp_to_u16(port->ofp_port))))) {
            VLOG_INFO("bridge %s: port %s leaves OpenFlow port %d for %s",
                      br->name, port->name, ofp_to_u16(port->ofp_port),
                      request != OFPP_NONE ? "the one it asks for"
                                           : "another port that asks for it");
            port_remove_netdev(port);
        }
        free(signature);
        free(members);
    }

    free(requested);

    /* Ports that ask for a number first, so that the others do not take
     * it (ofproto gives a port the number it had last if it is free). */
    SHASH_FOR_EACH (node, &wanted) {
        if (port_ofport_request(node->data) != OFPP_NONE) {
            bridge_reconfigure_port(br, node->data);
        }
    }
    SHASH_FOR_EACH (node, &wanted) {
        if (port_ofport_request(node->data) == OFPP_NONE) {
            bridge_reconfigure_port(br, node->data);
        }
    }

    shash_destroy(&wanted);
}

/* Creates the port for 'pc' in 'br' if it does not exist, and brings it in
 * line with 'pc'. */
static void
bridge_reconfigure_port(struct bridge *br, const struct ovsrec_port *pc)
{
    struct port *port = port_lookup(br, pc->name);

    if (!port) {
        port = xzalloc(sizeof *port);
        port->br = br;
        port->name = xstrdup(pc->name);
        port->ofp_port = OFPP_NONE;
        ovs_list_init(&port->ifaces);
        smap_init(&port->options);
        smap_init(&port->bond_args);
        smap_init(&port->rejected_args);
        shash_add(&br->ports, port->name, port);
    }
    port_reconfigure(port, pc);
}

/* The Open_vSwitch other_config keys that tune the datapaths and their
 * upcall handling, each with its ofproto setter and its default. */
static const struct dp_setting {
    const char *key;
    void (*set)(unsigned int);
    unsigned int def;
} dp_settings[] = {
    { "flow-limit", ofproto_set_flow_limit, OFPROTO_FLOW_LIMIT_DEFAULT },
    { "max-idle", ofproto_set_max_idle, OFPROTO_MAX_IDLE_DEFAULT },
    { "max-revalidator", ofproto_set_max_revalidator,
      OFPROTO_MAX_REVALIDATOR_DEFAULT },
    { "min-revalidate-pps", ofproto_set_min_revalidate_pps,
      OFPROTO_MIN_REVALIDATE_PPS_DEFAULT },
    { "bundle-idle-timeout", ofproto_set_bundle_idle_timeout, 0 },
};

/* Applies the Open_vSwitch row's other_config to the datapaths: the
 * settings above, the VLAN limit and thread counts and hardware offload.
 * (bridge_configure_types() does the rest, once the bridges exist.) */
static void
bridge_configure_datapaths(const struct smap *oc)
{
    for (size_t i = 0; i < ARRAY_SIZE(dp_settings); i++) {
        dp_settings[i].set(smap_get_uint(oc, dp_settings[i].key,
                                         dp_settings[i].def));
    }
    ofproto_set_vlan_limit(smap_get_int(oc, "vlan-limit",
                                        LEGACY_MAX_VLAN_HEADERS));
    ofproto_set_threads(smap_get_int(oc, "n-handler-threads", 0),
                        smap_get_int(oc, "n-revalidator-threads", 0));
    netdev_set_flow_api_enabled(oc);
}

/* Gives each datapath type its keys of the Open_vSwitch row's other_config
 * (dpif-netdev's pmd-cpu-mask, smc-enable, emc-insert-inv-prob,
 * pmd-rxq-assign and the others).  A type's datapath exists only once a
 * bridge uses it, and its ports must find the settings in place (their
 * receive queues go to the PMD threads of pmd-cpu-mask): after the bridges
 * are created and before their ports are added, as in ovs-vswitchd. */
static void
bridge_configure_types(const struct smap *oc)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    ofproto_enumerate_types(&types);
    SSET_FOR_EACH (type, &types) {
        ofproto_type_set_config(type, oc);
    }
    sset_destroy(&types);
}

/* Brings the bridges in line with the database. */
static void
bridge_reconfigure(const struct ovsrec_open_vswitch *ovs)
{
    struct shash wanted = SHASH_INITIALIZER(&wanted);
    const struct ovsrec_bridge *bc;

    skipped_ifaces_clear();
    if (ovs) {
        collect_in_band_managers(ovs);
        bridge_configure_ssl(ovs->ssl);
        bridge_configure_datapaths(&ovs->other_config);
        bridge_metrics_configure(&ovs->other_config);
        for (size_t i = 0; i < ovs->n_bridges; i++) {
            bc = ovs->bridges[i];
            if (!bridge_name_is_safe(bc->name, true)) {
                continue;
            }
            if (bridge_datapath_type(bc)
                && !shash_add_once(&wanted, bc->name, bc)) {
                VLOG_WARN("duplicate bridge %s", bc->name);
            }
        }
    }

    struct shash_node *node;
    SHASH_FOR_EACH_SAFE (node, &all_bridges) {
        struct bridge *br = node->data;
        bc = shash_find_data(&wanted, br->name);
        if (!bc || strcmp(br->type, bridge_datapath_type(bc))) {
            VLOG_INFO("bridge %s: deleted", br->name);
            bridge_destroy(br, true);
        }
    }

    struct shash owners = SHASH_INITIALIZER(&owners);
    int sflow_sub_id = 0;

    any_auto_attach = false;

    SHASH_FOR_EACH (node, &wanted) {
        bc = node->data;
        struct bridge *br = bridge_lookup(bc->name);
        if (!br) {
            br = bridge_create(bc, bridge_datapath_type(bc));
        }
        if (br) {
            br->cfg = bc;
        }
    }
    if (ovs) {
        struct sset types = SSET_INITIALIZER(&types);
        SHASH_FOR_EACH (node, &all_bridges) {
            const struct bridge *br = node->data;
            sset_add(&types, br->type);
        }
        bridge_configure_types(&ovs->other_config);
        bridge_datapaths_configure(ovs, &types);
        sset_destroy(&types);
    }
    SHASH_FOR_EACH (node, &wanted) {
        struct bridge *br = bridge_lookup(node->name);
        if (br) {
            bridge_reconfigure_ports(br, &owners);
            bridge_configure(br);
            bridge_configure_mirrors(br);
            bridge_configure_stp(br);
            bridge_sampling_configure(br->ofproto, br->cfg, idl,
                                      shash_count(&br->ports), &sflow_sub_id);
            bridge_aa_configure(br->aa, br->cfg);
            any_auto_attach = any_auto_attach || br->cfg->auto_attach;
        }
    }
    shash_destroy_free_data(&owners);
    shash_destroy(&wanted);
}

/* Status. */

/* Returns every port of every bridge, in an array that the caller frees,
 * and their number in '*n'. */
static struct port **
all_ports(size_t *n)
{
    struct shash_node *br_node;
    struct port **ports = NULL;
    size_t allocated = 0;

    *n = 0;
    SHASH_FOR_EACH (br_node, &all_bridges) {
        const struct bridge *br = br_node->data;
        struct shash_node *port_node;

        SHASH_FOR_EACH (port_node, &br->ports) {
            if (*n >= allocated) {
                ports = x2nrealloc(ports, &allocated, sizeof *ports);
            }
            ports[(*n)++] = port_node->data;
        }
    }
    return ports;
}

/* Writes each Interface's 'ofport' and 'error', and cur_cfg. */
static void
bridge_publish_cfg(const struct ovsrec_open_vswitch *ovs)
{
    size_t n_ports;
    struct port **ports = all_ports(&n_ports);

    for (size_t i = 0; i < n_ports; i++) {
        const struct port *port = ports[i];
        int64_t ofport = (port->ofp_port == OFPP_NONE ? -1
                          : ofp_to_u16(port->ofp_port));
        struct iface *iface;

        LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
            ovsrec_interface_set_ofport(iface->cfg, &ofport, 1);
            ovsrec_interface_set_error(iface->cfg, iface->error);
        }
    }
    free(ports);

    /* Interfaces left out. */
    struct shash_node *node;
    SHASH_FOR_EACH (node, &skipped_ifaces) {
        struct skipped_iface *si = node->data;
        int64_t ofport = -1;
        ovsrec_interface_set_ofport(si->cfg, &ofport, 1);
        ovsrec_interface_set_error(si->cfg, si->error);
    }

    /* Interfaces of bridges that could not be created. */
    for (size_t i = 0; ovs && i < ovs->n_bridges; i++) {
        const struct ovsrec_bridge *bc = ovs->bridges[i];
        if (!bridge_lookup(bc->name)) {
            int64_t ofport = -1;
            for (size_t j = 0; j < bc->n_ports; j++) {
                for (size_t k = 0; k < bc->ports[j]->n_interfaces; k++) {
                    const struct ovsrec_interface *ic
                        = bc->ports[j]->interfaces[k];
                    ovsrec_interface_set_ofport(ic, &ofport, 1);
                    ovsrec_interface_set_error(
                        ic, (!bridge_name_is_safe(bc->name, false) ? NULL
                             : "bridge datapath_type not supported by "
                               "ovs-bond-vswitchd (use netdev)"));
                }
            }
        }
    }

    if (ovs) {
        bridge_datapaths_publish(ovs);
        bridge_publish_types(ovs);
        ovsrec_open_vswitch_set_cur_cfg(ovs, ovs->next_cfg);
    }
}

/* The Interface statistics keys, and where struct netdev_stats keeps
 * each. */
#define STAT(MEMBER, KEY) { KEY, offsetof(struct netdev_stats, MEMBER) }
static const struct iface_stat {
    const char *key;
    size_t offset;
} iface_stats[] = {
    STAT(rx_packets, "rx_packets"),
    STAT(tx_packets, "tx_packets"),
    STAT(rx_bytes, "rx_bytes"),
    STAT(tx_bytes, "tx_bytes"),
    STAT(rx_dropped, "rx_dropped"),
    STAT(tx_dropped, "tx_dropped"),
    STAT(rx_errors, "rx_errors"),
    STAT(tx_errors, "tx_errors"),
    STAT(rx_frame_errors, "rx_frame_err"),
    STAT(rx_over_errors, "rx_over_err"),
    STAT(rx_crc_errors, "rx_crc_err"),
    STAT(rx_missed_errors, "rx_missed_errors"),
    STAT(collisions, "collisions"),
    STAT(multicast, "rx_multicast_packets"),
    STAT(tx_multicast_packets, "tx_multicast_packets"),
    STAT(rx_broadcast_packets, "rx_broadcast_packets"),
    STAT(tx_broadcast_packets, "tx_broadcast_packets"),
    STAT(rx_1_to_64_packets, "rx_1_to_64_packets"),
    STAT(rx_65_to_127_packets, "rx_65_to_127_packets"),
    STAT(rx_128_to_255_packets, "rx_128_to_255_packets"),
    STAT(rx_256_to_511_packets, "rx_256_to_511_packets"),
    STAT(rx_512_to_1023_packets, "rx_512_to_1023_packets"),
    STAT(rx_1024_to_1522_packets, "rx_1024_to_1522_packets"),
    STAT(rx_1523_to_max_packets, "rx_1523_to_max_packets"),
    STAT(tx_1_to_64_packets, "tx_1_to_64_packets"),
    STAT(tx_65_to_127_packets, "tx_65_to_127_packets"),
    STAT(tx_128_to_255_packets, "tx_128_to_255_packets"),
    STAT(tx_256_to_511_packets, "tx_256_to_511_packets"),
    STAT(tx_512_to_1023_packets, "tx_512_to_1023_packets"),
    STAT(tx_1024_to_1522_packets, "tx_1024_to_1522_packets"),
    STAT(tx_1523_to_max_packets, "tx_1523_to_max_packets"),
    STAT(rx_undersized_errors, "rx_undersized_errors"),
    STAT(rx_oversize_errors, "rx_oversize_errors"),
    STAT(rx_fragmented_errors, "rx_fragmented_errors"),
    STAT(rx_jabber_errors, "rx_jabber_errors"),
};
#undef STAT

/* Writes the statistics of 'netdev' into Interface 'cfg': the counters
 * that it keeps (UINT64_MAX means it does not), then its own. */
static void
iface_publish_stats(const struct ovsrec_interface *cfg,
                    const struct netdev *netdev)
{
    struct netdev_custom_stats custom;
    struct netdev_stats stats;

    if (netdev_get_stats(netdev, &stats)) {
        return;
    }
    netdev_get_custom_stats(netdev, &custom);

    size_t max = ARRAY_SIZE(iface_stats) + custom.size;
    const char **keys = xmalloc(max * sizeof *keys);
    int64_t *values = xmalloc(max * sizeof *values);
    size_t n = 0;

    for (size_t i = 0; i < ARRAY_SIZE(iface_stats); i++) {
        uint64_t value;

        memcpy(&value, (const char *) &stats + iface_stats[i].offset,
               sizeof value);
        if (value != UINT64_MAX) {
            keys[n] = iface_stats[i].key;
            values[n++] = value;
        }
    }
    for (size_t i = 0; custom.counters && i < custom.size; i++) {
        keys[n] = custom.counters[i].name;
        values[n++] = custom.counters[i].value;
    }
    ovsrec_interface_set_statistics(cfg, keys, values, n);

    free(keys);
    free(values);
    netdev_free_custom_stats_counters(&custom);
}

/* Writes the link status of Interface 'iface' whose netdev is 'netdev'. */
static void
iface_publish_status(struct iface *iface, const struct netdev *netdev,
                     const struct netdev *bond, bool stats)
{
    const struct ovsrec_interface *cfg = iface->cfg;
    enum netdev_flags flags;
    struct eth_addr mac;
    struct smap smap;
    int mtu;

    if (netdev_get_flags(netdev, &flags)) {
        flags = 0;
    }
    ovsrec_interface_set_admin_state(cfg, flags & NETDEV_UP ? "up" : "down");
    ovsrec_interface_set_link_state(cfg, (netdev_get_carrier(netdev)
                                          ? "up" : "down"));
    /* The times Open vSwitch observed the link change: the netdev's count,
     * or the bond's for a member whose netdev keeps none. */
    int64_t resets = netdev_get_carrier_resets(netdev);
    long long int seen;
    if (bond && netdev_bond_get_member_resets(bond, iface->name, &seen)) {
        resets = MAX(resets, seen);
    }
    ovsrec_interface_set_link_resets(cfg, &resets, 1);

    if (!netdev_get_etheraddr(netdev, &mac)) {
        char buf[ETH_ADDR_STRLEN + 1];
        snprintf(buf, sizeof buf, ETH_ADDR_FMT, ETH_ADDR_ARGS(mac));
        ovsrec_interface_set_mac_in_use(cfg, buf);
    }
    if (!netdev_get_mtu(netdev, &mtu)) {
        int64_t mtu64 = mtu;
        ovsrec_interface_set_mtu(cfg, &mtu64, 1);
    }

    enum netdev_features current;
    if (!netdev_get_features(netdev, &current, NULL, NULL, NULL)) {
        int64_t bps = netdev_features_to_bps(current, 0);
        ovsrec_interface_set_link_speed(cfg, &bps, bps ? 1 : 0);
        ovsrec_interface_set_duplex(cfg, (bps
                                          ? (netdev_features_is_full_duplex(
                                                 current)
                                             ? "full" : "half")
                                          : NULL));
    }

    smap_init(&smap);
    netdev_get_status(netdev, &smap);
    smap_replace(&smap, "driver_name", netdev_get_type(netdev));
    /* A port of one Interface that runs LACP: ofproto knows. */
    const struct port *port = iface->port;
    int of_current = (!bond && port->lacp && port->ofp_port != OFPP_NONE
                      ? ofproto_port_is_lacp_current(port->br->ofproto,
                                                     port->ofp_port)
                      : -1);
    bool lacp_current = of_current > 0;
    if ((bond && netdev_bond_get_member_lacp(bond, iface->name,
                                             &lacp_current))
        || of_current >= 0) {
        ovsrec_interface_set_lacp_current(cfg, &lacp_current, 1);
    } else {
        ovsrec_interface_set_lacp_current(cfg, NULL, 0);
    }
    if (bond) {
        netdev_bond_get_member_status(bond, iface->name, &smap);
    }
    ovsrec_interface_set_status(cfg, &smap);
    smap_destroy(&smap);

    if (stats) {
        iface_publish_stats(cfg, netdev);
    }
}

static void
port_publish_status(struct port *port, bool stats)
{
    struct iface *iface;

    if (!port->netdev) {
        return;
    }
    if (port_has_bond(port)) {
        char *active = netdev_bond_get_active_member(port->netdev);
        char *active_mac = NULL;

        LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
            struct netdev *member = netdev_bond_ref_member(port->netdev,
                                                           iface->name);
            if (member) {
                iface_publish_status(iface, member, port->netdev, stats);
                if (active && !strcmp(active, iface->name)) {
                    struct eth_addr mac;
                    if (!netdev_get_etheraddr(member, &mac)) {
                        active_mac = xasprintf(ETH_ADDR_FMT,
                                               ETH_ADDR_ARGS(mac));
                    }
                }
                netdev_close(member);
            }
        }
        ovsrec_port_set_bond_active_slave(port->cfg, active_mac);
        free(active_mac);
        free(active);
    } else {
        iface = CONTAINER_OF(ovs_list_front(&port->ifaces), struct iface,
                             port_elem);
        iface_publish_status(iface, port->netdev, NULL, stats);
        bridge_monitors_publish(port->br->ofproto, port->ofp_port,
                                iface->cfg);
    }
}

/* The Controller role column's name for 'role', or NULL. */
static const char *
controller_role_name(enum ofp12_controller_role role)
{
    return (role == OFPCR12_ROLE_EQUAL ? "other"
            : role == OFPCR12_ROLE_PRIMARY ? "master"
            : role == OFPCR12_ROLE_SECONDARY ? "slave"
            : NULL);
}

/* Writes is_connected, role and status of each of 'br''s controllers.  A
 * passive target ("ptcp:", "punix:") has no connection of its own to
 * report. */
static void
bridge_publish_controllers(const struct bridge *br)
{
    struct shash info = SHASH_INITIALIZER(&info);

    ofproto_get_ofproto_controller_info(br->ofproto, &info);
    for (size_t i = 0; i < br->cfg->n_controller; i++) {
        const struct ovsrec_controller *c = br->cfg->controller[i];
        const struct ofproto_controller_info *ci = shash_find_data(&info,
                                                                   c->target);

        ovsrec_controller_set_is_connected(c, ci && ci->is_connected);
        ovsrec_controller_set_role(c, ci ? controller_role_name(ci->role)
                                         : NULL);
        ovsrec_controller_set_status(c, ci ? &ci->pairs : NULL);
    }
    ofproto_free_ofproto_controller_info(&info);
}

/* The Open_vSwitch row's statistics, when other_config:enable-statistics
 * asks for them; cleared when it stops asking. */
static void
bridge_publish_system_stats(const struct ovsrec_open_vswitch *ovs)
{
    if (smap_get_bool(&ovs->other_config, "enable-statistics", false)) {
        struct smap stats = SMAP_INITIALIZER(&stats);

        bridge_system_stats_get(NULL, ovs_rundir(), &stats);
        ovsrec_open_vswitch_set_statistics(ovs, &stats);
        smap_destroy(&stats);
    } else if (!smap_is_empty(&ovs->statistics)) {
        ovsrec_open_vswitch_set_statistics(ovs, NULL);
    }
}

/* What this daemon can do, as ovs-vswitchd writes it: its datapath types
 * (those of Open vSwitch's that bridge_datapath_type() accepts) and the
 * interface types that Open vSwitch's netdev library and ours register. */
static void
bridge_publish_types(const struct ovsrec_open_vswitch *ovs)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *dp_types[2];
    size_t n_dp_types = 0;

    dp_enumerate_types(&types);
    if (sset_contains(&types, "dummy")) {
        dp_types[n_dp_types++] = "dummy";
    }
    if (sset_contains(&types, "netdev")) {
        dp_types[n_dp_types++] = "netdev";
    }
    ovsrec_open_vswitch_set_datapath_types(ovs, dp_types, n_dp_types);
    sset_clear(&types);

    netdev_enumerate_types(&types);
    const char **iface_types = sset_array(&types);
    ovsrec_open_vswitch_set_iface_types(ovs, iface_types, sset_count(&types));
    free(iface_types);
    sset_destroy(&types);
}

/* Writes the status of every bridge, port and interface; with 'stats', the
 * interface statistics too. */
static void
bridge_publish(const struct ovsrec_open_vswitch *ovs, bool stats)
{
    struct shash_node *br_node;

    if (ovs) {
        dpdk_status(ovs);
        if (stats) {
            bridge_publish_system_stats(ovs);
        }
    }

    SHASH_FOR_EACH (br_node, &all_bridges) {
        struct bridge *br = br_node->data;
        char dpid[17];
        struct shash_node *port_node;

        snprintf(dpid, sizeof dpid, "%016"PRIx64,
                 ofproto_get_datapath_id(br->ofproto));
        ovsrec_bridge_set_datapath_id(br->cfg, dpid);
        const char *version = (br->ofproto->ofproto_class->get_datapath_version
                               ? br->ofproto->ofproto_class
                                 ->get_datapath_version(br->ofproto)
                               : NULL);
        ovsrec_bridge_set_datapath_version(br->cfg,
                                           version ? version : "<unknown>");
        bridge_publish_controllers(br);
        bridge_stp_publish_bridge(br->ofproto, br->cfg);
        SHASH_FOR_EACH (port_node, &br->ports) {
            struct port *port = port_node->data;
            port_publish_status(port, stats);
            if (port->ofp_port != OFPP_NONE) {
                bridge_stp_publish_port(br->ofproto, port->ofp_port,
                                        port->cfg, stats);
            }
        }
        if (stats) {
            bridge_mirrors_publish_stats(br->mirrors);
        }
    }
}

/* Commits 'txn' if it is in progress; returns true if it has finished (and
 * has been destroyed). */
static bool
txn_poll(struct ovsdb_idl_txn **txnp)
{
    if (*txnp) {
        enum ovsdb_idl_txn_status status = ovsdb_idl_txn_commit(*txnp);
        if (status == TXN_INCOMPLETE) {
            return false;
        }
        if (status != TXN_SUCCESS && status != TXN_UNCHANGED) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
            VLOG_WARN_RL(&rl, "database transaction failed: %s",
                         ovsdb_idl_txn_status_to_string(status));
        }
        ovsdb_idl_txn_destroy(*txnp);
        *txnp = NULL;
    }
    return true;
}

static void
bridge_run__(void)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;
    struct shash_node *br_node;

    ofproto_enumerate_types(&types);
    SSET_FOR_EACH (type, &types) {
        ofproto_type_run(type);
    }
    sset_destroy(&types);

    SHASH_FOR_EACH (br_node, &all_bridges) {
        struct bridge *br = br_node->data;
        int error = ofproto_run(br->ofproto);
        if (error && error != EAGAIN) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);
            VLOG_ERR_RL(&rl, "bridge %s: ofproto_run failed (%s)", br->name,
                        ovs_strerror(error));
        }
    }
    bridge_metrics_run();
}

static const struct ovsrec_port *
bridge_find_port_cfg(const void *br_, const char *name)
{
    const struct bridge *br = br_;
    const struct port *port = port_lookup(br, name);

    return port ? port->cfg : NULL;
}

/* Writes the VLANs that Auto Attach servers asked for into the trunks of
 * their ports, once a second, in a transaction of their own; the change
 * comes back as a reconfiguration. */
static void
bridge_run_aa(void)
{
    if (time_msec() < aa_timer || !txn_poll(&aa_txn)) {
        return;
    }
    aa_timer = time_msec() + AA_REFRESH_INTERVAL;

    struct shash_node *node;
    SHASH_FOR_EACH (node, &all_bridges) {
        struct bridge *br = node->data;

        if (bridge_aa_has_queued(br->aa)) {
            if (!aa_txn) {
                aa_txn = ovsdb_idl_txn_create(idl);
            }
            bridge_aa_apply_queued(br->aa, bridge_find_port_cfg, br);
        }
    }
    txn_poll(&aa_txn);
}

/* Returns true if a bond has a member to open again (see
 * netdev_bond_needs_retry()).  A refused configuration waits for the next
 * change instead: it depends on nothing else. */
static bool
any_bond_retry(void)
{
    size_t n_ports;
    struct port **ports = all_ports(&n_ports);
    bool any = false;

    for (size_t i = 0; i < n_ports && !any; i++) {
        const struct port *port = ports[i];
        any = port_has_bond(port) && netdev_bond_needs_retry(port->netdev);
    }
    free(ports);
    return any;
}

void
bridge_run(void)
{
    const struct ovsrec_open_vswitch *ovs;

    ovsdb_idl_run(idl);

    if (ovsdb_idl_is_lock_contended(idl)) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 1);
        VLOG_ERR_RL(&rl, "another ovs-vswitchd process is running, "
                    "disabling this process (pid %ld) until it goes away",
                    (long int) getpid());
        return;
    } else if (!ovsdb_idl_has_lock(idl)
               || !ovsdb_idl_has_ever_connected(idl)) {
        /* The database is away, or we wait for the lock again after
         * reconnecting: keep forwarding with the last configuration. */
        if (initialized) {
            bridge_run__();
        }
        return;
    }

    ovs = ovsrec_open_vswitch_first(idl);

    if (!initialized) {
        /* Things that must happen once, before the first bridge exists. */
        if (ovs) {
            userspace_tso_init(&ovs->other_config);
        }
        struct shash iface_hints = SHASH_INITIALIZER(&iface_hints);
        ofproto_init(&iface_hints);
        shash_destroy(&iface_hints);
        initialized = true;
    }
    if (ovs) {
        /* Without DPDK in the Open vSwitch build, this logs that dpdk-init
         * cannot be honoured. */
        dpdk_init(&ovs->other_config);
    }
    ofproto_set_flow_restore_wait(ovs && smap_get_bool(&ovs->other_config,
                                                       "flow-restore-wait",
                                                       false));

    bridge_run__();

    if (ovsdb_idl_get_seqno(idl) != idl_seqno) {
        idl_seqno = ovsdb_idl_get_seqno(idl);
        need_reconfigure = true;
    }
    /* One reconfiguration at a time: the next waits for the transaction
     * that reports the previous one. */
    if (time_msec() >= bond_retry) {
        need_reconfigure = true;
    }
    if (need_reconfigure && txn_poll(&cfg_txn)) {
        bridge_reconfigure(ovs);
        bond_retry = any_bond_retry() ? time_msec() + BOND_RETRY_INTERVAL
                                      : LLONG_MAX;
        cfg_txn = ovsdb_idl_txn_create(idl);
        bridge_publish_cfg(ovs);
        bridge_publish(ovs, false);
        need_reconfigure = false;
        ever_reconfigured = true;
    }
    if (txn_poll(&cfg_txn) && ever_reconfigured) {
        /* Initialized: the process that forked us may exit.  The banner
         * comes after, as ovs-vswitchd's does, so that it goes to the log
         * and not to the starting process's standard error. */
        daemonize_complete();
        VLOG_INFO_ONCE("ovs-bond-vswitchd (ovs-bond) %s, Open vSwitch %s",
                       OVS_BOND_VERSION, VERSION);
    }

    if (!need_reconfigure) {
        bridge_run_aa();
    }

    /* Status: on connectivity changes, statistics every few seconds; not
     * while a reconfiguration waits, when the rows that the bridges point
     * to may be gone from the IDL. */
    int interval = MAX(STATS_INTERVAL_MIN,
                       ovs ? smap_get_int(&ovs->other_config,
                                          "stats-update-interval",
                                          STATS_INTERVAL_MIN)
                           : STATS_INTERVAL_MIN);
    if (interval != stats_interval) {
        stats_interval = interval;
        stats_timer = LLONG_MIN;
    }
    uint64_t seq = seq_read(connectivity_seq_get());
    bool stats = time_msec() >= stats_timer;
    if ((seq != status_seq || stats) && !need_reconfigure
        && txn_poll(&status_txn)) {
        status_seq = seq;
        if (stats) {
            stats_timer = time_msec() + stats_interval;
        }
        status_txn = ovsdb_idl_txn_create(idl);
        bridge_publish(ovs, stats);
        txn_poll(&status_txn);
    } else {
        txn_poll(&status_txn);
    }
}

/* Returns the netdev of interface 'name' (a bond member's own), with a
 * reference that the caller closes, or NULL if no port has it open. */
static struct netdev *
iface_ref_netdev(const char *name)
{
    size_t n_ports;
    struct port **ports = all_ports(&n_ports);
    struct netdev *netdev = NULL;

    for (size_t i = 0; i < n_ports && !netdev; i++) {
        const struct port *port = ports[i];
        const struct iface *iface;

        if (!port->netdev) {
            continue;
        }
        LIST_FOR_EACH (iface, port_elem, &port->ifaces) {
            if (!strcmp(iface->name, name)) {
                netdev = (port_has_bond(port)
                          ? netdev_bond_ref_member(port->netdev, name)
                          : netdev_ref(port->netdev));
                break;
            }
        }
    }
    free(ports);
    return netdev;
}

/* qos/show IFACE, or with 'show_types' qos/show-types IFACE. */
static void
bridge_qos_reply(struct unixctl_conn *conn, const char *argv[],
                 bool show_types)
{
    struct netdev *netdev = iface_ref_netdev(argv[1]);

    if (!netdev) {
        unixctl_command_reply_error(conn, "no such interface");
        return;
    }

    struct ds ds = DS_EMPTY_INITIALIZER;
    bool ok = (show_types
               ? bridge_qos_show_types(&ds, netdev, argv[1])
               : bridge_qos_show(&ds, netdev, argv[1]));
    if (ok) {
        unixctl_command_reply(conn, ds_cstr(&ds));
    } else {
        unixctl_command_reply_error(conn, ds_cstr(&ds));
    }
    ds_destroy(&ds);
    netdev_close(netdev);
}

static void
bridge_unixctl_qos_show(struct unixctl_conn *conn, int argc OVS_UNUSED,
                        const char *argv[], void *aux OVS_UNUSED)
{
    bridge_qos_reply(conn, argv, false);
}

static void
bridge_unixctl_qos_show_types(struct unixctl_conn *conn,
                              int argc OVS_UNUSED, const char *argv[],
                              void *aux OVS_UNUSED)
{
    bridge_qos_reply(conn, argv, true);
}

/* Adds to 'usage' what the datapaths, the bridges and the database
 * connection hold, and the number of bonds, for memory/show. */
void
bridge_get_memory_usage(struct simap *usage)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;

    ofproto_enumerate_types(&types);
    SSET_FOR_EACH (type, &types) {
        ofproto_type_get_memory_usage(type, usage);
    }
    sset_destroy(&types);

    size_t n_ports;
    struct port **ports = all_ports(&n_ports);
    unsigned int n_bonds = 0;
    for (size_t i = 0; i < n_ports; i++) {
        n_bonds += port_has_bond(ports[i]);
    }
    free(ports);
    simap_increase(usage, "bonds", n_bonds);

    struct shash_node *node;
    SHASH_FOR_EACH (node, &all_bridges) {
        const struct bridge *br = node->data;
        ofproto_get_memory_usage(br->ofproto, usage);
    }
    ovsdb_idl_get_memory_usage(idl, usage);
}

void
bridge_wait(void)
{
    struct sset types = SSET_INITIALIZER(&types);
    const char *type;
    struct shash_node *br_node;

    ovsdb_idl_wait(idl);
    if (cfg_txn) {
        ovsdb_idl_txn_wait(cfg_txn);
    }
    if (status_txn) {
        ovsdb_idl_txn_wait(status_txn);
    }

    ofproto_enumerate_types(&types);
    SSET_FOR_EACH (type, &types) {
        ofproto_type_wait(type);
    }
    sset_destroy(&types);

    SHASH_FOR_EACH (br_node, &all_bridges) {
        struct bridge *br = br_node->data;
        ofproto_wait(br->ofproto);
    }
    if (aa_txn) {
        ovsdb_idl_txn_wait(aa_txn);
    } else if (any_auto_attach && !need_reconfigure) {
        /* bridge_run() applies Auto Attach only once reconfigured: a
         * timer already past would spin until then. */
        poll_timer_wait_until(aa_timer);
    }
    /* Connectivity changes and the statistics timer matter only when
     * bridge_run() can publish them: with the database there and no status
     * transaction pending (that one wakes us itself).  Waiting on them
     * otherwise spins. */
    if (bond_retry != LLONG_MAX) {
        poll_timer_wait_until(bond_retry);
    }
    bridge_metrics_wait();
    if (initialized && ovsdb_idl_has_lock(idl) && !status_txn) {
        seq_wait(connectivity_seq_get(), status_seq);
        if (stats_timer != LLONG_MIN) {
            poll_timer_wait_until(stats_timer);
        }
    }
}
