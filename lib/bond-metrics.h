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

#ifndef BOND_METRICS_H
#define BOND_METRICS_H 1

/* Bond metrics in the Prometheus text exposition format (version 0.0.4):
 * every counter and state of bond/stats, bond/show and lacp/show-stats,
 * one family per metric with its HELP and TYPE lines, labelled by bridge,
 * bond, member and mode.  Pure: it formats reports that the caller made
 * with netdev_bond_report(). */

#include <stddef.h>

struct ds;
struct netdev_bond_report;

/* One bond to report, and the bridge it is on. */
struct bond_metrics_bond {
    const char *bridge;
    const struct netdev_bond_report *report;
};

void bond_metrics_format(struct ds *, const struct bond_metrics_bond *,
                         size_t n);

#endif /* bond-metrics.h */
