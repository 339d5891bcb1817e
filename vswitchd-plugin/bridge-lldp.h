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

/* LLDP and Auto Attach (IEEE 802.1AB with the SPB fabric attach TLVs), which
 * ofproto runs: an Interface's lldp column on its OpenFlow port, a Bridge's
 * AutoAttach row (system name and description, I-SID to VLAN mappings),
 * and the VLANs that an Auto Attach server asks for, written to the trunks
 * of the port it was heard on. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_LLDP_H
#define VSWITCHD_PLUGIN_BRIDGE_LLDP_H 1

#include "openvswitch/types.h"

struct bridge_aa;
struct ofproto;
struct ovsrec_bridge;
struct ovsrec_port;
struct smap;

void bridge_lldp_init(void);
void bridge_lldp_configure_port(struct ofproto *, ofp_port_t,
                                const struct smap *lldp);

struct bridge_aa *bridge_aa_create(struct ofproto *);
void bridge_aa_destroy(struct bridge_aa *);
void bridge_aa_configure(struct bridge_aa *, const struct ovsrec_bridge *);
bool bridge_aa_has_queued(const struct bridge_aa *);
void bridge_aa_apply_queued(struct bridge_aa *,
                            const struct ovsrec_port *(*find_port)(
                                const void *aux, const char *name),
                            const void *aux);

#endif /* vswitchd-plugin/bridge-lldp.h */
