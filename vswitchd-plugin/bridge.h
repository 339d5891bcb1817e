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

#ifndef VSWITCHD_PLUGIN_BRIDGE_H
#define VSWITCHD_PLUGIN_BRIDGE_H 1

/* ovs-bond-vswitchd's bridge layer: turns the Open_vSwitch database into
 * ofprotos, ports and bonds, and writes their status back. */

#include <stdbool.h>

struct simap;

void bridge_init(const char *remote);
void bridge_exit(bool delete_datapath);
void bridge_run(void);
void bridge_wait(void);
void bridge_get_memory_usage(struct simap *);

#endif /* vswitchd-plugin/bridge.h */
