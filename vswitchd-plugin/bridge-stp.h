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

/* Spanning tree: 802.1D STP and 802.1w RSTP, which ofproto runs, set up
 * from the Bridge and Port rows, with their state written back.
 *
 * A bond is one OpenFlow port, so it is one spanning tree port, as a Linux
 * bond is one port of a Linux bridge; its path cost follows the bond's
 * speed (the sum of its members' in the balancing modes). */

#ifndef VSWITCHD_PLUGIN_BRIDGE_STP_H
#define VSWITCHD_PLUGIN_BRIDGE_STP_H 1

#include <stdbool.h>
#include <stddef.h>
#include "openvswitch/types.h"
#include "packets.h"

struct netdev;
struct ofproto;
struct ovsdb_idl;
struct ovsrec_bridge;
struct ovsrec_port;

/* One port of a bridge, as the spanning tree sees it. */
struct bridge_stp_port {
    const struct ovsrec_port *cfg;
    ofp_port_t ofp_port;
    const struct netdev *netdev;  /* A bond's is the bond. */
    bool internal;                /* An internal port: never in the tree. */
    void *bundle;                 /* Its bundle handle. */
};

void bridge_stp_init(void);
void bridge_stp_omit_alerts(struct ovsdb_idl *);
void bridge_stp_configure(struct ofproto *, const struct ovsrec_bridge *,
                          struct eth_addr bridge_mac,
                          const struct bridge_stp_port *, size_t n_ports);
void bridge_stp_publish_bridge(struct ofproto *,
                               const struct ovsrec_bridge *);
void bridge_stp_publish_port(struct ofproto *, ofp_port_t,
                             const struct ovsrec_port *, bool stats);

#endif /* vswitchd-plugin/bridge-stp.h */
