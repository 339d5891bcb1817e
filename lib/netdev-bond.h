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

#ifndef NETDEV_BOND_H
#define NETDEV_BOND_H 1

/* The "bond" netdev class.
 *
 * A bond netdev aggregates several member netdevs (of any type) into one
 * device that a datapath sees as a single port.  Its configuration
 * (netdev_set_config()) names the members:
 *
 *     members=NAME[:TYPE][,NAME[:TYPE]]...
 *
 * where TYPE is the member's netdev type ("system" if omitted). */

#include <stdbool.h>

struct netdev;
struct smap;

void netdev_bond_register(void);
bool netdev_bond_is_bond(const struct netdev *);

struct netdev *netdev_bond_ref_member(const struct netdev *,
                                      const char *member);
char *netdev_bond_get_member_error(const struct netdev *, const char *member);
bool netdev_bond_get_member_status(const struct netdev *, const char *member,
                                   struct smap *);
char *netdev_bond_get_active_member(const struct netdev *);

#endif /* netdev-bond.h */
