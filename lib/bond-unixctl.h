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

#ifndef BOND_UNIXCTL_H
#define BOND_UNIXCTL_H 1

/* The "bond/" unixctl commands: Open vSwitch's bond/list, bond/show,
 * bond/set-active-member, bond/enable-member, bond/disable-member,
 * bond/hash, bond/migrate (same names, arguments, formats and replies), and
 * bond/show-linux, which prints a bond as Linux's /proc/net/bonding/bondX
 * does. */

#include <stdbool.h>

struct ds;
struct netdev_bond_report;
struct svec;

void bond_unixctl_init(void);

/* LACP that runs outside a bond netdev (ovs-bond-vswitchd's ports of one
 * Interface, whose LACP ofproto runs), for lacp/show and lacp/show-stats to
 * list with the bonds: 'names' adds the names of those ports to its svec,
 * 'format' formats the one named, as lacp/show-stats if 'stats', and
 * returns false if there is none by that name. */
struct bond_unixctl_lacp_ports {
    void (*names)(struct svec *);
    bool (*format)(const char *name, bool stats, struct ds *);
};
void bond_unixctl_set_lacp_ports(const struct bond_unixctl_lacp_ports *);

void bond_unixctl_format_ovs(struct ds *, const struct netdev_bond_report *);
void bond_unixctl_format_linux(struct ds *,
                               const struct netdev_bond_report *);

#endif /* bond-unixctl.h */
