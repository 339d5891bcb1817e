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

#ifndef VSWITCHD_PLUGIN_BRIDGE_DATAPATHS_H
#define VSWITCHD_PLUGIN_BRIDGE_DATAPATHS_H 1

/* The Datapath table: conntrack zone timeout policies in, capabilities
 * out. */

struct ovsrec_open_vswitch;
struct sset;

void bridge_datapaths_configure(const struct ovsrec_open_vswitch *,
                                const struct sset *types);
void bridge_datapaths_publish(const struct ovsrec_open_vswitch *);
void bridge_datapaths_exit(void);

#endif /* vswitchd-plugin/bridge-datapaths.h */
