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

/* The Open_vSwitch table's "statistics" column, which
 * other_config:enable-statistics=true asks for: the system's CPUs, load
 * average, memory and local writable file systems, and each Open vSwitch
 * daemon whose pidfile is in the run directory, in the formats that
 * vswitch.xml documents.  Read from /proc on Linux. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_SYSTEM_STATS_H
#define VSWITCHD_PLUGIN_BRIDGE_SYSTEM_STATS_H 1

struct smap;

void bridge_system_stats_get(const char *proc, const char *rundir,
                             struct smap *stats);

#endif /* vswitchd-plugin/bridge-system-stats.h */
