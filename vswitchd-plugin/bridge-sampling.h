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

/* Traffic sampling and flow export: a bridge's sFlow, NetFlow and IPFIX
 * rows (and the Flow_Sample_Collector_Set rows that name it) given to
 * ofproto, which samples and exports.  A bond is one port to all three:
 * its samples and flow records carry the bond's port. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_SAMPLING_H
#define VSWITCHD_PLUGIN_BRIDGE_SAMPLING_H 1

#include <stddef.h>

struct ofproto;
struct ovsdb_idl;
struct ovsrec_bridge;

void bridge_sampling_configure(struct ofproto *, const struct ovsrec_bridge *,
                               const struct ovsdb_idl *, size_t n_ports,
                               int *sflow_sub_id);

#endif /* vswitchd-plugin/bridge-sampling.h */
