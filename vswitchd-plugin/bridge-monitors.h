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

#ifndef VSWITCHD_PLUGIN_BRIDGE_MONITORS_H
#define VSWITCHD_PLUGIN_BRIDGE_MONITORS_H 1

/* BFD and CFM on an OpenFlow port: settings from its Interface row, status
 * back into it. */

#include "openvswitch/types.h"

struct netdev;
struct ofproto;
struct ovsdb_idl;
struct ovsrec_interface;

void bridge_monitors_init(void);
void bridge_monitors_omit_alerts(struct ovsdb_idl *);
void bridge_monitors_configure(struct ofproto *, ofp_port_t,
                               const struct netdev *,
                               const struct ovsrec_interface *);
void bridge_monitors_publish(struct ofproto *, ofp_port_t,
                             const struct ovsrec_interface *);

#endif /* vswitchd-plugin/bridge-monitors.h */
