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

/* QoS and policing: a Port's QoS row and its Queues, and an Interface's
 * ingress policing, applied to the netdevs that send and receive; the
 * queues' DSCP values given to ofproto; qos/show and qos/show-types.
 *
 * A bond's Port QoS shapes each of its members, and each member polices
 * what it receives as its own Interface row says: the members are the
 * devices that have queues and receive. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_QOS_H
#define VSWITCHD_PLUGIN_BRIDGE_QOS_H 1

#include "openvswitch/types.h"

struct ds;
struct netdev;
struct ofproto;
struct ovsrec_interface;
struct ovsrec_qos;

void bridge_qos_apply(struct netdev *, const char *name,
                      const struct ovsrec_qos *,
                      const struct ovsrec_interface *);
void bridge_qos_set_queues(struct ofproto *, ofp_port_t,
                           const struct ovsrec_qos *);
bool bridge_qos_show(struct ds *, struct netdev *, const char *name);
bool bridge_qos_show_types(struct ds *, struct netdev *, const char *name);

#endif /* vswitchd-plugin/bridge-qos.h */
