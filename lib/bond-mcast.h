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

#ifndef BOND_MCAST_H
#define BOND_MCAST_H 1

/* Multicast membership after a failover (Linux's resend_igmp).
 *
 * A Linux bond makes its own IP stack send its IGMP and MLD membership
 * reports again through the new active member.  The hosts behind an
 * ovs-bond bond are the bridge's other ports, so the bond asks them, as a
 * snooping switch does after a topology change: it hands the bridge a
 * general query (IGMPv3 and MLDv2, maximum response time 100 ms), as if it
 * had arrived on the new member, and every host answers with its reports,
 * which leave through that member.  Pure: these functions only build
 * frames. */

#include <stdint.h>
#include "openvswitch/types.h"

struct dp_packet;
struct eth_addr;

/* Maximum response time that the queries ask for, in milliseconds. */
#define BOND_MCAST_MAX_RESP_MS 100

/* Ms between the rounds of queries, as Linux spaces resend_igmp reports. */
#define BOND_MCAST_INTERVAL 200

void bond_mcast_compose_igmp_query(struct dp_packet *, struct eth_addr src,
                                   uint16_t vlan);
void bond_mcast_compose_mld_query(struct dp_packet *, struct eth_addr src,
                                  uint16_t vlan);

#endif /* bond-mcast.h */
