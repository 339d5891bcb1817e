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

#include <config.h>
#include "bond-alb.h"

#include <limits.h>
#include <string.h>

#include "util.h"

struct bond_alb {
    struct bond_alb_peer peers[BOND_ALB_MAX_PEERS];
    size_t n_peers;
    struct bond_alb_member members[BOND_MAX_MEMBERS];
    size_t n_members;
    int active;                 /* Active member, or -1. */
    unsigned int next;          /* Round-robin position. */

    /* Counters, for bond/show-alb. */
    uint64_t n_assigned;        /* Assignments, first or again. */
    uint64_t n_updates;         /* Updates handed out. */
    uint64_t n_evicted;         /* Peers dropped because the table was
                                 * full. */
    uint64_t n_expired;         /* Peers forgotten after
                                 * BOND_ALB_PEER_AGE. */
};


/* Returns a new, empty table. */
struct bond_alb *
bond_alb_create(void)
{
    struct bond_alb *alb = xzalloc(sizeof *alb);
    alb->active = -1;
    return alb;
}

void
bond_alb_destroy(struct bond_alb *alb)
{
    free(alb);
}

static bool
is_unicast(const struct eth_addr mac)
{
    return !eth_addr_is_zero(mac) && !eth_addr_is_multicast(mac);
}

/* The MAC that 'peer' should have for its host address. */
static struct eth_addr
desired_mac(const struct bond_alb *alb, const struct bond_alb_peer *peer)
{
    if (peer->member < 0 || peer->member == alb->active) {
        return peer->host_mac;
    }
    return alb->members[peer->member].mac;
}

/* Marks 'peer' for an update at 'when' if what it was told is not what it
 * should have, unless one is already due. */
static void
refresh_update(const struct bond_alb *alb, struct bond_alb_peer *peer,
               long long int when)
{
    if (eth_addr_equals(peer->told, desired_mac(alb, peer))) {
        peer->update = false;
    } else if (!peer->update) {
        peer->update = true;
        peer->update_at = when;
    }
}

/* Assigns 'peer' to the next usable member, round-robin over those with
 * the highest speed; to none if no member is usable. */
static void
assign(struct bond_alb *alb, struct bond_alb_peer *peer)
{
    uint64_t best = 0;
    bool any = false;

    for (size_t i = 0; i < alb->n_members; i++) {
        if (alb->members[i].usable) {
            best = MAX(best, alb->members[i].speed);
            any = true;
        }
    }
    peer->member = -1;
    if (!any) {
        return;
    }
    for (size_t k = 0; k < alb->n_members; k++) {
        size_t i = (alb->next + k) % alb->n_members;
        const struct bond_alb_member *m = &alb->members[i];

        if (m->usable && m->speed == best) {
            peer->member = i;
            alb->next = i + 1;
            alb->n_assigned++;
            return;
        }
    }
}

static bool
member_ok(const struct bond_alb *alb, int member)
{
    return (member >= 0 && (size_t) member < alb->n_members
            && alb->members[member].usable);
}

/* Tells the table which members exist and may carry traffic, and which one
 * is active.  When a member joins or comes back, every peer is assigned
 * again; when one leaves, its peers move to the others.  Peers whose MAC
 * changes get an update at once. */
void
bond_alb_set_members(struct bond_alb *alb,
                     const struct bond_alb_member *members, size_t n,
                     int active, long long int now)
{
    bool reshuffle = n != alb->n_members;

    n = MIN(n, BOND_MAX_MEMBERS);
    for (size_t i = 0; i < n && !reshuffle; i++) {
        reshuffle = members[i].usable && !alb->members[i].usable;
    }
    memcpy(alb->members, members, n * sizeof *members);
    alb->n_members = n;
    alb->active = active;
    if (reshuffle) {
        alb->next = 0;
    }

    for (size_t i = 0; i < alb->n_peers; i++) {
        struct bond_alb_peer *peer = &alb->peers[i];

        if (reshuffle || !member_ok(alb, peer->member)) {
            assign(alb, peer);
        }
        refresh_update(alb, peer, now);
    }
}

static struct bond_alb_peer *
find_peer(struct bond_alb *alb, ovs_be32 ip, ovs_be32 host_ip, uint16_t vlan)
{
    for (size_t i = 0; i < alb->n_peers; i++) {
        struct bond_alb_peer *peer = &alb->peers[i];
        if (peer->ip == ip && peer->host_ip == host_ip
            && peer->vlan == vlan) {
            return peer;
        }
    }
    return NULL;
}

/* Returns the peer 'ip' of 'host_ip' on 'vlan', adding it, in place of the
 * one heard from longest ago if the table is full. */
static struct bond_alb_peer *
find_or_add_peer(struct bond_alb *alb, ovs_be32 ip, ovs_be32 host_ip,
                 const struct eth_addr host_mac, uint16_t vlan,
                 long long int now)
{
    struct bond_alb_peer *peer = find_peer(alb, ip, host_ip, vlan);

    if (!peer) {
        if (alb->n_peers < BOND_ALB_MAX_PEERS) {
            peer = &alb->peers[alb->n_peers++];
        } else {
            peer = &alb->peers[0];
            for (size_t i = 1; i < alb->n_peers; i++) {
                if (alb->peers[i].last_seen < peer->last_seen) {
                    peer = &alb->peers[i];
                }
            }
            alb->n_evicted++;
        }
        memset(peer, 0, sizeof *peer);
        peer->ip = ip;
        peer->host_ip = host_ip;
        peer->host_mac = host_mac;
        peer->vlan = vlan;
        peer->told = host_mac;
        assign(alb, peer);
    }
    peer->last_seen = now;
    return peer;
}

/* The host sends the ARP reply 'arp' to a peer.  Returns the member that
 * should carry it, or -1 for the active member, and stores in '*sha' the
 * sender MAC that the reply should carry: the assigned member's MAC, or
 * the host's own if that member is the active one. */
int
bond_alb_host_reply(struct bond_alb *alb, const struct bond_alb_arp *arp,
                    long long int now, struct eth_addr *sha)
{
    *sha = arp->sha;
    if (!arp->spa || !arp->tpa || arp->spa == arp->tpa
        || !is_unicast(arp->sha)) {
        return -1;
    }

    struct bond_alb_peer *peer = find_or_add_peer(alb, arp->tpa, arp->spa,
                                                  arp->sha, arp->vlan, now);
    peer->host_mac = arp->sha;
    if (is_unicast(arp->tha)) {
        peer->mac = arp->tha;
    }
    if (!member_ok(alb, peer->member)) {
        assign(alb, peer);
    }
    if (peer->member < 0) {
        return -1;
    }
    peer->told = *sha = desired_mac(alb, peer);
    peer->update = false;
    return peer->member;
}

/* The host sends the ARP request 'arp', which goes out unchanged from its
 * own MAC.  Every peer that sees it learns the host's MAC again, so each
 * peer of that address that belongs on another member gets an update after
 * BOND_ALB_UPDATE_DELAY (by then the target has answered and its MAC is
 * known). */
void
bond_alb_host_request(struct bond_alb *alb, const struct bond_alb_arp *arp,
                      long long int now)
{
    if (!arp->spa || !is_unicast(arp->sha)) {
        return;                 /* A probe: it changes no peer's cache. */
    }
    if (arp->tpa && arp->tpa != arp->spa) {
        struct bond_alb_peer *peer = find_or_add_peer(alb, arp->tpa,
                                                      arp->spa, arp->sha,
                                                      arp->vlan, now);
        if (is_unicast(arp->tha)) {
            peer->mac = arp->tha;
        }
    }
    for (size_t i = 0; i < alb->n_peers; i++) {
        struct bond_alb_peer *peer = &alb->peers[i];

        if (peer->host_ip == arp->spa && peer->vlan == arp->vlan) {
            peer->host_mac = peer->told = arp->sha;
            peer->update = false;
            refresh_update(alb, peer, now + BOND_ALB_UPDATE_DELAY);
        }
    }
}

/* An ARP frame 'arp' arrived from the network: refreshes the peers that
 * sent it and records their MAC. */
void
bond_alb_peer_arp(struct bond_alb *alb, const struct bond_alb_arp *arp,
                  long long int now)
{
    if (!arp->spa || !is_unicast(arp->sha)) {
        return;
    }
    for (size_t i = 0; i < alb->n_peers; i++) {
        struct bond_alb_peer *peer = &alb->peers[i];

        if (peer->ip == arp->spa && peer->vlan == arp->vlan) {
            peer->mac = arp->sha;
            peer->last_seen = now;
        }
    }
}

/* Forgets the peers not heard from for BOND_ALB_PEER_AGE and stores in
 * 'updates' (at most 'max') the updates due at 'now', which the caller must
 * send.  Returns how many it stored. */
size_t
bond_alb_run(struct bond_alb *alb, long long int now,
             struct bond_alb_update *updates, size_t max)
{
    size_t n = 0, kept = 0;

    for (size_t i = 0; i < alb->n_peers; i++) {
        if (now - alb->peers[i].last_seen >= BOND_ALB_PEER_AGE) {
            alb->n_expired++;
        } else {
            alb->peers[kept++] = alb->peers[i];
        }
    }
    alb->n_peers = kept;

    for (size_t i = 0; i < alb->n_peers && n < max; i++) {
        struct bond_alb_peer *peer = &alb->peers[i];

        if (peer->update && now >= peer->update_at
            && is_unicast(peer->mac) && peer->member >= 0) {
            struct bond_alb_update *u = &updates[n++];

            u->member = peer->member;
            u->mac = peer->told = desired_mac(alb, peer);
            u->host_ip = peer->host_ip;
            u->peer_mac = peer->mac;
            u->peer_ip = peer->ip;
            u->vlan = peer->vlan;
            peer->update = false;
            alb->n_updates++;
        }
    }
    return n;
}

/* Returns when bond_alb_run() next has something to do, or LLONG_MAX. */
long long int
bond_alb_wake_time(const struct bond_alb *alb)
{
    long long int wake = LLONG_MAX;

    for (size_t i = 0; i < alb->n_peers; i++) {
        const struct bond_alb_peer *peer = &alb->peers[i];

        wake = MIN(wake, peer->last_seen + BOND_ALB_PEER_AGE);
        if (peer->update && is_unicast(peer->mac) && peer->member >= 0) {
            wake = MIN(wake, peer->update_at);
        }
    }
    return wake;
}

/* Returns a copy of 'alb''s peers and counters, which the caller frees
 * with bond_alb_report_destroy(). */
struct bond_alb_report *
bond_alb_report_create(const struct bond_alb *alb)
{
    struct bond_alb_report *r = xzalloc(sizeof *r);

    r->peers = xmemdup(alb->peers, alb->n_peers * sizeof *alb->peers);
    r->n_peers = alb->n_peers;
    r->n_members = alb->n_members;
    for (size_t i = 0; i < alb->n_peers; i++) {
        int member = alb->peers[i].member;
        if (member >= 0 && member < BOND_MAX_MEMBERS) {
            r->member_peers[member]++;
        }
    }
    r->n_assigned = alb->n_assigned;
    r->n_updates = alb->n_updates;
    r->n_evicted = alb->n_evicted;
    r->n_expired = alb->n_expired;
    return r;
}

void
bond_alb_report_destroy(struct bond_alb_report *r)
{
    if (r) {
        free(r->peers);
        free(r);
    }
}
