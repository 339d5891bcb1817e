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

#ifndef BOND_ARPMON_H
#define BOND_ARPMON_H 1

/* The ARP and IPv6 NS link monitor's decisions, pure.
 *
 * Linux's ARP monitor sees failures beyond the first cable: every
 * arp_interval the bond asks its targets (ARP requests, IPv6 neighbour
 * solicitations) and a member is alive while it receives proof of life:
 * any traffic, only ARP, or only validated ARP (a target's reply, or the
 * bond's own request seen on a backup), per arp_validate and the member's
 * role.  A member is down after arp_missed_max intervals without proof
 * (backups get one more); with arp_all_targets=all, every target must have
 * answered within that time.
 *
 * This module classifies received frames and keeps each member's times;
 * it reads no clock (time is an argument) and sends nothing: the bond
 * sends the probes (lib/netdev-bond.c).  tests/test-bond-arpmon.c drives
 * it with a fake clock. */

#include <stdbool.h>
#include <stddef.h>

#include "bond-config.h"
#include "openvswitch/types.h"
#include "packets.h"

/* What a received frame is to the monitor. */
enum bond_arpmon_kind {
    BOND_ARPMON_OTHER,          /* Neither ARP nor neighbour discovery. */
    BOND_ARPMON_ARP,            /* ARP or ND about something else. */
    BOND_ARPMON_REPLY,          /* A target's ARP reply or NA. */
    BOND_ARPMON_REQUEST         /* A request for a target from one of our
                                 * own MACs (the bond's probe, flooded back
                                 * by the switch). */
};

/* One member's proof-of-life times, in ms. */
struct bond_arpmon_member {
    long long int last_rx;      /* Last frame that counts. */
    long long int target_rx[2 * BOND_MAX_ARP_TARGETS]; /* Last validated
                                                        * answer of each
                                                        * IPv4, then IPv6,
                                                        * target. */
};

enum bond_arpmon_kind bond_arpmon_classify(const struct bond_settings *,
                                           const void *frame, size_t size,
                                           const struct eth_addr *own_macs,
                                           size_t n_own, int *target);
void bond_arpmon_reset(struct bond_arpmon_member *, long long int now);
void bond_arpmon_rx(const struct bond_settings *, struct bond_arpmon_member *,
                    bool active, enum bond_arpmon_kind, int target,
                    long long int now);
bool bond_arpmon_alive(const struct bond_settings *,
                       const struct bond_arpmon_member *, bool active,
                       bool was_alive, long long int now);
long long int bond_arpmon_last_proof(const struct bond_settings *,
                                     const struct bond_arpmon_member *,
                                     bool active);

#endif /* bond-arpmon.h */
