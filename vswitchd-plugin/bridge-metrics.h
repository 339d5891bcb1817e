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

/* Bond metrics for Prometheus: "ovs-appctl bond/metrics", and the file
 * that Open_vSwitch other_config:bond-metrics-textfile names, rewritten
 * atomically every other_config:bond-metrics-interval ms (default 5000)
 * for node_exporter's textfile collector. */

#ifndef VSWITCHD_PLUGIN_BRIDGE_METRICS_H
#define VSWITCHD_PLUGIN_BRIDGE_METRICS_H 1

struct smap;
struct svec;

/* Fills 'bridges' and 'bonds' (in step) with every bond port's bridge and
 * bond netdev name. */
typedef void bridge_metrics_bonds_func(struct svec *bridges,
                                       struct svec *bonds);

void bridge_metrics_init(bridge_metrics_bonds_func *);
void bridge_metrics_configure(const struct smap *ovs_other_config);
void bridge_metrics_run(void);
void bridge_metrics_wait(void);

#endif /* vswitchd-plugin/bridge-metrics.h */
