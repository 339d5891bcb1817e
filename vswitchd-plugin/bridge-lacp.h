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

/* LACP on a Port with one Interface: an 802.3ad link of one member, as
 * Open vSwitch runs it.  A bond runs LACP in its bond netdev; a port of one
 * interface has no bond netdev (it would need the interface's own name), so
 * ofproto runs LACP on its OpenFlow port, with Open vSwitch's lib/lacp.c,
 * and enables the port only while LACP allows.  This module reads the
 * settings from the rows, with the bonds' rules, and formats what ofproto
 * reports for lacp/show. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_LACP_H
#define VSWITCHD_PLUGIN_BRIDGE_LACP_H 1

#include <stdbool.h>
#include "lacp.h"
#include "openvswitch/types.h"
#include "packets.h"

struct ds;
struct ofport;
struct ovsrec_interface;
struct ovsrec_port;

struct bridge_lacp {
    struct lacp_settings settings;
    struct lacp_member_settings member;
};

char *bridge_lacp_parse(const struct ovsrec_port *,
                        const struct ovsrec_interface *,
                        struct eth_addr bridge_ea, ofp_port_t,
                        struct bridge_lacp **);
void bridge_lacp_destroy(struct bridge_lacp *);
void bridge_lacp_format(struct ds *, const struct bridge_lacp *,
                        const struct ofport *, bool stats);

#endif /* vswitchd-plugin/bridge-lacp.h */
