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

/* Port mirroring: a bridge's Mirror rows as ofproto mirrors, their
 * statistics written back, and the bridge's flood_vlans.
 *
 * Mirrors select and output by bundle: a bond is one bundle, so a bond is a
 * mirror source, destination or output port as a whole. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_MIRRORS_H
#define VSWITCHD_PLUGIN_BRIDGE_MIRRORS_H 1

struct bridge_mirrors;
struct ofproto;
struct ovsdb_idl;
struct ovsrec_bridge;
struct shash;

struct bridge_mirrors *bridge_mirrors_create(struct ofproto *);
void bridge_mirrors_destroy(struct bridge_mirrors *);
void bridge_mirrors_omit_alerts(struct ovsdb_idl *);
void bridge_mirrors_configure(struct bridge_mirrors *,
                              const struct ovsrec_bridge *,
                              const struct shash *bundles);
void bridge_mirrors_publish_stats(const struct bridge_mirrors *);

#endif /* vswitchd-plugin/bridge-mirrors.h */
