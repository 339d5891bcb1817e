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

/* The "bond" netdev class: glue between a datapath port and the member
 * netdevs that carry its traffic.
 *
 * Policy lives in pure modules: lib/bond-config.c parses the settings,
 * lib/bond-state.c runs the member link machines and picks the active
 * member, lib/bond-hash.c computes the transmit hashes, lib/lacp-fsm.c runs
 * 802.3ad, lib/bond-arpmon.c the ARP monitor and lib/bond-alb.c
 * balance-alb's table of peers.  This file owns the
 * member netdevs, moves packets, and runs timers from the poll loop.
 *
 * Threads.  Configuration (set_config), link monitoring (run) and receive
 * (rxq_recv, for this non-PMD class) run in the main thread.  'send' may be
 * called from any datapath thread at once; it takes no lock and reads only
 * the map that the main thread publishes with RCU.
 *
 * Lifetime.  A bond holds one reference to each member netdev.  'construct'
 * and 'destruct' run with the netdev library's global mutex held, so members
 * are opened in 'set_config' and closed after an RCU grace period. */

#include <config.h>
#include "netdev-bond.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "bond-alb.h"
#include "bond-arpmon.h"
#include "bond-config.h"
#include "bond-hash.h"
#include "bond-mcast.h"
#include "bond-state.h"
#include "csum.h"
#include "dp-packet.h"
#include "hash.h"
#include "latch.h"
#include "lacp-fsm.h"
#include "netdev-provider.h"
#include "netdev-vport.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/poll-loop.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "random.h"
#include "seq.h"
#include "smap.h"
#include "sset.h"
#include "svec.h"
#include "timeval.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(netdev_bond);

/* Most members a bond may have. */
#define BOND_MAX_MEMBERS 64

/* Source MACs that the bond has transmitted: for learning frames after a
 * failover and for balance-slb's reflection guard.  A fixed table that the
 * packet path overwrites without locks; an entry is a MAC and VLAN. */
#define BOND_LEARN_SIZE 1024
#define BOND_LEARN_AGE 300      /* Seconds an entry stays useful. */
#define BOND_INJECT_MAX 64      /* Frames waiting to be handed over. */
#define BOND_RELEARN_ROUNDS 4   /* Learning frames again after failover, */
#define BOND_RELEARN_FIRST 10   /* the first after this many ms, then at
                                 * doubling intervals. */

struct bond_learn_entry {
    atomic_uint64_t key;        /* MAC | VLAN << 48 | 1 << 63, or 0. */
    atomic_uint32_t epoch;      /* bonds_epoch when last seen. */
};

/* Addresses that the host behind the bond uses, learned from the ARP and
 * neighbour discovery frames that the bond transmits, for gratuitous ARPs
 * and unsolicited neighbour advertisements after a failover. */
#define BOND_MAX_HOST_ADDRS 16

struct bond_host_addr {
    bool ipv6;
    struct in6_addr ip;         /* IPv4-mapped for IPv4. */
    struct eth_addr mac;
    uint16_t vlan;
    uint32_t epoch;             /* bonds_epoch when last seen. */
};

/* A kernel network device that becomes a member keeps its own IP stack,
 * which would answer ARP requests for the host's addresses with the
 * member's MAC ("ARP flux": a peer that caches it loses the host when that
 * member fails) and accept the IPv4 that balance-alb's peers send to the
 * member's MAC, so that the host gets it twice.  The members of a Linux
 * bond do neither.  These settings make a member behave the same; the old
 * values come back when it leaves the bond.  "%s" is the member's name. */
static const char *const member_sysctls[][2] = {
    { "/proc/sys/net/ipv4/conf/%s/arp_ignore", "8" },   /* No ARP replies. */
    { "/proc/sys/net/ipv4/conf/%s/rp_filter", "1" },    /* Strict: IPv4 from
                                                         * peers that the
                                                         * routes send
                                                         * elsewhere is
                                                         * dropped. */
    { "/proc/sys/net/ipv6/conf/%s/disable_ipv6", "1" },
};
#define N_MEMBER_SYSCTLS ARRAY_SIZE(member_sysctls)

/* One member of a bond, as configured. */
struct bond_member {
    char *name;                 /* Netdev name. */
    char *type;                 /* Netdev type, e.g. "system". */
    struct netdev *netdev;      /* The open member, or NULL on error. */
    struct netdev_saved_flags *sf; /* Flags to restore on removal. */
    char *saved_sysctls[N_MEMBER_SYSCTLS]; /* Values to restore, or NULL
                                            * if unchanged. */
    char *error;                /* Why it could not be opened, or NULL. */
    bool retry;                 /* Its device is still open with another
                                 * type: opening it again may work. */
    struct eth_addr perm_mac;   /* Its MAC when it joined the bond. */
    bool mac_moved;             /* fail_over_mac follow changed its MAC. */
    atomic_uint64_t rx_dropped; /* Frames the receive rules dropped. */
    struct bond_arpmon_member arp; /* ARP monitor's times, under the
                                    * bond's 'mutex'. */
};

/* A host address, as balance-alb's receive path looks it up. */
struct bond_host4 {
    ovs_be32 ip;
    struct eth_addr mac;
};

/* The transmit thread (see "Transmit thread" below). */
#define BOND_TX_RING 1024       /* Packets; a power of 2. */
#define BOND_TX_QUIESCE 32      /* Batches between RCU quiescent states. */

struct bond_tx_thread {
    struct netdev_bond *dev;
    pthread_t thread;
    struct latch latch;         /* Wakes the thread. */
    atomic_bool sleeping;       /* Idle with an empty ring, or about to. */
    atomic_bool exit;
    struct ovs_mutex producer_mutex;  /* For 'concurrent_txq' senders. */
    atomic_uint32_t head;       /* Taken off and sent, by the thread. */
    atomic_uint32_t tail;       /* Put on, by the sender. */
    struct dp_packet *ring[BOND_TX_RING];

    /* Statistics. */
    atomic_uint64_t n_queued;   /* Packets put on the ring. */
    atomic_uint64_t n_direct;   /* Packets the sender sent itself. */
    atomic_uint64_t n_full;     /* Packets dropped: ring full. */
    atomic_uint64_t n_wakeups;  /* Times the sender woke the thread. */
};

/* What the packet path reads.  Immutable once published. */
struct bond_map {
    enum bond_mode mode;
    enum bond_xmit_policy policy;
    uint32_t hash_basis;
    int packets_per_member;
    bool all_members_active;
    bool arp_monitor;           /* Received frames feed the ARP monitor. */
    bool tlb_dynamic;           /* TLB/ALB: buckets placed by load. */

    struct netdev *active;      /* Active member, or NULL. */
    int active_tx;              /* Index of 'active' in 'tx', or -1. */
    size_t n_tx;                /* Members that may transmit, in order. */
    struct netdev *tx[BOND_MAX_MEMBERS];
    struct eth_addr tx_mac[BOND_MAX_MEMBERS];   /* Their own MACs. */
    int slot_tx[BOND_MAX_MEMBERS];  /* Index in 'tx' of each configured
                                     * member (dev->members), or -1. */
    size_t n_members;           /* All open members. */
    struct netdev *members[BOND_MAX_MEMBERS];
    struct bond_member *mstate[BOND_MAX_MEMBERS];
    struct eth_addr macs[BOND_MAX_MEMBERS];     /* Their own MACs. */
    bool enabled[BOND_MAX_MEMBERS];
    uint8_t buckets[BOND_HASH_BUCKETS]; /* Bucket -> tx index. */

    /* fail_over_mac active: what the host sends leaves from the active
     * member's MAC, and what arrives for that MAC goes to the host. */
    bool fom_active;
    struct eth_addr active_mac;

    /* balance-alb and fail_over_mac active: the host's IPv4 addresses when
     * this map was made. */
    size_t n_hosts;
    struct bond_host4 hosts[BOND_MAX_HOST_ADDRS];

    /* The bond's transmit thread, if it is to send busy bursts, and the
     * smallest burst that wakes it. */
    struct bond_tx_thread *txt;
    size_t tx_burst;
};

struct netdev_bond {
    struct netdev up;

    /* In 'all_bonds', protected by 'bonds_mutex'. */
    struct ovs_list list_node;

    struct ovs_mutex mutex;

    /* Configuration and state, main thread, guarded by 'mutex'. */
    struct bond_member *members OVS_GUARDED; /* In configuration order. */
    size_t n_members OVS_GUARDED;
    struct bond_settings settings OVS_GUARDED;
    struct bond_state state OVS_GUARDED; /* Link and active-member state;
                                          * state.members[i] is members[i]. */
    struct eth_addr hwaddr OVS_GUARDED;  /* The bond's MAC. */
    bool hwaddr_set OVS_GUARDED;         /* True if set_etheraddr was used. */
    int mtu OVS_GUARDED;                 /* 0 if never set. */
    enum netdev_flags flags OVS_GUARDED;
    bool carrier OVS_GUARDED;            /* min_links members usable. */
    long long int carrier_resets OVS_GUARDED;
    bool restore_pending OVS_GUARDED;    /* Restore active from its MAC. */

    /* balance-slb and balance-tcp: bucket -> index among the members that
     * may transmit, as bond/migrate and rebalancing leave it. */
    uint8_t buckets[BOND_HASH_BUCKETS] OVS_GUARDED;
    bool buckets_valid OVS_GUARDED;
    uint64_t bucket_seen[BOND_HASH_BUCKETS] OVS_GUARDED; /* Bytes at last
                                                          * rebalance. */
    long long int next_rebalance OVS_GUARDED;

    /* 802.1AX, when the bond runs LACP, else NULL.  The packet path never
     * touches it: received PDUs are handed over under 'mutex'. */
    struct lacp_fsm *lacp OVS_GUARDED;

    /* ARP and NS monitor, when settings.arp_interval is nonzero. */
    long long int arp_next OVS_GUARDED;  /* Next probe round. */
    struct eth_addr arp_own[BOND_MAX_MEMBERS + 1] OVS_GUARDED; /* MACs our
                                                                * probes came
                                                                * from. */
    size_t n_arp_own OVS_GUARDED;

    /* Peer notification after a failover. */
    int notify_left OVS_GUARDED;         /* Rounds still to send. */
    long long int notify_next OVS_GUARDED; /* When to send the next. */
    uint16_t notify_serial OVS_GUARDED;  /* Varies each round's learning
                                          * frame destination. */
    int relearn_left OVS_GUARDED;        /* Learning frames still to send. */
    long long int relearn_next OVS_GUARDED; /* When to send them. */
    int query_left OVS_GUARDED;          /* Rounds of multicast queries. */
    long long int query_next OVS_GUARDED; /* When to hand over the next. */

    /* balance-tlb and balance-alb. */
    long long int lp_next OVS_GUARDED;   /* Next learning frames. */
    uint64_t map_addr_gen OVS_GUARDED;   /* 'addr_gen' when the map was
                                          * made. */
    struct ovs_mutex alb_mutex;          /* Taken after 'mutex'; the packet
                                          * path takes it for ARP frames. */
    struct bond_alb *alb OVS_GUARDED_BY(alb_mutex); /* balance-alb, else
                                                     * NULL. */

    /* Read by the packet path. */
    OVSRCU_TYPE(struct bond_map *) map;

    /* Written by the packet path. */
    atomic_uint64_t tx_dropped;  /* Sent while no member was usable. */
    atomic_uint64_t rr_counter;  /* balance-rr position. */
    atomic_uint64_t bucket_bytes[BOND_HASH_BUCKETS]; /* SLB/TCP load. */
    struct bond_learn_entry learn[BOND_LEARN_SIZE];

    /* Host addresses; the packet path only try-locks 'addr_mutex', and
     * only for ARP and neighbour discovery frames. */
    struct ovs_mutex addr_mutex;
    struct bond_host_addr addrs[BOND_MAX_HOST_ADDRS]
        OVS_GUARDED_BY(addr_mutex);
    size_t n_addrs OVS_GUARDED_BY(addr_mutex);
    uint64_t addr_gen OVS_GUARDED_BY(addr_mutex); /* Changes with an
                                                   * address or its MAC. */

    /* Frames that the bond itself hands to the bridge as received (the
     * multicast queries after a failover).  rxq_recv reads 'inject_pending'
     * and takes 'inject_mutex' only when it is true. */
    struct ovs_mutex inject_mutex;
    struct dp_packet *inject[BOND_INJECT_MAX] OVS_GUARDED_BY(inject_mutex);
    size_t n_inject OVS_GUARDED_BY(inject_mutex);
    atomic_bool inject_pending;

    /* Transmit thread, started the first time a map uses it, stopped with
     * the bond.  Main thread. */
    struct bond_tx_thread *txt;
};

struct netdev_rxq_bond {
    struct netdev_rxq up;
    struct netdev_rxq **rxqs;   /* One per member that has one. */
    size_t n_rxqs;
    size_t next;                /* Member rxq to poll first. */
    unsigned int polls;         /* Calls to rxq_recv, for backup polls. */
};

/* In modes with an active member, whatever arrives on the other members is
 * dropped: they are drained only on every BOND_BACKUP_POLL'th poll, which
 * saves a system call per poll on each of them. */
#define BOND_BACKUP_POLL 8

static struct ovs_mutex bonds_mutex = OVS_MUTEX_INITIALIZER;
static struct ovs_list all_bonds OVS_GUARDED_BY(bonds_mutex)
    = OVS_LIST_INITIALIZER(&all_bonds);

/* connectivity_seq_get()'s value when netdev_bond_run() last looked at the
 * members, and the earliest timer of any bond then.  Main thread only. */
static uint64_t bonds_seq;
static long long int bonds_wake = LLONG_MAX;

/* Seconds, for the learning table's ages; advanced by the main thread. */
static atomic_uint32_t bonds_epoch;

static const struct netdev_class bond_class;

/* fail_over_mac active: the hosts speak with the active member's MAC. */
static bool
bond_fom_active(const struct bond_settings *s)
{
    return (s->mode == BOND_MODE_ACTIVE_BACKUP
            && s->fail_over_mac == BOND_FOM_ACTIVE);
}

/* Whether the receive path needs the host's addresses: balance-alb and
 * fail_over_mac active hand frames for a member's MAC to the host. */
static bool
bond_uses_host_addrs(const struct bond_settings *s)
{
    return s->mode == BOND_MODE_BALANCE_ALB || bond_fom_active(s);
}

static void bond_update(struct netdev_bond *, long long int now)
    OVS_REQUIRES(dev->mutex);
static void bond_publish_map(struct netdev_bond *) OVS_REQUIRES(dev->mutex);
static void bond_member_close(struct bond_member *);
static void bond_member_restore_mac(struct bond_member *);
static struct bond_tx_thread *bond_tx_thread_start(struct netdev_bond *);
static void bond_tx_thread_stop(struct bond_tx_thread *);
static bool bond_wants_tx_thread(const struct netdev_bond *)
    OVS_REQUIRES(dev->mutex);
static void bond_notify_peers(struct netdev_bond *)
    OVS_REQUIRES(dev->mutex);
static void bond_start_notify(struct netdev_bond *, long long int now)
    OVS_REQUIRES(dev->mutex);
static void bond_refresh_hosts(struct netdev_bond *)
    OVS_REQUIRES(dev->mutex);
static void bond_rebalance(struct netdev_bond *, long long int now)
    OVS_REQUIRES(dev->mutex);
static void bond_configure_lacp(struct netdev_bond *, long long int now)
    OVS_REQUIRES(dev->mutex);
static bool bond_arp_active_role(const struct netdev_bond *, size_t idx)
    OVS_REQUIRES(dev->mutex);
static bool bond_arp_view(const struct netdev_bond *, size_t idx,
                          long long int now, long long int *age)
    OVS_REQUIRES(dev->mutex);
static void bond_configure_arp(struct netdev_bond *,
                               const struct bond_settings *old,
                               long long int now)
    OVS_REQUIRES(dev->mutex);
static void bond_arp_run(struct netdev_bond *, long long int now)
    OVS_REQUIRES(dev->mutex);
static void bond_configure_alb(struct netdev_bond *) OVS_REQUIRES(dev->mutex);
static void bond_tlb_run(struct netdev_bond *, long long int now)
    OVS_REQUIRES(dev->mutex);
static void send_queue(struct netdev *, struct dp_packet_batch *,
                       struct dp_packet *);
static void send_flush(struct netdev *, struct dp_packet_batch *);

static bool
is_bond_class(const struct netdev_class *class)
{
    return class->construct == bond_class.construct;
}

static struct netdev_bond *
netdev_bond_cast(const struct netdev *netdev)
{
    ovs_assert(is_bond_class(netdev_get_class(netdev)));
    return CONTAINER_OF(netdev, struct netdev_bond, up);
}

static struct netdev_rxq_bond *
netdev_rxq_bond_cast(const struct netdev_rxq *rx)
{
    ovs_assert(is_bond_class(netdev_get_class(rx->netdev)));
    return CONTAINER_OF(rx, struct netdev_rxq_bond, up);
}

/* Public functions. */

/* Registers the "bond" netdev class.  Call once, before anything opens a
 * netdev of type "bond". */
void
netdev_bond_register(void)
{
    netdev_register_provider(&bond_class);
}

/* Returns true if 'netdev' is a bond. */
bool
netdev_bond_is_bond(const struct netdev *netdev)
{
    return is_bond_class(netdev_get_class(netdev));
}

static struct bond_member *
bond_find_member(const struct netdev_bond *dev, const char *name)
    OVS_REQUIRES(dev->mutex)
{
    for (size_t i = 0; i < dev->n_members; i++) {
        /* set_config() clears the names of members it has taken over. */
        if (dev->members[i].name && !strcmp(dev->members[i].name, name)) {
            return &dev->members[i];
        }
    }
    return NULL;
}

/* Returns a new reference to the netdev of member 'name' of bond 'netdev'
 * (the caller must netdev_close() it), or NULL if there is no such member
 * or it could not be opened. */
struct netdev *
netdev_bond_ref_member(const struct netdev *netdev, const char *name)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    struct netdev *member = NULL;

    ovs_mutex_lock(&dev->mutex);
    struct bond_member *m = bond_find_member(dev, name);
    if (m && m->netdev) {
        member = netdev_ref(m->netdev);
    }
    ovs_mutex_unlock(&dev->mutex);
    return member;
}

/* Returns a copy of the reason why member 'name' of bond 'netdev' could not
 * be opened (the caller must free it), or NULL if it is fine. */
char *
netdev_bond_get_member_error(const struct netdev *netdev, const char *name)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    char *error = NULL;

    ovs_mutex_lock(&dev->mutex);
    struct bond_member *m = bond_find_member(dev, name);
    if (m && m->error) {
        error = xstrdup(m->error);
    }
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

/* Returns true if a member of bond 'netdev' could not be opened for a reason
 * that passes (its device is still open with another type), so that
 * configuring the bond again soon, with the same settings, may open it. */
bool
netdev_bond_needs_retry(const struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    bool retry = false;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members && !retry; i++) {
        retry = dev->members[i].retry;
    }
    ovs_mutex_unlock(&dev->mutex);
    return retry;
}

/* Adds the status of member 'name' of bond 'netdev' to 'smap' (bond_role,
 * bond_member_state, bond_link_state, bond_link_failures).  Returns false
 * if 'name' is not a member. */
bool
netdev_bond_get_member_status(const struct netdev *netdev, const char *name,
                              struct smap *smap)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    bool found = false;

    ovs_mutex_lock(&dev->mutex);
    int idx = bond_state_find(&dev->state, name);
    if (idx >= 0) {
        const struct bond_state_member *m = &dev->state.members[idx];

        smap_add(smap, "bond_role",
                 idx == dev->state.active ? "active" : "backup");
        smap_add(smap, "bond_member_state",
                 m->enabled ? "enabled" : "disabled");
        smap_add(smap, "bond_link_state", bond_state_link_name(m->link));
        smap_add_format(smap, "bond_link_failures", "%u", m->link_failures);
        if (dev->settings.arp_interval) {
            long long int age;
            bool alive = bond_arp_view(dev, idx, time_msec(), &age);

            smap_add(smap, "bond_arp_state", alive ? "up" : "down");
            smap_add_format(smap, "bond_arp_proof_age_ms", "%lld", age);
        }
        if (dev->lacp) {
            struct lacp_fsm_port_report r;
            struct ds ds = DS_EMPTY_INITIALIZER;

            lacp_fsm_port_report(dev->lacp, idx, &r);
            smap_add(smap, "lacp_rx_state", lacp_fsm_rx_name(r.rx));
            smap_add(smap, "lacp_mux_state", lacp_fsm_mux_name(r.mux));
            smap_add_format(smap, "lacp_aggregator_id", "%d", r.aggregator);
            lacp_fsm_format_state(&ds, r.actor.state);
            smap_add_format(smap, "lacp_actor_state", "%u:%s",
                            r.actor.state, ds_cstr(&ds));
            ds_clear(&ds);
            lacp_fsm_format_state(&ds, r.partner.state);
            smap_add_format(smap, "lacp_partner_state", "%u:%s",
                            r.partner.state, ds_cstr(&ds));
            smap_add_format(smap, "lacp_partner_system", ETH_ADDR_FMT,
                            ETH_ADDR_ARGS(r.partner.sys_id));
            ds_destroy(&ds);
        }
        found = true;
    }
    ovs_mutex_unlock(&dev->mutex);
    return found;
}

/* Stores in '*resets' how many times bond 'netdev' has seen the carrier of
 * its member 'name' change, and returns true; returns false if 'name' is
 * not a member. */
bool
netdev_bond_get_member_resets(const struct netdev *netdev, const char *name,
                              long long int *resets)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    int idx = bond_state_find(&dev->state, name);
    if (idx >= 0) {
        *resets = dev->state.members[idx].carrier_resets;
    }
    ovs_mutex_unlock(&dev->mutex);
    return idx >= 0;
}

/* Returns a copy of the name of the active member of bond 'netdev' (the
 * caller must free it), or NULL if no member is active. */
char *
netdev_bond_get_active_member(const struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    const char *name = bond_state_active_name(&dev->state);
    char *copy = name ? xstrdup(name) : NULL;
    ovs_mutex_unlock(&dev->mutex);
    return copy;
}

/* If bond 'netdev' runs LACP, stores in '*current' whether member
 * 'name''s partner information is current (Interface lacp_current) and
 * returns true; otherwise returns false. */
bool
netdev_bond_get_member_lacp(const struct netdev *netdev, const char *name,
                            bool *current)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    bool found = false;

    ovs_mutex_lock(&dev->mutex);
    int idx = bond_state_find(&dev->state, name);
    if (dev->lacp && idx >= 0) {
        *current = lacp_fsm_port_is_current(dev->lacp, idx);
        found = true;
    }
    ovs_mutex_unlock(&dev->mutex);
    return found;
}

/* Returns the bond named 'name' with its mutex taken, or NULL.  The caller
 * must unlock it. */
static struct netdev_bond *
bond_lookup_locked(const char *name)
    OVS_ACQUIRES(dev->mutex)
{
    struct netdev_bond *dev, *found = NULL;

    ovs_mutex_lock(&bonds_mutex);
    LIST_FOR_EACH (dev, list_node, &all_bonds) {
        if (!strcmp(netdev_get_name(&dev->up), name)) {
            found = dev;
            ovs_mutex_lock(&found->mutex);
            break;
        }
    }
    ovs_mutex_unlock(&bonds_mutex);
    return found;
}

/* Adds the names of all bonds to 'names'. */
void
netdev_bond_names(struct svec *names)
{
    struct netdev_bond *dev;

    ovs_mutex_lock(&bonds_mutex);
    LIST_FOR_EACH (dev, list_node, &all_bonds) {
        svec_add(names, netdev_get_name(&dev->up));
    }
    ovs_mutex_unlock(&bonds_mutex);
}

/* Fills 'r' with a snapshot of the bond named 'name'.  Returns false if
 * there is no such bond.  The caller must netdev_bond_report_destroy(). */
bool
netdev_bond_report(const char *name, struct netdev_bond_report *r)
{
    struct netdev_bond *dev = bond_lookup_locked(name);
    long long int now = time_msec();

    memset(r, 0, sizeof *r);
    if (!dev) {
        return false;
    }

    r->name = xstrdup(name);
    bond_config_clone(&r->settings, &dev->settings);
    r->carrier = dev->carrier;
    r->tx_thread
        = ovsrcu_get_protected(struct bond_map *, &dev->map)->txt != NULL;
    if (dev->txt) {
        atomic_read_relaxed(&dev->txt->n_queued, &r->tx_queued);
        atomic_read_relaxed(&dev->txt->n_direct, &r->tx_direct);
        atomic_read_relaxed(&dev->txt->n_full, &r->tx_full);
        atomic_read_relaxed(&dev->txt->n_wakeups, &r->tx_wakeups);
    }
    r->active = dev->state.active;
    r->n_members = dev->n_members;
    r->members = xcalloc(dev->n_members, sizeof *r->members);
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member *m = &dev->members[i];
        const struct bond_state_member *sm = &dev->state.members[i];
        struct netdev_bond_report_member *rm = &r->members[i];
        enum netdev_features current;

        rm->name = xstrdup(m->name);
        rm->error = nullable_xstrdup(m->error);
        rm->link = sm->link;
        rm->delay_left = ((sm->link == BOND_LINK_FAIL
                           || sm->link == BOND_LINK_BACK)
                          ? MAX(sm->delay_expires - now, 0) : -1);
        rm->enabled = sm->enabled;
        rm->admin_enabled = sm->admin_enabled;
        rm->active = (int) i == dev->state.active;
        rm->link_failures = sm->link_failures;
        rm->speed = sm->speed;
        rm->duplex = -1;
        if (dev->settings.arp_interval) {
            rm->arp_alive = bond_arp_view(dev, i, now, &rm->arp_proof_age);
        }
        memset(&rm->stats, 0, sizeof rm->stats);
        atomic_read_relaxed(&m->rx_dropped, &rm->rx_dropped);
        if (m->netdev) {
            netdev_get_stats(m->netdev, &rm->stats);
            netdev_get_etheraddr(m->netdev, &rm->mac);
            if (!netdev_get_features(m->netdev, &current, NULL, NULL,
                                     NULL) && rm->speed) {
                rm->duplex = netdev_features_is_full_duplex(current);
            }
        }
    }
    if (dev->lacp) {
        r->lacp = true;
        r->lacp_settings = *lacp_fsm_get_settings(dev->lacp);
        r->lacp_negotiated = lacp_fsm_negotiated(dev->lacp);
        lacp_fsm_agg_report(dev->lacp, &r->lacp_agg);
        for (size_t i = 0; i < dev->n_members; i++) {
            lacp_fsm_port_report(dev->lacp, i, &r->members[i].lacp);
        }
    }
    r->now = now;
    ovs_mutex_lock(&dev->alb_mutex);
    r->alb = dev->alb ? xmemdup(dev->alb, sizeof *dev->alb) : NULL;
    ovs_mutex_unlock(&dev->alb_mutex);
    memcpy(r->buckets, dev->buckets, sizeof r->buckets);
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        atomic_read_relaxed(&dev->bucket_bytes[i], &r->bucket_bytes[i]);
    }
    ovs_mutex_unlock(&dev->mutex);
    return true;
}

void
netdev_bond_report_destroy(struct netdev_bond_report *r)
{
    if (r) {
        for (size_t i = 0; i < r->n_members; i++) {
            free(r->members[i].name);
            free(r->members[i].error);
        }
        free(r->members);
        free(r->name);
        free(r->alb);
        bond_config_destroy(&r->settings);
    }
}

/* bond/set-active-member: makes 'member' the active member of 'bond'.
 * Returns NULL if successful, else a static message (Open vSwitch's
 * replies). */
const char *
netdev_bond_set_active(const char *bond, const char *member)
{
    struct netdev_bond *dev = bond_lookup_locked(bond);
    const char *error;

    if (!dev) {
        return "no such bond";
    }
    int idx = bond_state_find(&dev->state, member);
    if (idx < 0) {
        error = "no such member";
    } else {
        int old = dev->state.active;
        error = bond_state_set_active(&dev->state, idx);
        if (!error) {
            VLOG_INFO("%s: active member set to %s by bond/set-active-member",
                      bond, member);
            if (old >= 0 && dev->settings.num_grat_arp) {
                bond_start_notify(dev, time_msec());
                poll_immediate_wake();
            }
            bond_publish_map(dev);
            netdev_change_seq_changed(&dev->up);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

/* bond/enable-member, bond/disable-member.  Returns NULL if successful,
 * else a static message. */
const char *
netdev_bond_set_enabled(const char *bond, const char *member, bool enable)
{
    struct netdev_bond *dev = bond_lookup_locked(bond);
    const char *error = NULL;

    if (!dev) {
        return "no such bond";
    }
    int idx = bond_state_find(&dev->state, member);
    if (idx < 0) {
        error = "no such member";
    } else if (bond_state_set_admin(&dev->state, idx, enable)) {
        VLOG_INFO("%s: member %s %s by bond/%s-member", bond, member,
                  enable ? "enabled" : "disabled",
                  enable ? "enable" : "disable");
        bond_update(dev, time_msec());
    }
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

/* bond/migrate: moves hash bucket 'hash' of balance-slb or balance-tcp bond
 * 'bond' to 'member'.  Returns NULL if successful, else a static message. */
const char *
netdev_bond_migrate(const char *bond, unsigned int hash, const char *member)
{
    struct netdev_bond *dev = bond_lookup_locked(bond);
    const char *error = NULL;

    if (!dev) {
        return "no such bond";
    }
    int idx = bond_state_find(&dev->state, member);
    if (dev->settings.mode != BOND_MODE_BALANCE_SLB
        && dev->settings.mode != BOND_MODE_BALANCE_TCP) {
        error = "not an SLB bond";
    } else if (hash >= BOND_HASH_BUCKETS) {
        error = "bad hash";
    } else if (idx < 0) {
        error = "no such member";
    } else if (!dev->state.members[idx].enabled) {
        error = "cannot migrate to disabled member";
    } else {
        /* Buckets hold an index among the members that may transmit. */
        size_t tx = 0;
        for (int i = 0; i < idx; i++) {
            tx += dev->state.members[i].enabled;
        }
        dev->buckets[hash] = tx;
        bond_publish_map(dev);
    }
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

/* Class functions. */

/* Polls every member of every bond for link changes and runs the bonds'
 * timers. */
static void
netdev_bond_run(const struct netdev_class *class OVS_UNUSED)
{
    long long int now = time_msec();
    struct netdev_bond *dev;

    atomic_store_relaxed(&bonds_epoch, now / 1000);

    /* Every change that concerns a bond bumps the connectivity sequence
     * (member carrier, configuration, commands); everything else is a
     * timer.  netdev_run() calls this on every pass of the main loop, most
     * of which are for packets: skip those. */
    uint64_t seq = seq_read(connectivity_seq_get());
    if (seq == bonds_seq && now < bonds_wake) {
        return;
    }
    bonds_seq = seq;
    bonds_wake = LLONG_MAX;
    ovs_mutex_lock(&bonds_mutex);
    LIST_FOR_EACH (dev, list_node, &all_bonds) {
        ovs_mutex_lock(&dev->mutex);
        bond_arp_run(dev, now);
        bond_update(dev, now);
        bond_notify_peers(dev);
        bond_rebalance(dev, now);
        bond_refresh_hosts(dev);
        bond_tlb_run(dev, now);
        bonds_wake = MIN(bonds_wake, bond_state_wake_time(&dev->state));
        if (dev->lacp) {
            bonds_wake = MIN(bonds_wake, lacp_fsm_wake_time(dev->lacp));
        }
        bonds_wake = MIN(bonds_wake, dev->arp_next);
        if (dev->next_rebalance != LLONG_MAX) {
            bonds_wake = MIN(bonds_wake, dev->next_rebalance);
        }
        if (dev->settings.detect_mode == BOND_DETECT_MIIMON) {
            /* Carrier changes that the member reports wake us at once; the
             * miimon interval bounds the delay for those it does not. */
            bonds_wake = MIN(bonds_wake,
                             now + dev->settings.miimon_interval);
        }
        if (dev->notify_left > 0) {
            bonds_wake = MIN(bonds_wake, dev->notify_next);
        }
        if (dev->relearn_left > 0) {
            bonds_wake = MIN(bonds_wake, dev->relearn_next);
        }
        if (dev->query_left > 0) {
            bonds_wake = MIN(bonds_wake, dev->query_next);
        }
        bonds_wake = MIN(bonds_wake, dev->lp_next);
        if (bond_uses_host_addrs(&dev->settings)) {
            /* The packet path adds peers, updates and host addresses
             * without waking us: look ten times a second, as Linux looks
             * at its table of peers. */
            bonds_wake = MIN(bonds_wake, now + 100);
        }
        ovs_mutex_unlock(&dev->mutex);
    }
    ovs_mutex_unlock(&bonds_mutex);
}

/* Wakes up when a member's link changes (that bumps the connectivity
 * sequence) or when a bond timer expires. */
static void
netdev_bond_wait(const struct netdev_class *class OVS_UNUSED)
{
    seq_wait(connectivity_seq_get(), bonds_seq);
    if (bonds_wake != LLONG_MAX) {
        poll_timer_wait_until(bonds_wake);
    }
}

static struct netdev *
netdev_bond_alloc(void)
{
    struct netdev_bond *dev = xzalloc(sizeof *dev);
    return &dev->up;
}

static int
netdev_bond_construct(struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_init(&dev->mutex);
    ovs_mutex_init(&dev->addr_mutex);
    ovs_mutex_init(&dev->alb_mutex);
    dev->alb = NULL;
    dev->lp_next = LLONG_MAX;
    dev->map_addr_gen = 0;
    dev->addr_gen = 0;
    dev->n_addrs = 0;
    dev->members = NULL;
    dev->n_members = 0;
    bond_config_init(&dev->settings);
    bond_state_init(&dev->state);
    dev->hwaddr = eth_addr_zero;
    dev->hwaddr_set = false;
    dev->mtu = 0;
    dev->flags = NETDEV_UP;
    dev->carrier = false;
    dev->carrier_resets = 0;
    dev->notify_left = 0;
    dev->relearn_left = 0;
    dev->query_left = 0;
    ovs_mutex_init(&dev->inject_mutex);
    dev->n_inject = 0;
    atomic_init(&dev->inject_pending, false);
    dev->notify_serial = random_uint32();
    dev->lacp = NULL;
    dev->arp_next = LLONG_MAX;
    dev->n_arp_own = 0;
    ovsrcu_set_hidden(&dev->map, xzalloc(sizeof(struct bond_map)));
    atomic_init(&dev->tx_dropped, 0);
    atomic_init(&dev->rr_counter, 0);
    for (size_t i = 0; i < BOND_LEARN_SIZE; i++) {
        atomic_init(&dev->learn[i].key, 0);
        atomic_init(&dev->learn[i].epoch, 0);
    }
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        atomic_init(&dev->bucket_bytes[i], 0);
    }
    dev->buckets_valid = false;
    dev->next_rebalance = LLONG_MAX;
    dev->txt = NULL;

    ovs_mutex_lock(&bonds_mutex);
    ovs_list_push_back(&all_bonds, &dev->list_node);
    ovs_mutex_unlock(&bonds_mutex);
    return 0;
}

/* Closes the members in 'members', an array terminated by a member with a
 * null name, then frees it.  Runs after an RCU grace period, outside the
 * netdev library's global mutex. */
static void
bond_members_close_deferred(struct bond_member *members)
{
    for (struct bond_member *m = members; m->name; m++) {
        bond_member_close(m);
    }
    free(members);
}

/* Frees 'members' after an RCU grace period: the packet path may still see
 * their counters through the old map. */
static void
bond_members_free_deferred(struct bond_member *members)
{
    free(members);
}

static void
netdev_bond_destruct(struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&bonds_mutex);
    ovs_list_remove(&dev->list_node);
    ovs_mutex_unlock(&bonds_mutex);
    bond_tx_thread_stop(dev->txt);

    /* netdev_mutex is held here: members are closed later, but get their
     * own MACs back now, before another bond or port can take them. */
    for (size_t i = 0; i < dev->n_members; i++) {
        bond_member_restore_mac(&dev->members[i]);
    }
    struct bond_member *members = xcalloc(dev->n_members + 1,
                                          sizeof *members);
    if (dev->n_members) {
        memcpy(members, dev->members, dev->n_members * sizeof *members);
    }
    ovsrcu_postpone(bond_members_close_deferred, members);
    ovsrcu_postpone(bond_members_free_deferred, dev->members);

    ovsrcu_postpone(free, ovsrcu_get_protected(struct bond_map *, &dev->map));
    bond_state_destroy(&dev->state);
    lacp_fsm_destroy(dev->lacp);
    bond_config_destroy(&dev->settings);
    free(dev->alb);
    for (size_t i = 0; i < dev->n_inject; i++) {
        dp_packet_delete(dev->inject[i]);
    }
    ovs_mutex_destroy(&dev->inject_mutex);
    ovs_mutex_destroy(&dev->alb_mutex);
    ovs_mutex_destroy(&dev->addr_mutex);
    ovs_mutex_destroy(&dev->mutex);
}

static void
netdev_bond_dealloc(struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    free(dev);
}

static int
netdev_bond_get_config(const struct netdev *netdev, struct smap *args)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    struct ds ds = DS_EMPTY_INITIALIZER;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member *m = &dev->members[i];
        ds_put_format(&ds, "%s%s:%s", i ? "," : "", m->name, m->type);
    }
    smap_add(args, "bond-mode", bond_config_mode_name(dev->settings.mode));
    ovs_mutex_unlock(&dev->mutex);

    smap_add(args, "members", ds_cstr(&ds));
    ds_destroy(&ds);
    return 0;
}

/* Parses 'spec', "NAME[:TYPE],...", into 'names' and 'types'.  Returns NULL
 * if successful, otherwise a malloc'd error message. */
static char * OVS_WARN_UNUSED_RESULT
parse_members(const char *spec, struct svec *names, struct svec *types)
{
    char *copy = xstrdup(spec);
    char *save_ptr = NULL;
    char *error = NULL;

    for (char *token = strtok_r(copy, ", ", &save_ptr); token;
         token = strtok_r(NULL, ", ", &save_ptr)) {
        char *colon = strchr(token, ':');
        const char *type = "system";

        if (colon) {
            *colon = '\0';
            type = colon + 1;
        }
        if (!token[0] || !type[0]) {
            error = xasprintf("bad member \"%s\" in members=%s "
                              "(expected NAME[:TYPE])", token, spec);
            break;
        }
        if (svec_contains_unsorted(names, token)) {
            error = xasprintf("member %s listed twice in members=%s",
                              token, spec);
            break;
        }
        svec_add(names, token);
        svec_add(types, type);
    }
    free(copy);
    return error;
}

/* Reads the first line of 'path' into a malloc'd string, or returns NULL. */
static char *
read_line(const char *path)
{
    char buf[64];
    FILE *f = fopen(path, "r");
    char *line = NULL;

    if (f) {
        if (fgets(buf, sizeof buf, f)) {
            buf[strcspn(buf, "\n")] = '\0';
            line = xstrdup(buf);
        }
        fclose(f);
    }
    return line;
}

static bool
write_line(const char *path, const char *value)
{
    FILE *f = fopen(path, "w");
    bool ok = f && fprintf(f, "%s\n", value) > 0;

    if (f && fclose(f)) {
        ok = false;
    }
    return ok;
}

/* Makes the kernel's IP stack leave member 'm' alone (see member_sysctls),
 * saving what it changes. */
static void
bond_member_isolate(const char *bond_name, struct bond_member *m)
{
    if (strcmp(m->type, "system") || strchr(m->name, '/')
        || m->name[0] == '.') {
        return;
    }
    for (size_t i = 0; i < N_MEMBER_SYSCTLS; i++) {
        char *path = xasprintf(member_sysctls[i][0], m->name);
        char *old = read_line(path);

        if (old && strcmp(old, member_sysctls[i][1])) {
            if (write_line(path, member_sysctls[i][1])) {
                VLOG_DBG("%s: %s set to %s (was %s)", bond_name, path,
                         member_sysctls[i][1], old);
                m->saved_sysctls[i] = old;
                old = NULL;
            } else {
                static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
                VLOG_WARN_RL(&rl, "%s: could not set %s to %s (%s): member "
                             "%s may answer ARP for the host's addresses",
                             bond_name, path, member_sysctls[i][1],
                             ovs_strerror(errno), m->name);
            }
        }
        free(old);
        free(path);
    }
}

/* Restores what bond_member_isolate() changed on 'm'. */
static void
bond_member_unisolate(struct bond_member *m)
{
    for (size_t i = 0; i < N_MEMBER_SYSCTLS; i++) {
        if (m->saved_sysctls[i]) {
            char *path = xasprintf(member_sysctls[i][0], m->name);
            write_line(path, m->saved_sysctls[i]);
            free(path);
            free(m->saved_sysctls[i]);
            m->saved_sysctls[i] = NULL;
        }
    }
}

/* A bond sends and receives on its members itself, so a member must be a
 * device that does: returns NULL if 'netdev' can, else a malloc'd message
 * saying why member 'name' of bond 'bond_name' cannot be.  A patch port has
 * no datapath of its own (Open vSwitch resolves it while translating a
 * flow) and a tunnel port's packets are pushed and popped by datapath
 * actions, so neither can. */
static char *
bond_member_check_io(const char *bond_name, const char *name,
                     const struct netdev *netdev)
{
    const struct netdev_class *class = netdev->netdev_class;
    const char *type = netdev_get_type(netdev);

    if (class->send && class->rxq_alloc && class->rxq_recv) {
        return NULL;
    } else if (netdev_vport_is_patch(netdev)) {
        return xasprintf("%s: a patch port cannot be a member of bond %s "
                         "(it has no datapath of its own: packets cross it "
                         "during flow translation)", name, bond_name);
    } else if (netdev_get_tunnel_config(netdev)) {
        return xasprintf("%s: a %s tunnel port cannot be a member of bond "
                         "%s (its packets are encapsulated and decapsulated "
                         "by datapath actions; bond the underlay ports "
                         "instead)", name, type, bond_name);
    } else {
        return xasprintf("%s: an interface of type %s cannot be a member "
                         "of bond %s (it cannot send and receive packets "
                         "itself)", name, type, bond_name);
    }
}

/* Opens member 'm' for the bond named 'bond_name'.  On failure records the
 * reason in 'm->error'. */
static void
bond_member_open(const char *bond_name, struct bond_member *m)
{
    struct netdev *netdev;
    int error;

    free(m->error);
    m->error = NULL;
    atomic_init(&m->rx_dropped, 0);

    if (!strcmp(m->type, "bond")) {
        m->error = xasprintf("%s: a bond cannot be a member of bond %s",
                             m->name, bond_name);
        return;
    }
    error = netdev_open(m->name, m->type, &netdev);
    m->retry = error == EEXIST;
    if (m->retry) {
        /* A type change: the device of the old type is closed once no
         * packet path can see it any more. */
        m->error = xasprintf("%s: waiting for the %s device of the old "
                             "type to close before opening it as %s",
                             m->name, m->name, m->type);
        return;
    } else if (error) {
        m->error = xasprintf("%s: could not open network device %s "
                             "as member of bond %s (%s)", m->name, m->name,
                             bond_name, ovs_strerror(error));
        return;
    }
    if (netdev_bond_is_bond(netdev)) {
        m->error = xasprintf("%s: a bond cannot be a member of bond %s",
                             m->name, bond_name);
        netdev_close(netdev);
        return;
    }
    m->error = bond_member_check_io(bond_name, m->name, netdev);
    if (m->error) {
        netdev_close(netdev);
        return;
    }

    /* A switch port must see every frame on the wire, and a bond brings its
     * members up as Linux's bonding driver does. */
    error = netdev_turn_flags_on(netdev, NETDEV_UP | NETDEV_PROMISC, &m->sf);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s: could not bring member %s up in promiscuous "
                     "mode (%s)", bond_name, m->name, ovs_strerror(error));
    }
    bond_member_isolate(bond_name, m);
    netdev_get_etheraddr(netdev, &m->perm_mac);
    m->mac_moved = false;
    m->netdev = netdev;
}

/* Gives member 'm' back the MAC it had when it joined, if fail_over_mac
 * follow changed it. */
static void
bond_member_restore_mac(struct bond_member *m)
{
    if (m->netdev && m->mac_moved) {
        netdev_set_etheraddr(m->netdev, m->perm_mac);
        m->mac_moved = false;
    }
}

/* Releases what 'm' holds, restoring the member's flags.  Must not run with
 * netdev_mutex held. */
static void
bond_member_close(struct bond_member *m)
{
    if (m->netdev) {
        bond_member_restore_mac(m);
        bond_member_unisolate(m);
        netdev_restore_flags(m->sf);
        netdev_close(m->netdev);
    }
    free(m->name);
    free(m->type);
    free(m->error);
}

/* Returns a copy of the name of the bond other than 'self' that has a
 * member named 'member' (the caller must free it), or NULL.  Call without
 * holding 'self''s mutex. */
static char *
bond_member_owner(const struct netdev_bond *self, const char *member)
{
    struct netdev_bond *dev;
    char *owner = NULL;

    ovs_mutex_lock(&bonds_mutex);
    LIST_FOR_EACH (dev, list_node, &all_bonds) {
        if (dev != self) {
            ovs_mutex_lock(&dev->mutex);
            if (bond_find_member(dev, member)) {
                owner = xstrdup(netdev_get_name(&dev->up));
            }
            ovs_mutex_unlock(&dev->mutex);
        }
        if (owner) {
            break;
        }
    }
    ovs_mutex_unlock(&bonds_mutex);
    return owner;
}

/* Returns true if 'key' may appear in a bond's configuration. */
static bool
is_bond_key(const char *key)
{
    return (!strcmp(key, "members") || !strncmp(key, "member:", 7)
            || bond_config_is_key(key));
}

static int
netdev_bond_set_config(struct netdev *netdev, const struct smap *args,
                       char **errp)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    const char *name = netdev_get_name(netdev);
    struct svec names = SVEC_EMPTY_INITIALIZER;
    struct svec types = SVEC_EMPTY_INITIALIZER;
    struct bond_settings settings;
    struct smap_node *node;
    char *error = NULL;

    bond_config_init(&settings);
    SMAP_FOR_EACH (node, args) {
        if (!is_bond_key(node->key)) {
            error = xasprintf("%s: unknown option \"%s\" for a bond "
                              "(known: members and the bond keys of "
                              "ovs-bond(7))", name, node->key);
            goto out;
        }
    }

    const char *spec = smap_get_def(args, "members", "");
    error = parse_members(spec, &names, &types);
    if (error) {
        goto out;
    }
    if (!names.n) {
        error = xasprintf("%s: a bond needs at least one member "
                          "(members=NAME[:TYPE],...)", name);
        goto out;
    }
    if (names.n > BOND_MAX_MEMBERS) {
        error = xasprintf("%s: %"PRIuSIZE" members, but a bond may have at "
                          "most %d", name, names.n, BOND_MAX_MEMBERS);
        goto out;
    }
    error = bond_config_parse(args, name, names.names, names.n, &settings);
    if (error) {
        /* The bond keeps its last good configuration. */
        goto out;
    }
    for (size_t i = 0; i < names.n && !error; i++) {
        char *owner = bond_member_owner(dev, names.names[i]);
        if (owner) {
            error = xasprintf("%s: %s is already a member of bond %s",
                              name, names.names[i], owner);
            free(owner);
        }
    }
    if (error) {
        goto out;
    }

    ovs_mutex_lock(&dev->mutex);

    bool mode_changed = settings.mode != dev->settings.mode;
    if (mode_changed && dev->n_members) {
        VLOG_INFO("%s: mode changes from %s to %s", name,
                  bond_config_mode_name(dev->settings.mode),
                  bond_config_mode_name(settings.mode));
    }
    if (!dev->n_members && settings.has_active_mac) {
        dev->restore_pending = true;
    }

    /* Builds the new member array, reusing members that are unchanged. */
    struct bond_member *members = xcalloc(names.n, sizeof *members);
    bool changed = names.n != dev->n_members;
    for (size_t i = 0; i < names.n; i++) {
        struct bond_member *old = bond_find_member(dev, names.names[i]);
        struct bond_member *m = &members[i];

        if (old && !strcmp(old->type, types.names[i]) && old->netdev) {
            m->name = old->name;
            m->type = old->type;
            m->netdev = old->netdev;
            m->sf = old->sf;
            m->error = old->error;
            memcpy(m->saved_sysctls, old->saved_sysctls,
                   sizeof m->saved_sysctls);
            m->perm_mac = old->perm_mac;
            m->mac_moved = old->mac_moved;
            uint64_t dropped;
            atomic_read_relaxed(&old->rx_dropped, &dropped);
            atomic_init(&m->rx_dropped, dropped);
            old->name = NULL;   /* Taken. */
            changed = changed || old != &dev->members[i];
        } else {
            m->name = xstrdup(names.names[i]);
            m->type = xstrdup(types.names[i]);
            bond_member_open(name, m);
            changed = true;
        }
    }

    /* Members no longer wanted (or being reopened) are closed once no packet
     * path can see them any more. */
    struct bond_member *stale = xcalloc(dev->n_members + 1, sizeof *stale);
    size_t n_stale = 0;
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].name) {
            bond_member_restore_mac(&dev->members[i]);
            stale[n_stale++] = dev->members[i];
        }
    }
    ovsrcu_postpone(bond_members_free_deferred, dev->members);
    dev->members = members;
    dev->n_members = names.n;

    struct bond_settings old_settings = dev->settings;
    dev->settings = settings;
    bond_config_init(&settings);
    bond_state_configure(&dev->state, &dev->settings);
    ovs_assert(dev->state.n_members == dev->n_members);

    if (!dev->hwaddr_set) {
        /* The first member's own MAC, even while fail_over_mac follow has
         * given it another. */
        dev->hwaddr = eth_addr_zero;
        for (size_t i = 0; i < dev->n_members; i++) {
            if (dev->members[i].netdev) {
                dev->hwaddr = dev->members[i].perm_mac;
                break;
            }
        }
    }

    /* Offloads: what every member supports. */
    uint64_t ol_flags = UINT64_MAX;
    bool any = false;
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev) {
            ol_flags &= dev->members[i].netdev->ol_flags;
            any = true;
        }
    }
    dev->up.ol_flags = any ? ol_flags : 0;

    bond_configure_lacp(dev, time_msec());
    bond_configure_arp(dev, &old_settings, time_msec());
    bond_configure_alb(dev);
    bond_config_destroy(&old_settings);
    bond_update(dev, time_msec());
    bond_publish_map(dev);

    /* Members that could not be opened are logged and reported through
     * netdev_bond_get_member_error(); the bond runs with the others. */
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].error && !dev->members[i].retry) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
            VLOG_WARN_RL(&rl, "%s", dev->members[i].error);
        }
    }
    ovs_mutex_unlock(&dev->mutex);

    ovsrcu_postpone(bond_members_close_deferred, stale);
    if (changed) {
        /* The datapath reopens our rxqs, which open the members' rxqs. */
        netdev_request_reconfigure(netdev);
    }
    netdev_change_seq_changed(netdev);

out:
    bond_config_destroy(&settings);
    svec_destroy(&names);
    svec_destroy(&types);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s", error);
        if (errp) {
            *errp = error;
        } else {
            free(error);
        }
        return EINVAL;
    }
    return 0;
}

/* Sets the active member of 'dev' to the one whose MAC is 'mac', as Open
 * vSwitch restores Port bond_active_slave at start. */
static void
bond_restore_active(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    for (size_t i = 0; i < dev->n_members; i++) {
        struct eth_addr mac;
        struct bond_member *m = &dev->members[i];

        if (m->netdev && !netdev_get_etheraddr(m->netdev, &mac)
            && eth_addr_equals(mac, dev->settings.active_mac)) {
            if (!bond_state_set_active(&dev->state, i)) {
                VLOG_INFO("%s: restored active member %s",
                          netdev_get_name(&dev->up), m->name);
            }
        }
    }
}

/* ARP and NS monitor. */

/* Returns true if 'a' and 'b' have the same ARP monitor settings. */
static bool
arp_settings_equal(const struct bond_settings *a,
                   const struct bond_settings *b)
{
    return (a->arp_interval == b->arp_interval
            && a->n_arp_targets == b->n_arp_targets
            && !memcmp(a->arp_targets, b->arp_targets,
                       a->n_arp_targets * sizeof a->arp_targets[0])
            && a->n_ns_targets == b->n_ns_targets
            && !memcmp(a->ns_targets, b->ns_targets,
                       a->n_ns_targets * sizeof a->ns_targets[0])
            && a->arp_validate == b->arp_validate
            && a->arp_all_targets == b->arp_all_targets
            && a->arp_missed_max == b->arp_missed_max);
}

/* Starts, restarts or stops the ARP monitor of 'dev' after a configuration
 * change from 'old'.  Members start alive for one window: new members, and
 * all of them when the monitor's settings changed. */
static void
bond_configure_arp(struct netdev_bond *dev, const struct bond_settings *old,
                   long long int now)
    OVS_REQUIRES(dev->mutex)
{
    bool changed = !arp_settings_equal(old, &dev->settings);

    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        if (changed || !m->arp.last_rx) {
            bond_arpmon_reset(&m->arp, now);
        }
    }
    if (!dev->settings.arp_interval) {
        dev->arp_next = LLONG_MAX;
    } else if (changed || dev->arp_next == LLONG_MAX) {
        dev->arp_next = now;
    }
}

/* Returns true if member 'idx' of 'dev' has the active role for the ARP
 * monitor: the active member in modes that have one, every member in the
 * others. */
static bool
bond_arp_active_role(const struct netdev_bond *dev, size_t idx)
    OVS_REQUIRES(dev->mutex)
{
    return (!bond_config_mode_has_active(dev->settings.mode)
            || (int) idx == dev->state.active);
}

/* Returns whether the ARP monitor of 'dev' sees member 'idx' alive at
 * 'now', for status reports, and stores in '*age' the ms since its last
 * proof of life that counts. */
static bool
bond_arp_view(const struct netdev_bond *dev, size_t idx, long long int now,
              long long int *age)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_arpmon_member *arp = &dev->members[idx].arp;
    bool active = bond_arp_active_role(dev, idx);

    *age = now - bond_arpmon_last_proof(&dev->settings, arp, active);
    return bond_arpmon_alive(&dev->settings, arp, active,
                             dev->state.members[idx].carrier, now);
}

/* Returns the host address of 'dev' to probe from: the first IPv6 one if
 * 'ipv6', else the first IPv4 one.  Returns false if there is none. */
static bool
bond_host_source(struct netdev_bond *dev, bool ipv6,
                 struct bond_host_addr *addr)
{
    bool found = false;

    ovs_mutex_lock(&dev->addr_mutex);
    for (size_t i = 0; i < dev->n_addrs && !found; i++) {
        if (dev->addrs[i].ipv6 == ipv6) {
            *addr = dev->addrs[i];
            found = true;
        }
    }
    ovs_mutex_unlock(&dev->addr_mutex);
    return found;
}

/* Sends one round of probes: on every member, an ARP request for each
 * IPv4 target and a neighbour solicitation for each IPv6 target.  The
 * active member of active-backup asks from the host's addresses (learned
 * from what the host sent), as Linux's bonding does; every other member
 * asks from its own MAC, with the IPv4 source 0.0.0.0 (an RFC 5227 probe)
 * and its IPv6 link-local address, so that the answer comes back to it and
 * the host's MAC never moves to a backup's port. */
static void
bond_arp_probe(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;
    struct bond_host_addr host4, host6;

    memset(&host4, 0, sizeof host4);
    memset(&host6, 0, sizeof host6);
    bool has4 = bond_host_source(dev, false, &host4);
    bool has6 = bond_host_source(dev, true, &host6);

    dev->n_arp_own = 0;
    dev->arp_own[dev->n_arp_own++] = has4 ? host4.mac : dev->hwaddr;
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        struct dp_packet_batch batch;
        struct eth_addr mac;

        if (!m->netdev || netdev_get_etheraddr(m->netdev, &mac)) {
            continue;
        }
        dev->arp_own[dev->n_arp_own++] = mac;

        bool host = (bond_config_mode_has_active(s->mode)
                     && (int) i == dev->state.active);
        uint16_t vlan = has4 ? host4.vlan : has6 ? host6.vlan : 0;
        dp_packet_batch_init(&batch);
        for (size_t t = 0; t < s->n_arp_targets; t++) {
            struct dp_packet *p = dp_packet_new(0);
            compose_arp(p, ARP_OP_REQUEST,
                        host ? dev->arp_own[0] : mac, eth_addr_zero, true,
                        (host && has4
                         ? in6_addr_get_mapped_ipv4(&host4.ip) : 0),
                        s->arp_targets[t]);
            if (vlan) {
                eth_push_vlan(p, htons(ETH_TYPE_VLAN), htons(vlan));
            }
            send_queue(m->netdev, &batch, p);
        }
        for (size_t t = 0; t < s->n_ns_targets; t++) {
            struct dp_packet *p = dp_packet_new(0);
            struct in6_addr src;

            if (host && has6) {
                src = host6.ip;
            } else {
                in6_generate_lla(mac, &src);
            }
            compose_nd_ns(p, host && has6 ? host6.mac : mac, &src,
                          &s->ns_targets[t]);
            if (vlan) {
                eth_push_vlan(p, htons(ETH_TYPE_VLAN), htons(vlan));
            }
            send_queue(m->netdev, &batch, p);
        }
        send_flush(m->netdev, &batch);
    }
}

/* Runs the ARP monitor of 'dev' at 'now': a probe round when one is due.
 * bond_update() then reads what the members have heard. */
static void
bond_arp_run(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    if (dev->settings.arp_interval && now >= dev->arp_next) {
        bond_arp_probe(dev);
        dev->arp_next = now + dev->settings.arp_interval;
    }
}

/* Returns the index in 'dev->members' of the member whose netdev is
 * 'netdev', or -1 if it is not a member any more (the packet path may
 * still see an old map). */
static int
bond_member_index(const struct netdev_bond *dev, const struct netdev *netdev)
    OVS_REQUIRES(dev->mutex)
{
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev == netdev) {
            return i;
        }
    }
    return -1;
}

/* Feeds the frames in 'batch', received on member netdev 'netdev' of
 * 'dev', to the ARP monitor. */
static void
bond_arp_rx(struct netdev_bond *dev, const struct netdev *netdev,
            const struct dp_packet_batch *batch)
{
    long long int now = time_msec();
    const struct dp_packet *packet;

    ovs_mutex_lock(&dev->mutex);
    int i = bond_member_index(dev, netdev);
    if (i >= 0) {
        struct bond_member *m = &dev->members[i];
        bool active = bond_arp_active_role(dev, i);
        DP_PACKET_BATCH_FOR_EACH (j, packet, batch) {
            int target;
            enum bond_arpmon_kind kind = bond_arpmon_classify(
                &dev->settings, dp_packet_data(packet),
                dp_packet_size(packet), dev->arp_own, dev->n_arp_own,
                &target);
            bond_arpmon_rx(&dev->settings, &m->arp, active, kind, target,
                           now);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
}

/* LACP. */

/* Starts, reconfigures or stops 'dev''s LACP according to its settings. */
static void
bond_configure_lacp(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;

    if (s->lacp == BOND_LACP_OFF) {
        lacp_fsm_destroy(dev->lacp);
        dev->lacp = NULL;
        return;
    }
    if (!dev->lacp) {
        dev->lacp = lacp_fsm_create();
    }

    struct lacp_fsm_settings ls = {
        .sys_id = s->has_lacp_system_id ? s->lacp_system_id : dev->hwaddr,
        .sys_priority = (s->lacp_system_priority ? s->lacp_system_priority
                         : dev->n_members > 1 ? 65534 : 65535),
        .active = s->lacp == BOND_LACP_ACTIVE,
        .fast = s->lacp_fast,
        .ad_select = (s->ad_select == BOND_AD_SELECT_BANDWIDTH
                      ? LACP_FSM_SELECT_BANDWIDTH
                      : s->ad_select == BOND_AD_SELECT_COUNT
                      ? LACP_FSM_SELECT_COUNT : LACP_FSM_SELECT_STABLE),
        .fallback = (s->lacp_strict ? LACP_FSM_FALLBACK_NONE
                     : s->lacp_fallback_ab ? LACP_FSM_FALLBACK_AB
                     : LACP_FSM_FALLBACK_ALL),
    };
    struct lacp_fsm_port_settings *ps = xcalloc(dev->n_members, sizeof *ps);
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member_settings *ms = &s->members[i];
        ps[i].name = ms->name;
        ps[i].port_id = ms->lacp_port_id ? ms->lacp_port_id : i + 1;
        ps[i].port_priority = ms->lacp_port_priority;
    }
    /* Open vSwitch's default key: the first member's port ID. */
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member_settings *ms = &s->members[i];
        ps[i].key = ms->lacp_key ? ms->lacp_key : ps[0].port_id;
    }
    lacp_fsm_configure(dev->lacp, &ls, ps, dev->n_members, now);
    free(ps);
}

/* lacp_fsm_send_cb: frames 'pdu' and sends it on member 'idx' from the
 * member's own MAC to the slow protocols address. */
static void
bond_lacp_send(void *dev_, size_t idx, const void *pdu, size_t size)
    OVS_NO_THREAD_SAFETY_ANALYSIS
{
    static const struct eth_addr slow_protocols
        = ETH_ADDR_C(01, 80, c2, 00, 00, 02);
    struct netdev_bond *dev = dev_;
    struct bond_member *m = &dev->members[idx];
    struct eth_addr mac;

    if (!m->netdev || netdev_get_etheraddr(m->netdev, &mac)) {
        return;
    }

    struct dp_packet *packet = dp_packet_new(ETH_HEADER_LEN + size);
    void *payload = eth_compose(packet, slow_protocols, mac, ETH_TYPE_LACP,
                                size);
    memcpy(payload, pdu, size);

    struct dp_packet_batch batch;
    dp_packet_batch_init_packet(&batch, packet);
    netdev_send(m->netdev, 0, &batch, true);
}

/* Returns true if member 'idx' of 'dev' may carry traffic: its link is up
 * (after updelay), it is administratively enabled, and LACP, if on, lets
 * it. */
static bool
bond_member_usable(const struct netdev_bond *dev, size_t idx)
    OVS_REQUIRES(dev->mutex)
{
    return (dev->state.members[idx].enabled
            && (!dev->lacp || lacp_fsm_port_may_tx(dev->lacp, idx)));
}

/* Returns true if 'dev' has carrier: enough usable members for min_links
 * (at least one). */
static bool
bond_has_carrier(const struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (!dev->lacp) {
        return bond_state_carrier(&dev->state);
    }
    size_t n = 0;
    for (size_t i = 0; i < dev->n_members; i++) {
        n += bond_member_usable(dev, i);
    }
    return n && n >= (size_t) dev->settings.min_links;
}

/* Recomputes whether 'dev' has carrier.  Returns true if that changed. */
static bool
bond_refresh_carrier(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    bool carrier = bond_has_carrier(dev);

    if (carrier == dev->carrier) {
        return false;
    }
    dev->carrier = carrier;
    if (!carrier) {
        dev->carrier_resets++;
    }
    return true;
}

/* Feeds the slow-protocol frame 'packet', received on member 'netdev' of
 * 'dev', to LACP. */
static void
bond_rx_slow(struct netdev_bond *dev, const struct netdev *netdev,
             const struct dp_packet *packet)
{
    ovs_mutex_lock(&dev->mutex);
    int i = dev->lacp ? bond_member_index(dev, netdev) : -1;
    if (i >= 0) {
        long long int now = time_msec();
        lacp_fsm_receive(dev->lacp, i,
                         (const uint8_t *) dp_packet_data(packet)
                         + ETH_HEADER_LEN,
                         dp_packet_size(packet) - ETH_HEADER_LEN,
                         now, bond_lacp_send, dev);
        /* Only the machines: a flood of PDUs must not cost a carrier and
         * speed query of every member per frame. */
        if (lacp_fsm_run(dev->lacp, now, bond_lacp_send, dev)) {
            bond_refresh_carrier(dev);
            bond_publish_map(dev);
            netdev_change_seq_changed(&dev->up);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
}

/* Reads every member's link state into 'dev->state', advances its timers
 * to 'now' and recomputes the active member.  Announces changes. */
static void
bond_update(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const char *name = netdev_get_name(&dev->up);
    int old_active = dev->state.active;

    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        bool up = m->netdev && netdev_get_carrier(m->netdev);
        enum netdev_features current;

        if (up && dev->settings.arp_interval) {
            up = bond_arpmon_alive(&dev->settings, &m->arp,
                                   bond_arp_active_role(dev, i),
                                   dev->state.members[i].carrier, now);
        }

        bond_state_set_carrier(&dev->state, i, up, now);
        if (m->netdev
            && !netdev_get_features(m->netdev, &current, NULL, NULL, NULL)) {
            bond_state_set_speed(&dev->state, i,
                                 netdev_features_to_bps(current, 0));
        }
    }

    unsigned int changes = bond_state_run(&dev->state, now);
    if (dev->lacp) {
        for (size_t i = 0; i < dev->n_members; i++) {
            const struct bond_state_member *sm = &dev->state.members[i];
            lacp_fsm_set_enabled(dev->lacp, i, sm->enabled, sm->speed, now);
        }
        if (lacp_fsm_run(dev->lacp, now, bond_lacp_send, dev)) {
            changes |= BOND_CHANGED_ENABLED;
        }
    }
    if (dev->restore_pending && bond_state_n_enabled(&dev->state)) {
        dev->restore_pending = false;
        bond_restore_active(dev);
        if (dev->state.active != old_active) {
            changes |= BOND_CHANGED_ACTIVE;
        }
    }

    if (changes & BOND_CHANGED_LINK) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 60);
        struct ds ds = DS_EMPTY_INITIALIZER;
        for (size_t i = 0; i < dev->state.n_members; i++) {
            const struct bond_state_member *m = &dev->state.members[i];
            ds_put_format(&ds, "%s%s %s", i ? ", " : "", m->name,
                          bond_state_link_name(m->link));
        }
        VLOG_INFO_RL(&rl, "%s: member links: %s", name, ds_cstr(&ds));
        ds_destroy(&ds);
    }
    if (changes & BOND_CHANGED_ACTIVE) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 60);
        const char *active = bond_state_active_name(&dev->state);
        VLOG_INFO_RL(&rl, "%s: active member is now %s", name,
                     active ? active : "none");
        if (active && old_active >= 0) {
            /* Tell the network at once that the MACs behind the bond now
             * live behind the new member. */
            bond_start_notify(dev, now);
        }
    }

    if (bond_refresh_carrier(dev)) {
        changes |= BOND_CHANGED_ENABLED;
    }

    if (changes) {
        bond_publish_map(dev);
        netdev_change_seq_changed(&dev->up);
    }
}

/* Copies the host's IPv4 addresses into 'map', for the receive path. */
static void
bond_publish_hosts(struct netdev_bond *dev, struct bond_map *map)
    OVS_REQUIRES(dev->mutex)
{
    ovs_mutex_lock(&dev->addr_mutex);
    for (size_t i = 0; i < dev->n_addrs; i++) {
        const struct bond_host_addr *a = &dev->addrs[i];
        if (!a->ipv6) {
            struct bond_host4 *h = &map->hosts[map->n_hosts++];
            h->ip = in6_addr_get_mapped_ipv4(&a->ip);
            h->mac = a->mac;
        }
    }
    dev->map_addr_gen = dev->addr_gen;
    ovs_mutex_unlock(&dev->addr_mutex);
}

/* balance-alb: copies the host's IPv4 addresses into 'map', for the
 * receive path, and tells the table of peers which members may carry
 * traffic and which one is 'active'. */
static void
bond_alb_publish(struct netdev_bond *dev, struct bond_map *map, int active)
    OVS_REQUIRES(dev->mutex)
{
    bond_publish_hosts(dev, map);

    struct bond_alb_member members[BOND_MAX_MEMBERS];
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_alb_member *am = &members[i];
        int tx = map->slot_tx[i];

        am->usable = tx >= 0;
        am->speed = dev->state.members[i].speed;
        am->mac = tx >= 0 ? map->tx_mac[tx] : eth_addr_zero;
    }
    ovs_mutex_lock(&dev->alb_mutex);
    if (dev->alb) {
        bond_alb_set_members(dev->alb, members, dev->n_members, active,
                             time_msec());
    }
    ovs_mutex_unlock(&dev->alb_mutex);
}

/* Sets member 'm''s MAC to 'mac', noting whether it still has its own. */
static void
bond_member_set_mac(const struct netdev_bond *dev, struct bond_member *m,
                    const struct eth_addr mac)
{
    int error = netdev_set_etheraddr(m->netdev, mac);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s: fail_over_mac: could not set the MAC of %s "
                     "to "ETH_ADDR_FMT" (%s)", netdev_get_name(&dev->up),
                     m->name, ETH_ADDR_ARGS(mac), ovs_strerror(error));
    } else {
        m->mac_moved = !eth_addr_equals(mac, m->perm_mac);
    }
}

/* fail_over_mac follow, in active-backup: the active member has the bond's
 * MAC, and a member that had it before takes the active member's former
 * MAC, as Linux swaps them; with any other setting every member has its own
 * MAC back. */
static void
bond_follow_mac(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    int active = dev->state.active;

    if (dev->settings.fail_over_mac != BOND_FOM_FOLLOW
        || dev->settings.mode != BOND_MODE_ACTIVE_BACKUP) {
        for (size_t i = 0; i < dev->n_members; i++) {
            struct bond_member *m = &dev->members[i];
            if (m->netdev && m->mac_moved) {
                bond_member_set_mac(dev, m, m->perm_mac);
            }
        }
        return;
    }
    if (active < 0 || !dev->members[active].netdev
        || eth_addr_is_zero(dev->hwaddr)) {
        return;
    }

    struct bond_member *a = &dev->members[active];
    struct eth_addr cur;
    if (netdev_get_etheraddr(a->netdev, &cur)
        || eth_addr_equals(cur, dev->hwaddr)) {
        return;
    }
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        struct eth_addr mac;

        if (m != a && m->netdev && !netdev_get_etheraddr(m->netdev, &mac)
            && eth_addr_equals(mac, dev->hwaddr)) {
            bond_member_set_mac(dev, m, cur);
            VLOG_INFO("%s: fail_over_mac follow: %s takes "ETH_ADDR_FMT,
                      netdev_get_name(&dev->up), m->name, ETH_ADDR_ARGS(cur));
        }
    }
    bond_member_set_mac(dev, a, dev->hwaddr);
    VLOG_INFO("%s: fail_over_mac follow: %s takes the bond's MAC "
              ETH_ADDR_FMT, netdev_get_name(&dev->up), a->name,
              ETH_ADDR_ARGS(dev->hwaddr));
}

/* Publishes the map that the packet path reads. */
static void
bond_publish_map(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_map *map = xzalloc(sizeof *map);

    bond_follow_mac(dev);
    const struct bond_settings *s = &dev->settings;

    map->mode = s->mode;
    map->policy = s->xmit_policy;
    map->hash_basis = s->hash_basis;
    map->packets_per_member = s->packets_per_member;
    map->all_members_active = s->all_members_active;
    map->arp_monitor = s->arp_interval > 0;
    map->tlb_dynamic = s->tlb_dynamic_lb;
    map->active_tx = -1;
    if (bond_wants_tx_thread(dev)) {
        if (!dev->txt) {
            dev->txt = bond_tx_thread_start(dev);
        }
        map->txt = dev->txt;
        map->tx_burst = s->tx_thread_burst;
    }

    bool carrier = bond_has_carrier(dev);
    int active = dev->state.active;
    if (dev->lacp && (active < 0 || !bond_member_usable(dev, active))) {
        /* The active member must be one that LACP lets carry traffic. */
        active = -1;
        for (size_t i = 0; i < dev->n_members && active < 0; i++) {
            if (bond_member_usable(dev, i)) {
                active = i;
            }
        }
    }
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        bool enabled = carrier && bond_member_usable(dev, i);
        struct eth_addr mac = eth_addr_zero;

        map->slot_tx[i] = -1;
        if (!m->netdev) {
            continue;
        }
        netdev_get_etheraddr(m->netdev, &mac);
        map->members[map->n_members] = m->netdev;
        map->mstate[map->n_members] = m;
        map->macs[map->n_members] = mac;
        map->enabled[map->n_members] = enabled;
        map->n_members++;
        if (enabled) {
            map->slot_tx[i] = map->n_tx;
            map->tx_mac[map->n_tx] = mac;
            map->tx[map->n_tx++] = m->netdev;
        }
        if (carrier && (int) i == active) {
            map->active = m->netdev;
            map->active_tx = map->slot_tx[i];
            map->active_mac = mac;
        }
    }
    if (s->mode == BOND_MODE_BALANCE_ALB) {
        bond_alb_publish(dev, map, carrier ? active : -1);
    } else if (bond_fom_active(s)) {
        map->fom_active = true;
        bond_publish_hosts(dev, map);
    }
    /* Buckets keep their member while it can transmit; the buckets of a
     * member that cannot are spread over the others. */
    if (!dev->buckets_valid) {
        for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
            dev->buckets[i] = i;
        }
        dev->buckets_valid = true;
    }
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        map->buckets[i] = map->n_tx ? dev->buckets[i] % map->n_tx : 0;
    }

    struct bond_map *old = ovsrcu_get_protected(struct bond_map *, &dev->map);
    ovsrcu_set(&dev->map, map);
    ovsrcu_postpone(free, old);
}

/* Learning table. */

static uint64_t
learn_key(const struct eth_addr mac, uint16_t vlan)
{
    return (eth_addr_to_uint64(mac) | ((uint64_t) (vlan & VLAN_VID_MASK)
                                       << 48) | (UINT64_C(1) << 63));
}

static size_t
learn_slot(uint64_t key)
{
    return hash_uint64(key) & (BOND_LEARN_SIZE - 1);
}

/* Returns the VLAN ID of 'packet''s outer 802.1Q tag, or 0. */
static uint16_t
packet_vlan(const struct dp_packet *packet)
{
    const struct eth_header *eth = dp_packet_data(packet);

    if (dp_packet_size(packet) >= ETH_HEADER_LEN + VLAN_HEADER_LEN
        && eth->eth_type == htons(ETH_TYPE_VLAN)) {
        const struct vlan_header *vlan = (const void *) (eth + 1);
        return vlan_tci_to_vid(vlan->vlan_tci);
    }
    return 0;
}

/* Finds the ethertype of 'packet', after one 802.1Q tag if there is one,
 * and the offset of its L3 header.  Returns false if it is too short. */
static bool
packet_l3(const struct dp_packet *packet, ovs_be16 *type, size_t *l3,
          uint16_t *vlan)
{
    const struct eth_header *eth = dp_packet_data(packet);
    size_t size = dp_packet_size(packet);

    if (size < ETH_HEADER_LEN) {
        return false;
    }
    *type = eth->eth_type;
    *l3 = ETH_HEADER_LEN;
    *vlan = 0;
    if (*type == htons(ETH_TYPE_VLAN)) {
        const struct vlan_header *vh = (const void *) (eth + 1);
        if (size < ETH_HEADER_LEN + VLAN_HEADER_LEN) {
            return false;
        }
        *type = vh->vlan_next_type;
        *vlan = vlan_tci_to_vid(vh->vlan_tci);
        *l3 += VLAN_HEADER_LEN;
    }
    return true;
}

/* Records that the host uses 'ip' (IPv4-mapped if '!ipv6') with 'mac' on
 * 'vlan'.  Gives up rather than wait if another thread holds the table. */
static void
bond_learn_addr(struct netdev_bond *dev, bool ipv6, const struct in6_addr *ip,
                const struct eth_addr mac, uint16_t vlan)
{
    uint32_t epoch;

    if (!ipv6_addr_is_set(ip) || eth_addr_is_multicast(mac)
        || ovs_mutex_trylock(&dev->addr_mutex)) {
        return;
    }
    atomic_read_relaxed(&bonds_epoch, &epoch);

    struct bond_host_addr *a = NULL, *oldest = &dev->addrs[0];
    for (size_t i = 0; i < dev->n_addrs; i++) {
        struct bond_host_addr *e = &dev->addrs[i];
        if (e->ipv6 == ipv6 && ipv6_addr_equals(&e->ip, ip)
            && e->vlan == vlan) {
            a = e;
            break;
        }
        if (e->epoch < oldest->epoch) {
            oldest = e;
        }
    }
    if (!a) {
        a = (dev->n_addrs < BOND_MAX_HOST_ADDRS
             ? &dev->addrs[dev->n_addrs++] : oldest);
        a->ipv6 = ipv6;
        a->ip = *ip;
        a->vlan = vlan;
        dev->addr_gen++;
    } else if (!eth_addr_equals(a->mac, mac)) {
        dev->addr_gen++;
    }
    a->mac = mac;
    a->epoch = epoch;
    ovs_mutex_unlock(&dev->addr_mutex);
}

/* If 'packet' is an ARP or neighbour solicitation or advertisement from the
 * host, learns the address it announces.  'l3' is the offset of its L3
 * header, 'type' its ethertype. */
static void
bond_learn_host(struct netdev_bond *dev, const struct dp_packet *packet,
                size_t l3, ovs_be16 type, uint16_t vlan)
{
    const uint8_t *p = dp_packet_data(packet);
    size_t size = dp_packet_size(packet);
    struct eth_addr mac;
    struct in6_addr ip;

    if (type == htons(ETH_TYPE_ARP) && size >= l3 + ARP_ETH_HEADER_LEN) {
        const struct arp_eth_header *arp = (const void *) (p + l3);
        ovs_be32 spa = get_16aligned_be32(&arp->ar_spa);
        if (arp->ar_hrd == htons(ARP_HRD_ETHERNET)
            && arp->ar_pro == htons(ARP_PRO_IP) && spa) {
            in6_addr_set_mapped_ipv4(&ip, spa);
            bond_learn_addr(dev, false, &ip, arp->ar_sha, vlan);
        }
    } else if (type == htons(ETH_TYPE_IPV6)
               && size >= l3 + IPV6_HEADER_LEN + 4
               && p[l3 + 6] == IPPROTO_ICMPV6) {
        uint8_t icmp_type = p[l3 + IPV6_HEADER_LEN];
        if (icmp_type == ND_NEIGHBOR_SOLICIT
            || icmp_type == ND_NEIGHBOR_ADVERT) {
            memcpy(&ip, p + l3 + 8, sizeof ip);
            memcpy(&mac, p + 6, sizeof mac);
            if (!ipv6_addr_is_multicast(&ip)) {
                bond_learn_addr(dev, true, &ip, mac, vlan);
            }
        }
    }
}

/* Records that 'packet''s source MAC was sent through 'dev'. */
static void
bond_learn(struct netdev_bond *dev, const struct dp_packet *packet)
{
    const struct eth_header *eth = dp_packet_data(packet);

    if (dp_packet_size(packet) < ETH_HEADER_LEN
        || eth_addr_is_multicast(eth->eth_src)) {
        return;
    }

    /* ARP and neighbour discovery: rare, looked at closer. */
    ovs_be16 type;
    size_t l3;
    uint16_t vlan;
    if (!packet_l3(packet, &type, &l3, &vlan)) {
        vlan = 0;               /* A truncated 802.1Q tag. */
    } else if (OVS_UNLIKELY(type == htons(ETH_TYPE_ARP)
                            || type == htons(ETH_TYPE_IPV6))) {
        bond_learn_host(dev, packet, l3, type, vlan);
    }

    uint64_t key = learn_key(eth->eth_src, vlan);
    struct bond_learn_entry *e = &dev->learn[learn_slot(key)];
    uint64_t old_key;
    uint32_t epoch, old_epoch;

    atomic_read_relaxed(&bonds_epoch, &epoch);
    atomic_read_relaxed(&e->key, &old_key);
    atomic_read_relaxed(&e->epoch, &old_epoch);
    if (old_key != key) {
        atomic_store_relaxed(&e->key, key);
    }
    if (old_epoch != epoch) {
        atomic_store_relaxed(&e->epoch, epoch);
    }
}

/* If entry 'i' of 'dev''s learning table was used within BOND_LEARN_AGE of
 * 'epoch', stores its MAC and VLAN in '*mac' and '*vlan' and returns true. */
static bool
bond_learn_entry_fresh(struct netdev_bond *dev, size_t i, uint32_t epoch,
                       struct eth_addr *mac, uint16_t *vlan)
{
    uint64_t key;
    uint32_t seen;

    atomic_read_relaxed(&dev->learn[i].key, &key);
    atomic_read_relaxed(&dev->learn[i].epoch, &seen);
    if (!key || epoch - seen > BOND_LEARN_AGE) {
        return false;
    }
    eth_addr_from_uint64(key & UINT64_C(0xffffffffffff), mac);
    *vlan = (key >> 48) & VLAN_VID_MASK;
    return true;
}

/* Returns true if 'dev' recently sent frames from 'mac' on 'vlan'. */
static bool
bond_learned(struct netdev_bond *dev, const struct eth_addr mac,
             uint16_t vlan)
{
    uint64_t key = learn_key(mac, vlan);
    uint64_t found;

    atomic_read_relaxed(&dev->learn[learn_slot(key)].key, &found);
    return found == key;
}

/* Adds 'packet' to 'batch', sending the batch on 'member' when it is full.
 * Call send_flush() at the end. */
static void
send_queue(struct netdev *member, struct dp_packet_batch *batch,
           struct dp_packet *packet)
{
    dp_packet_batch_add(batch, packet);
    if (dp_packet_batch_is_full(batch)) {
        netdev_send(member, 0, batch, true);
        dp_packet_batch_init(batch);
    }
}

/* Sends what remains in 'batch' on 'member'. */
static void
send_flush(struct netdev *member, struct dp_packet_batch *batch)
{
    if (!dp_packet_batch_is_empty(batch)) {
        netdev_send(member, 0, batch, true);
        dp_packet_batch_init(batch);
    }
}

/* Returns a learning frame from 'mac' to 'dst' on 'vlan': a minimum-size
 * frame of type 0x9000 (loopback).  Linux's balance-tlb and -alb send them
 * to 'mac' itself, which a switch learns and never forwards back. */
static struct dp_packet *
learning_frame(const struct eth_addr mac, const struct eth_addr dst,
               uint16_t vlan)
{
    struct dp_packet *packet = dp_packet_new(ETH_TOTAL_MIN + VLAN_HEADER_LEN);
    void *payload = eth_compose(packet, dst, mac, 0x9000,
                                ETH_TOTAL_MIN - ETH_HEADER_LEN);

    memset(payload, 0, ETH_TOTAL_MIN - ETH_HEADER_LEN);
    if (vlan) {
        eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(vlan));
    }
    return packet;
}

/* Returns a destination for a learning frame from 'mac' that differs in
 * each round ('serial'): a locally administered unicast address that no
 * frame of the previous rounds went to.  A switch that caches its
 * forwarding decisions (Open vSwitch's megaflows keep the decision for a
 * frame like the last round's RARP for 10 s) learns only from a frame that
 * misses its cache; this one always misses, so the switch moves 'mac' to
 * the new member at once, instead of at its next revalidation. */
static struct eth_addr
learning_frame_dst(const struct eth_addr mac, uint16_t serial)
{
    struct eth_addr dst = mac;

    dst.ea[0] = (dst.ea[0] | 0x02) & ~0x01;
    dst.ea[4] ^= serial >> 8;
    dst.ea[5] ^= serial;
    if (eth_addr_equals(dst, mac)) {
        dst.ea[3] ^= 0xff;
    }
    return dst;
}

/* Sends a learning frame for every MAC that 'dev' transmitted recently,
 * through 'member', to a destination that no earlier round used (see
 * learning_frame_dst()), followed by a RARP, as Open vSwitch sends, if
 * 'rarp'. */
static void
bond_send_relearn(struct netdev_bond *dev, struct netdev *member, bool rarp)
    OVS_REQUIRES(dev->mutex)
{
    struct dp_packet_batch batch;
    uint16_t serial = ++dev->notify_serial;
    uint32_t epoch;
    size_t n = 0;

    atomic_read_relaxed(&bonds_epoch, &epoch);
    dp_packet_batch_init(&batch);
    for (size_t i = 0; i < BOND_LEARN_SIZE; i++) {
        struct eth_addr mac;
        uint16_t vlan;

        if (!bond_learn_entry_fresh(dev, i, epoch, &mac, &vlan)) {
            continue;
        }
        send_queue(member, &batch,
                   learning_frame(mac, learning_frame_dst(mac, serial),
                                  vlan));
        if (rarp) {
            struct dp_packet *packet = dp_packet_new(0);
            compose_rarp(packet, mac);
            if (vlan) {
                eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(vlan));
            }
            send_queue(member, &batch, packet);
        }
        n++;
    }
    send_flush(member, &batch);
    VLOG_DBG("%s: sent learning frames for %"PRIuSIZE" MACs on %s%s",
             netdev_get_name(&dev->up), n, netdev_get_name(member),
             rarp ? ", with RARPs" : "");
}

/* Starts telling the network that the MACs behind 'dev' moved to its new
 * active member: 'num_grat_arp' rounds of notifications and, whatever that
 * number, learning frames again after 10, 30, 70 and 150 ms.  Open
 * vSwitch, as a switch, moves a MAC back to the port it left when it
 * accounts for frames that arrived there just before the failover (its
 * revalidators push their statistics, which it learns from, after the
 * failover's first learning frame); the later frames move it back for
 * good. */
static void
bond_start_notify(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    if (dev->settings.num_grat_arp) {
        dev->notify_left = dev->settings.num_grat_arp;
        dev->notify_next = now;
        dev->relearn_left = BOND_RELEARN_ROUNDS;
        dev->relearn_next = now + BOND_RELEARN_FIRST;
    }
    dev->query_left = dev->settings.resend_igmp;
    dev->query_next = now;
}

/* Hands 'packet' to the bridge as if it had arrived on 'dev', or drops it
 * if too many are waiting. */
static void
bond_inject(struct netdev_bond *dev, struct dp_packet *packet)
{
    ovs_mutex_lock(&dev->inject_mutex);
    if (dev->n_inject < BOND_INJECT_MAX) {
        dev->inject[dev->n_inject++] = packet;
        packet = NULL;
    }
    atomic_store_relaxed(&dev->inject_pending, true);
    ovs_mutex_unlock(&dev->inject_mutex);
    dp_packet_delete(packet);
    poll_immediate_wake();
}

/* Asks the hosts behind 'dev' for their multicast memberships, so that
 * their reports leave through the new active member (resend_igmp; see
 * bond-mcast.h): an IGMPv3 and an MLDv2 general query on each VLAN that
 * 'dev' recently sent frames on, from the active member's MAC. */
static void
bond_send_queries(struct netdev_bond *dev, const struct bond_map *map)
    OVS_REQUIRES(dev->mutex)
{
    uint16_t vlans[16];
    size_t n_vlans = 0;
    uint32_t epoch;

    vlans[n_vlans++] = 0;
    atomic_read_relaxed(&bonds_epoch, &epoch);
    for (size_t i = 0; i < BOND_LEARN_SIZE; i++) {
        struct eth_addr mac;
        uint16_t vlan;

        if (bond_learn_entry_fresh(dev, i, epoch, &mac, &vlan)) {
            size_t j = 0;
            while (j < n_vlans && vlans[j] != vlan) {
                j++;
            }
            if (j == n_vlans && n_vlans < ARRAY_SIZE(vlans)) {
                vlans[n_vlans++] = vlan;
            }
        }
    }

    for (size_t i = 0; i < n_vlans; i++) {
        struct dp_packet *igmp = dp_packet_new(128);
        struct dp_packet *mld = dp_packet_new(128);

        bond_mcast_compose_igmp_query(igmp, map->active_mac, vlans[i]);
        bond_mcast_compose_mld_query(mld, map->active_mac, vlans[i]);
        bond_inject(dev, igmp);
        bond_inject(dev, mld);
    }
    VLOG_DBG("%s: multicast queries on %"PRIuSIZE" VLANs",
             netdev_get_name(&dev->up), n_vlans);
}

/* Sends the peer notifications due after a failover: learning frames,
 * gratuitous ARPs and neighbour advertisements (bond_start_notify()). */
static void
bond_notify_peers(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    long long int now = time_msec();
    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);

    if (dev->query_left > 0 && now >= dev->query_next) {
        dev->query_left--;
        dev->query_next = now + BOND_MCAST_INTERVAL;
        if (map->active) {
            bond_send_queries(dev, map);
        }
    }

    if (dev->relearn_left > 0 && now >= dev->relearn_next) {
        dev->relearn_left--;
        dev->relearn_next = now + (BOND_RELEARN_FIRST
                                   << (BOND_RELEARN_ROUNDS
                                       - dev->relearn_left));
        if (map->active && !map->fom_active) {
            bond_send_relearn(dev, map->active, false);
        }
    }

    if (dev->notify_left <= 0 || now < dev->notify_next) {
        return;
    }
    dev->notify_left--;
    dev->notify_next = now + (dev->settings.peer_notif_delay
                              ? dev->settings.peer_notif_delay
                              : dev->settings.detect_mode
                                == BOND_DETECT_MIIMON
                              ? dev->settings.miimon_interval : 100);
    if (!map->active) {
        return;
    }
    if (!map->fom_active) {
        bond_send_relearn(dev, map->active, true);
    }

    /* Gratuitous ARPs and unsolicited neighbour advertisements for the
     * host's addresses, as Linux's bonding sends them; but not in
     * balance-alb, where each peer has its own member's MAC for them and
     * the table of peers sends the updates. */
    if (dev->settings.mode == BOND_MODE_BALANCE_ALB) {
        return;
    }

    struct dp_packet_batch batch;
    uint32_t epoch;
    size_t n = 0;

    atomic_read_relaxed(&bonds_epoch, &epoch);
    dp_packet_batch_init(&batch);
    ovs_mutex_lock(&dev->addr_mutex);
    for (size_t i = 0; i < dev->n_addrs; i++) {
        const struct bond_host_addr *a = &dev->addrs[i];
        struct dp_packet *packet;

        if (epoch - a->epoch > BOND_LEARN_AGE) {
            continue;
        }
        /* With fail_over_mac active, the host's addresses now live at
         * the new active member's MAC. */
        struct eth_addr mac = map->fom_active ? map->active_mac : a->mac;
        packet = dp_packet_new(0);
        if (a->ipv6) {
            static const struct in6_addr all_nodes
                = IN6ADDR_ALL_HOSTS_INIT;
            static const struct eth_addr all_nodes_mac
                = ETH_ADDR_C(33, 33, 00, 00, 00, 01);
            compose_nd_na(packet, mac, all_nodes_mac, &a->ip, &all_nodes,
                          htonl(ND_RSO_OVERRIDE));
        } else {
            ovs_be32 ip = in6_addr_get_mapped_ipv4(&a->ip);
            compose_arp(packet, ARP_OP_REQUEST, mac, eth_addr_zero, true,
                        ip, ip);
        }
        if (a->vlan) {
            eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(a->vlan));
        }
        send_queue(map->active, &batch, packet);
        n++;
    }
    ovs_mutex_unlock(&dev->addr_mutex);
    send_flush(map->active, &batch);
    VLOG_DBG("%s: sent %"PRIuSIZE" peer notifications on %s",
             netdev_get_name(&dev->up), n, netdev_get_name(map->active));
}

/* balance-slb, balance-tcp, and balance-tlb and -alb with tlb_dynamic_lb:
 * every rebalance interval, moves hash buckets from the most loaded member
 * to the least loaded one, as Open vSwitch does, by the bytes each bucket
 * carried since the last time. */
static void
bond_rebalance(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;
    uint64_t delta[BOND_HASH_BUCKETS];
    uint64_t load[BOND_MAX_MEMBERS];

    if (!bond_config_uses_buckets(s) || !s->rebalance_interval) {
        dev->next_rebalance = LLONG_MAX;
        return;
    }
    if (dev->next_rebalance == LLONG_MAX) {
        dev->next_rebalance = now + s->rebalance_interval;
    }
    if (now < dev->next_rebalance) {
        return;
    }
    dev->next_rebalance = now + s->rebalance_interval;

    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);
    size_t n_tx = map->n_tx;
    if (n_tx < 2 || !dev->buckets_valid) {
        return;
    }

    memset(load, 0, sizeof load);
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        uint64_t bytes;
        atomic_read_relaxed(&dev->bucket_bytes[i], &bytes);
        delta[i] = bytes - dev->bucket_seen[i];
        dev->bucket_seen[i] = bytes;
        load[dev->buckets[i] % n_tx] += delta[i];
    }

    bool moved = false;
    for (int round = 0; round < BOND_HASH_BUCKETS; round++) {
        size_t from = 0, to = 0;
        for (size_t m = 1; m < n_tx; m++) {
            from = load[m] > load[from] ? m : from;
            to = load[m] < load[to] ? m : to;
        }
        uint64_t gap = load[from] - load[to];
        if (gap <= load[from] / 10) {
            break;      /* Within 10%: good enough. */
        }
        /* The biggest bucket on 'from' that narrows the gap. */
        int best = -1;
        for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
            if (dev->buckets[i] % n_tx == from && delta[i]
                && delta[i] < gap
                && (best < 0 || delta[i] > delta[best])) {
                best = i;
            }
        }
        if (best < 0) {
            break;
        }
        dev->buckets[best] = to;
        load[from] -= delta[best];
        load[to] += delta[best];
        moved = true;
        VLOG_DBG("%s: rebalance: hash %d (%"PRIu64" bytes) to member %"
                 PRIuSIZE, netdev_get_name(&dev->up), best, delta[best], to);
    }
    if (moved) {
        bond_publish_map(dev);
    }
}

/* balance-tlb and balance-alb. */

/* Starts or stops balance-alb's table of peers as the mode requires. */
static void
bond_configure_alb(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    bool want = dev->settings.mode == BOND_MODE_BALANCE_ALB;

    ovs_mutex_lock(&dev->alb_mutex);
    if (want && !dev->alb) {
        dev->alb = xmalloc(sizeof *dev->alb);
        bond_alb_init(dev->alb);
    } else if (!want && dev->alb) {
        free(dev->alb);
        dev->alb = NULL;
    }
    ovs_mutex_unlock(&dev->alb_mutex);
}

/* Sends learning frames so that the switch keeps every member's MAC on its
 * port, and the host's MACs on the active member's. */
static void
bond_send_learning(struct netdev_bond *dev, const struct bond_map *map)
    OVS_REQUIRES(dev->mutex)
{
    for (size_t i = 0; i < map->n_members; i++) {
        struct dp_packet_batch batch;

        if (!map->enabled[i]) {
            continue;
        }
        dp_packet_batch_init(&batch);
        send_queue(map->members[i], &batch,
                   learning_frame(map->macs[i], map->macs[i], 0));
        if (map->members[i] == map->active) {
            ovs_mutex_lock(&dev->addr_mutex);
            for (size_t a = 0; a < dev->n_addrs; a++) {
                const struct bond_host_addr *ha = &dev->addrs[a];
                bool dup = false;
                for (size_t b = 0; b < a && !dup; b++) {
                    dup = (eth_addr_equals(dev->addrs[b].mac, ha->mac)
                           && dev->addrs[b].vlan == ha->vlan);
                }
                if (!dup) {
                    send_queue(map->members[i], &batch,
                               learning_frame(ha->mac, ha->mac, ha->vlan));
                }
            }
            ovs_mutex_unlock(&dev->addr_mutex);
        }
        send_flush(map->members[i], &batch);
    }
}

/* Sends balance-alb's updates due at 'now': ARP replies that give each
 * peer its member's MAC for the host's address. */
static void
bond_alb_send_updates(struct netdev_bond *dev, const struct bond_map *map,
                      long long int now)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_alb_update updates[BOND_ALB_MAX_PEERS];
    size_t n = 0;

    ovs_mutex_lock(&dev->alb_mutex);
    if (dev->alb) {
        n = bond_alb_run(dev->alb, now, updates, ARRAY_SIZE(updates));
    }
    ovs_mutex_unlock(&dev->alb_mutex);

    for (size_t i = 0; i < n; i++) {
        const struct bond_alb_update *u = &updates[i];
        int tx = u->member < BOND_MAX_MEMBERS ? map->slot_tx[u->member] : -1;
        struct dp_packet_batch batch;

        if (tx < 0) {
            continue;
        }
        dp_packet_batch_init(&batch);
        for (int copy = 0; copy < BOND_ALB_UPDATE_COPIES; copy++) {
            struct dp_packet *packet = dp_packet_new(0);
            compose_arp(packet, ARP_OP_REPLY, u->mac, u->peer_mac, false,
                        u->host_ip, u->peer_ip);
            if (u->vlan) {
                eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(u->vlan));
            }
            dp_packet_batch_add(&batch, packet);
        }
        VLOG_DBG("%s: tell "IP_FMT" that "IP_FMT" is at "ETH_ADDR_FMT
                 " (member %s)", netdev_get_name(&dev->up),
                 IP_ARGS(u->peer_ip), IP_ARGS(u->host_ip),
                 ETH_ADDR_ARGS(u->mac), netdev_get_name(map->tx[tx]));
        netdev_send(map->tx[tx], 0, &batch, true);
    }
}

/* Republishes the map when the host has new addresses that the receive
 * path of balance-alb or fail_over_mac active should know. */
static void
bond_refresh_hosts(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (bond_uses_host_addrs(&dev->settings)) {
        bool stale;
        ovs_mutex_lock(&dev->addr_mutex);
        stale = dev->addr_gen != dev->map_addr_gen;
        ovs_mutex_unlock(&dev->addr_mutex);
        if (stale) {
            bond_publish_map(dev);
        }
    }
}

/* Runs balance-tlb's and -alb's timers: learning frames every lp_interval,
 * and balance-alb's table of peers. */
static void
bond_tlb_run(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const struct bond_settings *s = &dev->settings;

    if (s->mode != BOND_MODE_BALANCE_TLB
        && s->mode != BOND_MODE_BALANCE_ALB) {
        dev->lp_next = LLONG_MAX;
        return;
    }

    struct bond_map *map = ovsrcu_get_protected(struct bond_map *,
                                                &dev->map);
    if (dev->lp_next == LLONG_MAX) {
        dev->lp_next = now;
    }
    if (now >= dev->lp_next) {
        bond_send_learning(dev, map);
        dev->lp_next = now + s->lp_interval * 1000LL;
    }
    if (s->mode == BOND_MODE_BALANCE_ALB) {
        bond_alb_send_updates(dev, map, now);
    }
}

/* Transmit. */

/* Accounts 'packet' to the bucket of hash 'hash' and returns the index in
 * 'map->tx' of the member that the bucket maps to. */
static size_t
bond_bucket_tx(struct netdev_bond *dev, const struct bond_map *map,
               uint32_t hash, const struct dp_packet *packet)
{
    uint64_t orig;

    atomic_add_relaxed(&dev->bucket_bytes[hash & BOND_HASH_MASK],
                       dp_packet_size(packet), &orig);
    return map->buckets[hash & BOND_HASH_MASK];
}

/* Returns the Ethernet ARP header of 'packet', whose L3 header is at 'l3',
 * or NULL if it is not one. */
static struct arp_eth_header *
packet_arp(struct dp_packet *packet, size_t l3)
{
    struct arp_eth_header *arp = (void *) ((uint8_t *) dp_packet_data(packet)
                                           + l3);

    if (dp_packet_size(packet) < l3 + ARP_ETH_HEADER_LEN
        || arp->ar_hrd != htons(ARP_HRD_ETHERNET)
        || arp->ar_pro != htons(ARP_PRO_IP)
        || arp->ar_hln != ETH_ADDR_LEN || arp->ar_pln != 4) {
        return NULL;
    }
    return arp;
}

static void
arp_to_alb(const struct arp_eth_header *arp, uint16_t vlan,
           struct bond_alb_arp *out)
{
    out->sha = arp->ar_sha;
    out->spa = get_16aligned_be32(&arp->ar_spa);
    out->tha = arp->ar_tha;
    out->tpa = get_16aligned_be32(&arp->ar_tpa);
    out->vlan = vlan;
}

/* balance-alb: the host sends ARP frame 'arp' in 'packet'.  A reply goes
 * out on the member assigned to its peer, carrying that member's MAC
 * unless it is the active member; anything else goes out unchanged on the
 * active member.  Returns the index in 'map->tx' to send on. */
static size_t
bond_alb_tx_arp(struct netdev_bond *dev, const struct bond_map *map,
                struct dp_packet *packet, struct arp_eth_header *arp,
                uint16_t vlan, size_t active)
{
    struct bond_alb_arp a;
    struct eth_addr sha;
    int slot = -1;

    arp_to_alb(arp, vlan, &a);
    ovs_mutex_lock(&dev->alb_mutex);
    if (dev->alb) {
        if (arp->ar_op == htons(ARP_OP_REPLY)) {
            slot = bond_alb_host_reply(dev->alb, &a, time_msec(), &sha);
        } else if (arp->ar_op == htons(ARP_OP_REQUEST)) {
            bond_alb_host_request(dev->alb, &a, time_msec());
        }
    }
    ovs_mutex_unlock(&dev->alb_mutex);

    int tx = slot >= 0 && slot < BOND_MAX_MEMBERS ? map->slot_tx[slot] : -1;
    if (tx < 0 || (size_t) tx == active) {
        return active;
    }
    struct eth_header *eth = dp_packet_data(packet);
    eth->eth_src = sha;
    arp->ar_sha = sha;
    return tx;
}

/* balance-tlb and balance-alb: returns the index in 'map->tx' of the member
 * that transmits 'packet'.  Unicast IPv4 and IPv6 are spread by the xmit
 * hash, over buckets placed by load with tlb_dynamic_lb; a member other
 * than the active one sends them from its own MAC, so that the switch
 * never sees the host's MAC on two ports.  Everything else goes out on the
 * active member, as Linux does. */
static size_t
bond_choose_tlb(struct netdev_bond *dev, const struct bond_map *map,
                struct dp_packet *packet)
{
    size_t active = map->active_tx >= 0 ? map->active_tx : 0;
    struct eth_header *eth = dp_packet_data(packet);
    uint16_t vlan;
    ovs_be16 type;
    size_t l3;

    if (!packet_l3(packet, &type, &l3, &vlan)
        || eth_addr_is_multicast(eth->eth_dst)) {
        return active;
    }
    if (type == htons(ETH_TYPE_ARP)) {
        struct arp_eth_header *arp = packet_arp(packet, l3);
        return (arp && map->mode == BOND_MODE_BALANCE_ALB
                ? bond_alb_tx_arp(dev, map, packet, arp, vlan, active)
                : active);
    }
    if ((type != htons(ETH_TYPE_IP) && type != htons(ETH_TYPE_IPV6))
        || map->n_tx < 2) {
        return active;
    }

    uint32_t h;
    if (map->mode == BOND_MODE_BALANCE_ALB) {
        /* Linux's alb: the XOR of the destination address's bytes. */
        const uint8_t *data = dp_packet_data(packet);
        size_t off = l3 + (type == htons(ETH_TYPE_IP) ? 16 : 24);
        size_t len = type == htons(ETH_TYPE_IP) ? 4 : 16;

        if (dp_packet_size(packet) < off + len) {
            return active;
        }
        h = 0;
        for (size_t i = 0; i < len; i++) {
            h ^= data[off + i];
        }
    } else {
        h = bond_hash_linux(map->policy, BOND_VLAN_OUT_OF_BAND,
                            dp_packet_data(packet), dp_packet_size(packet));
    }
    size_t tx = (map->tlb_dynamic ? bond_bucket_tx(dev, map, h, packet)
                 : h % map->n_tx);
    if (tx != active) {
        eth->eth_src = map->tx_mac[tx];
    }
    return tx;
}

/* If the neighbour discovery message at 'l4' in 'packet' carries 'old' as
 * its source or target link-layer address, makes it 'new', fixing the
 * checksum. */
static void
nd_rewrite_lla(struct dp_packet *packet, size_t l4, const struct eth_addr old,
               const struct eth_addr new)
{
    uint8_t *data = dp_packet_data(packet);
    size_t size = dp_packet_size(packet);
    size_t opt;

    switch (data[l4]) {
    case ND_ROUTER_SOLICIT: opt = l4 + 8; break;
    case ND_NEIGHBOR_SOLICIT: case ND_NEIGHBOR_ADVERT: opt = l4 + 24; break;
    default: return;
    }
    while (opt + 8 <= size && data[opt + 1]) {
        size_t len = data[opt + 1] * 8;
        if ((data[opt] == ND_OPT_SOURCE_LINKADDR
             || data[opt] == ND_OPT_TARGET_LINKADDR) && len == 8
            && !memcmp(data + opt + 2, &old, ETH_ADDR_LEN)) {
            ovs_be16 csum;

            memcpy(&csum, data + l4 + 2, sizeof csum);
            csum = recalc_csum48(csum, old, new);
            memcpy(data + l4 + 2, &csum, sizeof csum);
            memcpy(data + opt + 2, &new, ETH_ADDR_LEN);
        }
        opt += len;
    }
}

/* fail_over_mac active: 'packet' leaves from the active member's MAC
 * instead of the host's, and so do the ARP and neighbour discovery
 * messages in which the host gives its MAC, so that peers send to the
 * active member's MAC (the receive path gives the host its MAC back). */
static void
bond_fom_tx(const struct bond_map *map, struct dp_packet *packet)
{
    struct eth_header *eth = dp_packet_data(packet);
    struct eth_addr host;
    uint16_t vlan;
    ovs_be16 type;
    size_t l3;

    if (!packet_l3(packet, &type, &l3, &vlan)
        || eth_addr_is_multicast(eth->eth_src)
        || eth_addr_equals(eth->eth_src, map->active_mac)) {
        return;
    }
    host = eth->eth_src;
    eth->eth_src = map->active_mac;
    if (type == htons(ETH_TYPE_ARP)) {
        struct arp_eth_header *arp = packet_arp(packet, l3);
        if (arp && eth_addr_equals(arp->ar_sha, host)) {
            arp->ar_sha = map->active_mac;
        }
    } else if (type == htons(ETH_TYPE_IPV6)
               && dp_packet_size(packet) >= l3 + IPV6_HEADER_LEN + 4) {
        const uint8_t *data = dp_packet_data(packet);
        if (data[l3 + 6] == IPPROTO_ICMPV6) {
            nd_rewrite_lla(packet, l3 + IPV6_HEADER_LEN, host,
                           map->active_mac);
        }
    }
}

/* Returns the index in 'map->tx' of the member that transmits 'packet'.
 * 'map->n_tx' is nonzero. */
static size_t
bond_choose_tx(struct netdev_bond *dev, const struct bond_map *map,
               struct dp_packet *packet)
{
    switch (map->mode) {
    case BOND_MODE_BALANCE_RR: {
        uint64_t n;
        if (!map->packets_per_member) {
            return random_uint32() % map->n_tx;
        }
        atomic_add_relaxed(&dev->rr_counter, 1, &n);
        return (n / map->packets_per_member) % map->n_tx;
    }

    case BOND_MODE_BALANCE_TLB:
    case BOND_MODE_BALANCE_ALB:
        return bond_choose_tlb(dev, map, packet);

    case BOND_MODE_BALANCE_XOR:
    case BOND_MODE_8023AD:
        return bond_hash_linux(map->policy, BOND_VLAN_OUT_OF_BAND,
                               dp_packet_data(packet),
                               dp_packet_size(packet)) % map->n_tx;

    case BOND_MODE_BALANCE_SLB: {
        const struct eth_header *eth = dp_packet_data(packet);
        uint32_t h = (dp_packet_size(packet) >= ETH_HEADER_LEN
                      ? bond_hash_slb(eth->eth_src, packet_vlan(packet),
                                      map->hash_basis)
                      : 0);
        return bond_bucket_tx(dev, map, h, packet);
    }

    case BOND_MODE_BALANCE_TCP: {
        /* The datapath's 5-tuple hash, as lb-output-action uses it. */
        uint32_t h = (dp_packet_rss_valid(packet)
                      ? dp_packet_get_rss_hash(packet)
                      : bond_hash_linux(BOND_XMIT_LAYER34,
                                        BOND_VLAN_OUT_OF_BAND,
                                        dp_packet_data(packet),
                                        dp_packet_size(packet)));
        h = hash_int(h, map->hash_basis);
        return bond_bucket_tx(dev, map, h, packet);
    }

    case BOND_MODE_ACTIVE_BACKUP:
    case BOND_MODE_BROADCAST:
    case N_BOND_MODES:
    default:
        return 0;
    }
}

/* Sends each packet of 'batch' on every member that may transmit. */
static int
bond_send_broadcast(const struct bond_map *map, struct dp_packet_batch *batch)
{
    for (size_t i = 0; i + 1 < map->n_tx; i++) {
        struct dp_packet_batch copy;
        struct dp_packet *packet;

        dp_packet_batch_init(&copy);
        DP_PACKET_BATCH_FOR_EACH (j, packet, batch) {
            dp_packet_batch_add(&copy, dp_packet_clone(packet));
        }
        netdev_send(map->tx[i], 0, &copy, true);
    }
    return netdev_send(map->tx[map->n_tx - 1], 0, batch, true);
}

/* Sends 'batch' on the members, as the bond's mode says: the transmit path
 * of the switch's thread, or of the bond's transmit thread. */
static int
bond_send_now(struct netdev_bond *dev, struct dp_packet_batch *batch)
{
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);
    struct dp_packet *packet;

    if (OVS_UNLIKELY(!map->n_tx)) {
        uint64_t orig;
        atomic_add_relaxed(&dev->tx_dropped, dp_packet_batch_size(batch),
                           &orig);
        dp_packet_delete_batch(batch, true);
        return 0;
    }

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        bond_learn(dev, packet);
    }

    /* The members own the packets from here on, even on error. */
    if (map->mode == BOND_MODE_ACTIVE_BACKUP) {
        if (OVS_UNLIKELY(!map->active)) {
            dp_packet_delete_batch(batch, true);
            return 0;
        }
        if (OVS_UNLIKELY(map->fom_active)) {
            DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
                bond_fom_tx(map, packet);
            }
        }
        return netdev_send(map->active, 0, batch, true);
    } else if (map->mode == BOND_MODE_BROADCAST) {
        return bond_send_broadcast(map, batch);
    } else if (map->n_tx == 1 && map->mode != BOND_MODE_BALANCE_ALB) {
        return netdev_send(map->tx[0], 0, batch, true);
    }

    /* Splits the batch per member. */
    uint8_t choice[NETDEV_MAX_BURST];
    uint64_t pending = 0;       /* Bit per member with packets. */
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        choice[i] = bond_choose_tx(dev, map, packet);
        pending |= UINT64_C(1) << choice[i];
    }

    int error = 0;
    while (pending) {
        int m = raw_ctz(pending);
        struct dp_packet_batch sub;

        pending &= pending - 1;
        dp_packet_batch_init(&sub);
        DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
            if (choice[i] == m) {
                dp_packet_batch_add(&sub, packet);
            }
        }
        int retval = netdev_send(map->tx[m], 0, &sub, true);
        error = error ? error : retval;
    }
    return error;
}

/* Transmit thread.
 *
 * With kernel devices as members, sending is a system call whose kernel
 * work (for a veth, the receiving side's whole network stack) runs in the
 * sender's thread, which in a userspace switch is the thread that also
 * receives and switches every packet.  The bond can hand busy bursts to a
 * thread of its own instead, so that the two run on two cores.
 *
 * The switch's thread puts packets on a ring (single producer: the caller
 * of netdev_bond_send(), serialized by 'producer_mutex' only when the
 * datapath says the queue is shared); the transmit thread takes them off
 * in batches and sends them as netdev_bond_send() would have.  A burst
 * smaller than bond-tx-thread-burst packets (16) that finds the thread
 * idle and the ring empty is sent at once by the caller: waking a thread
 * costs more than sending a few packets, and with the ring empty nothing
 * queued can be overtaken. */

static void *
bond_tx_thread_main(void *txt_)
{
    struct bond_tx_thread *txt = txt_;
    unsigned int batches = 0;

    for (;;) {
        uint32_t head, tail;
        bool exit;

        atomic_read_relaxed(&txt->head, &head);
        atomic_read_explicit(&txt->tail, &tail, memory_order_acquire);
        if (head != tail) {
            struct dp_packet_batch batch;

            dp_packet_batch_init(&batch);
            for (uint32_t i = head; i != tail; i++) {
                dp_packet_batch_add(&batch, txt->ring[i % BOND_TX_RING]);
                if (dp_packet_batch_is_full(&batch)) {
                    break;
                }
            }
            /* Sending takes over the batch and may empty it. */
            uint32_t n = dp_packet_batch_size(&batch);
            bond_send_now(txt->dev, &batch);

            /* Only now may a sender that finds the ring empty send on its
             * own: these packets are out. */
            atomic_store_explicit(&txt->head, head + n,
                                  memory_order_release);
            if (++batches % BOND_TX_QUIESCE == 0) {
                ovsrcu_quiesce();
            }
            continue;
        }

        atomic_read_relaxed(&txt->exit, &exit);
        if (exit) {
            break;
        }
        atomic_store(&txt->sleeping, true);
        atomic_read(&txt->tail, &tail);
        if (tail != head) {
            atomic_store(&txt->sleeping, false);
            continue;
        }
        latch_wait(&txt->latch);
        poll_block();           /* Quiescent while it blocks. */
        latch_poll(&txt->latch);
    }
    return NULL;
}

static struct bond_tx_thread *
bond_tx_thread_start(struct netdev_bond *dev)
{
    struct bond_tx_thread *txt = xzalloc(sizeof *txt);

    txt->dev = dev;
    latch_init(&txt->latch);
    atomic_init(&txt->sleeping, false);
    atomic_init(&txt->exit, false);
    ovs_mutex_init(&txt->producer_mutex);
    atomic_init(&txt->head, 0);
    atomic_init(&txt->tail, 0);
    atomic_init(&txt->n_queued, 0);
    atomic_init(&txt->n_direct, 0);
    atomic_init(&txt->n_full, 0);
    atomic_init(&txt->n_wakeups, 0);
    txt->thread = ovs_thread_create("bond_tx", bond_tx_thread_main, txt);
    return txt;
}

/* Stops 'txt', after it has sent what is on its ring.  No sender may use
 * it any more. */
static void
bond_tx_thread_stop(struct bond_tx_thread *txt)
{
    if (txt) {
        atomic_store(&txt->exit, true);
        latch_set(&txt->latch);
        xpthread_join(txt->thread, NULL);
        latch_destroy(&txt->latch);
        ovs_mutex_destroy(&txt->producer_mutex);
        free(txt);
    }
}

/* Puts 'batch' on the ring of 'txt' and returns true, or returns false
 * without doing anything if 'batch' has fewer than 'burst' packets and the
 * thread is idle: the caller then sends it itself. */
static bool
bond_tx_enqueue(struct bond_tx_thread *txt, size_t burst,
                struct dp_packet_batch *batch)
{
    size_t n = dp_packet_batch_size(batch);
    uint32_t head, tail;
    bool sleeping;

    atomic_read_relaxed(&txt->tail, &tail);
    atomic_read(&txt->sleeping, &sleeping);
    atomic_read_explicit(&txt->head, &head, memory_order_acquire);
    if (sleeping && head == tail && n < burst) {
        uint64_t orig;
        atomic_add_relaxed(&txt->n_direct, n, &orig);
        return false;
    }

    struct dp_packet *packet;
    size_t n_full = 0;
    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        if (tail - head < BOND_TX_RING) {
            txt->ring[tail++ % BOND_TX_RING] = packet;
        } else {
            dp_packet_delete(packet);
            n_full++;
        }
    }
    atomic_store_explicit(&txt->tail, tail, memory_order_release);

    uint64_t orig;
    atomic_add_relaxed(&txt->n_queued, n - n_full, &orig);
    if (n_full) {
        /* Counted in the bond's tx_dropped too, as any other drop. */
        atomic_add_relaxed(&txt->n_full, n_full, &orig);
        atomic_add_relaxed(&txt->dev->tx_dropped, n_full, &orig);
    }

    /* Pairs with the thread's store of 'sleeping' before its last look at
     * 'tail': either it sees the new tail or this sees it sleeping. */
    atomic_thread_fence(memory_order_seq_cst);
    atomic_read(&txt->sleeping, &sleeping);
    if (sleeping) {
        atomic_store(&txt->sleeping, false);
        atomic_add_relaxed(&txt->n_wakeups, 1, &orig);
        latch_set(&txt->latch);
    }
    return true;
}

static int
netdev_bond_send(struct netdev *netdev, int qid OVS_UNUSED,
                 struct dp_packet_batch *batch, bool concurrent_txq)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);
    struct bond_tx_thread *txt = map->txt;
    bool queued;

    if (!txt) {
        return bond_send_now(dev, batch);
    }
    if (OVS_UNLIKELY(concurrent_txq)) {
        ovs_mutex_lock(&txt->producer_mutex);
        queued = bond_tx_enqueue(txt, map->tx_burst, batch);
        ovs_mutex_unlock(&txt->producer_mutex);
    } else {
        queued = bond_tx_enqueue(txt, map->tx_burst, batch);
    }
    return queued ? 0 : bond_send_now(dev, batch);
}

/* Returns true if the bond's transmit thread should send for it now. */
static bool
bond_wants_tx_thread(const struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    switch (dev->settings.tx_thread) {
    case BOND_TX_THREAD_ON:
        return true;
    case BOND_TX_THREAD_OFF:
        return false;
    case BOND_TX_THREAD_AUTO:
    default: {
        size_t n = 0;
        for (size_t i = 0; i < dev->n_members; i++) {
            const struct netdev *member = dev->members[i].netdev;
            if (member) {
                const char *type = netdev_get_type(member);
                if (strcmp(type, "system") && strcmp(type, "internal")
                    && strcmp(type, "tap")) {
                    return false;
                }
                n++;
            }
        }
        return n > 0;
    }
    }
}

static int
netdev_bond_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    if (!eth_addr_equals(dev->hwaddr, mac)) {
        dev->hwaddr = mac;
        if (dev->lacp) {
            /* The LACP system ID follows the bond's MAC by default. */
            bond_configure_lacp(dev, time_msec());
        }
        netdev_change_seq_changed(netdev);
    }
    dev->hwaddr_set = true;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_bond_get_etheraddr(const struct netdev *netdev, struct eth_addr *mac)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    *mac = dev->hwaddr;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_bond_get_mtu(const struct netdev *netdev, int *mtup)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    if (dev->mtu) {
        *mtup = dev->mtu;
    } else {
        /* The smallest member MTU. */
        int mtu = 0;
        for (size_t i = 0; i < dev->n_members; i++) {
            int m;
            if (dev->members[i].netdev
                && !netdev_get_mtu(dev->members[i].netdev, &m)
                && (!mtu || m < mtu)) {
                mtu = m;
            }
        }
        *mtup = mtu ? mtu : ETH_PAYLOAD_MAX;
    }
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_bond_set_mtu(struct netdev *netdev, int mtu)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    int error = 0;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev) {
            int retval = netdev_set_mtu(dev->members[i].netdev, mtu);
            if (retval && retval != EOPNOTSUPP && !error) {
                error = retval;
            }
        }
    }
    if (!error && dev->mtu != mtu) {
        dev->mtu = mtu;
        netdev_change_seq_changed(netdev);
    }
    ovs_mutex_unlock(&dev->mutex);
    return error;
}

static int
netdev_bond_get_carrier(const struct netdev *netdev, bool *carrier)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    *carrier = dev->carrier;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static long long int
netdev_bond_get_carrier_resets(const struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    long long int resets = dev->carrier_resets;
    ovs_mutex_unlock(&dev->mutex);
    return resets;
}

/* Adds 'src' to 'dst', field by field, skipping fields that 'src' does not
 * support (UINT64_MAX). */
static void
stats_add(struct netdev_stats *dst, const struct netdev_stats *src)
{
    const uint64_t *s = (const uint64_t *) src;
    uint64_t *d = (uint64_t *) dst;

    BUILD_ASSERT(sizeof *src % sizeof *s == 0);
    for (size_t i = 0; i < sizeof *src / sizeof *s; i++) {
        if (s[i] != UINT64_MAX) {
            d[i] = (d[i] == UINT64_MAX ? 0 : d[i]) + s[i];
        }
    }
}

/* The bond's statistics are the sum of its members', as in Linux, plus the
 * frames that the bond itself dropped. */
static int
netdev_bond_get_stats(const struct netdev *netdev, struct netdev_stats *stats)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    uint64_t tx_dropped, rx_dropped = 0;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        if (m->netdev) {
            struct netdev_stats ms;
            uint64_t dropped;

            if (!netdev_get_stats(m->netdev, &ms)) {
                stats_add(stats, &ms);
            }
            atomic_read_relaxed(&m->rx_dropped, &dropped);
            rx_dropped += dropped;
        }
    }
    ovs_mutex_unlock(&dev->mutex);

    atomic_read_relaxed(&dev->tx_dropped, &tx_dropped);
    stats->tx_dropped = (stats->tx_dropped == UINT64_MAX
                         ? 0 : stats->tx_dropped) + tx_dropped;
    stats->rx_dropped = (stats->rx_dropped == UINT64_MAX
                         ? 0 : stats->rx_dropped) + rx_dropped;
    return 0;
}

static int
netdev_bond_get_status(const struct netdev *netdev, struct smap *smap)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    const char *active = bond_state_active_name(&dev->state);
    smap_add(smap, "bond_mode", bond_config_mode_name(dev->settings.mode));
    smap_add(smap, "bond_active_member", active ? active : "");
    smap_add_format(smap, "bond_members", "%"PRIuSIZE, dev->n_members);
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static int
netdev_bond_update_flags(struct netdev *netdev, enum netdev_flags off,
                         enum netdev_flags on, enum netdev_flags *old_flagsp)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    /* May run in a signal handler: no logging, no member calls.  Members are
     * kept promiscuous while they belong to the bond. */
    if ((off | on) & ~(NETDEV_UP | NETDEV_PROMISC)) {
        return EINVAL;
    }
    ovs_mutex_lock(&dev->mutex);
    *old_flagsp = dev->flags;
    dev->flags |= on;
    dev->flags &= ~off;
    if (*old_flagsp != dev->flags) {
        netdev_change_seq_changed(netdev);
    }
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

/* Membership changes request a reconfiguration so that the datapath reopens
 * the bond's rxq; there is nothing else to apply. */
static int
netdev_bond_reconfigure(struct netdev *netdev OVS_UNUSED)
{
    return 0;
}

/* Receive. */

static struct netdev_rxq *
netdev_bond_rxq_alloc(void)
{
    struct netdev_rxq_bond *rx = xzalloc(sizeof *rx);
    return &rx->up;
}

static int
netdev_bond_rxq_construct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    struct netdev_bond *dev = netdev_bond_cast(rx->up.netdev);

    ovs_mutex_lock(&dev->mutex);
    rx->rxqs = xcalloc(dev->n_members, sizeof *rx->rxqs);
    rx->n_rxqs = 0;
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        if (m->netdev) {
            int error = netdev_rxq_open(m->netdev, &rx->rxqs[rx->n_rxqs], 0);
            if (!error) {
                rx->n_rxqs++;
            } else {
                static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
                VLOG_WARN_RL(&rl, "%s: could not receive on member %s (%s)",
                             netdev_get_name(&dev->up), m->name,
                             ovs_strerror(error));
            }
        }
    }
    rx->next = 0;
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

static void
netdev_bond_rxq_destruct(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);

    for (size_t i = 0; i < rx->n_rxqs; i++) {
        netdev_rxq_close(rx->rxqs[i]);
    }
    free(rx->rxqs);
}

static void
netdev_bond_rxq_dealloc(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    free(rx);
}

/* Returns the MAC of host address 'ip' of 'dev', from 'map' or, for an
 * address learned since the map was made, from the table itself. */
static bool
bond_host_mac(struct netdev_bond *dev, const struct bond_map *map,
              ovs_be32 ip, struct eth_addr *mac)
{
    for (size_t i = 0; i < map->n_hosts; i++) {
        if (map->hosts[i].ip == ip) {
            *mac = map->hosts[i].mac;
            return true;
        }
    }

    /* Rare: the main thread republishes the map within 100 ms. */
    struct in6_addr ip6;
    bool found = false;
    in6_addr_set_mapped_ipv4(&ip6, ip);
    ovs_mutex_lock(&dev->addr_mutex);
    for (size_t i = 0; i < dev->n_addrs && !found; i++) {
        const struct bond_host_addr *a = &dev->addrs[i];
        if (!a->ipv6 && ipv6_addr_equals(&a->ip, &ip6)) {
            *mac = a->mac;
            found = true;
        }
    }
    ovs_mutex_unlock(&dev->addr_mutex);
    return found;
}

/* Returns the MAC of the host that uses IPv6 address 'ip', or, if it is
 * not known but the bond has seen only one MAC use addresses, that one. */
static bool
bond_host_mac6(struct netdev_bond *dev, const struct in6_addr *ip,
               struct eth_addr *mac)
{
    bool found = false, one = true;
    struct eth_addr only = eth_addr_zero;

    ovs_mutex_lock(&dev->addr_mutex);
    for (size_t i = 0; i < dev->n_addrs && !found; i++) {
        const struct bond_host_addr *a = &dev->addrs[i];
        if (a->ipv6 && ipv6_addr_equals(&a->ip, ip)) {
            *mac = a->mac;
            found = true;
        }
        if (i && !eth_addr_equals(a->mac, only)) {
            one = false;
        }
        only = a->mac;
    }
    if (!found && one && dev->n_addrs) {
        *mac = only;
        found = true;
    }
    ovs_mutex_unlock(&dev->addr_mutex);
    return found;
}

/* 'packet' arrived addressed to a member's own MAC, which the bond gave a
 * peer for one of the host's addresses (balance-alb, for IPv4, or
 * fail_over_mac active).  Gives it the host's MAC back.  Returns false, to
 * drop it, if it is not for a host address. */
static bool
bond_rx_to_host(struct netdev_bond *dev, const struct bond_map *map,
                struct dp_packet *packet)
{
    struct eth_header *eth = dp_packet_data(packet);
    const uint8_t *data = dp_packet_data(packet);
    struct eth_addr mac;
    ovs_be32 ip = 0;
    uint16_t vlan;
    ovs_be16 type;
    size_t l3;

    if (!packet_l3(packet, &type, &l3, &vlan)) {
        return false;
    }
    if (type == htons(ETH_TYPE_IPV6)
        && dp_packet_size(packet) >= l3 + IPV6_HEADER_LEN) {
        struct in6_addr dst;

        memcpy(&dst, data + l3 + 24, sizeof dst);
        if (!bond_host_mac6(dev, &dst, &mac)) {
            return false;
        }
        eth->eth_dst = mac;
        return true;
    }

    const struct arp_eth_header *arp = NULL;
    if (type == htons(ETH_TYPE_IP)
        && dp_packet_size(packet) >= l3 + IP_HEADER_LEN) {
        const struct ip_header *ih = (const void *) (data + l3);
        ip = get_16aligned_be32(&ih->ip_dst);
    } else if (type == htons(ETH_TYPE_ARP)) {
        arp = packet_arp(packet, l3);
        ip = arp ? get_16aligned_be32(&arp->ar_tpa) : 0;
    }
    if (!ip) {
        return false;
    }
    if (!bond_host_mac(dev, map, ip, &mac)) {
        /* An address the bond has not seen the host use (after a restart,
         * say): an ARP request still reaches the host, broadcast, and its
         * answer teaches the bond the address. */
        if (!arp || arp->ar_op != htons(ARP_OP_REQUEST)) {
            return false;
        }
        mac = eth_addr_broadcast;
    }
    eth->eth_dst = mac;
    return true;
}

/* balance-alb: feeds the ARP frames in 'batch', which the receive rules
 * accepted, to the table of peers. */
static void
bond_alb_rx(struct netdev_bond *dev, struct dp_packet_batch *batch)
{
    struct dp_packet *packet;

    DP_PACKET_BATCH_FOR_EACH (i, packet, batch) {
        struct arp_eth_header *arp;
        struct bond_alb_arp a;
        uint16_t vlan;
        ovs_be16 type;
        size_t l3;

        if (packet_l3(packet, &type, &l3, &vlan)
            && type == htons(ETH_TYPE_ARP)
            && (arp = packet_arp(packet, l3))) {
            arp_to_alb(arp, vlan, &a);
            ovs_mutex_lock(&dev->alb_mutex);
            if (dev->alb) {
                bond_alb_peer_arp(dev->alb, &a, time_msec());
            }
            ovs_mutex_unlock(&dev->alb_mutex);
        }
    }
}

/* Returns true if the receive rules of 'map' accept 'packet', which arrived
 * on member 'idx' (an index in 'map->members'). */
static bool
bond_rx_accept(struct netdev_bond *dev, const struct bond_map *map,
               size_t idx, struct dp_packet *packet)
{
    const struct eth_header *eth = dp_packet_data(packet);

    if (dp_packet_size(packet) >= ETH_HEADER_LEN
        && eth->eth_type == htons(ETH_TYPE_LACP)) {
        /* Slow protocols are for the bond, never for the datapath. */
        bond_rx_slow(dev, map->members[idx], packet);
        return false;
    }
    if (map->all_members_active) {
        return true;
    }
    if (!map->enabled[idx]) {
        return false;
    }

    switch (map->mode) {
    case BOND_MODE_ACTIVE_BACKUP:
        if (map->members[idx] != map->active) {
            return false;
        }
        if (map->fom_active && dp_packet_size(packet) >= ETH_HEADER_LEN
            && eth_addr_equals(eth->eth_dst, map->active_mac)) {
            return bond_rx_to_host(dev, map, packet);
        }
        return true;

    case BOND_MODE_BALANCE_TLB:
        return map->members[idx] == map->active;

    case BOND_MODE_BALANCE_ALB:
        /* Peers send to the member's MAC that they were told; anything
         * else only counts on the active member. */
        if (dp_packet_size(packet) >= ETH_HEADER_LEN
            && eth_addr_equals(eth->eth_dst, map->macs[idx])) {
            return bond_rx_to_host(dev, map, packet);
        }
        return map->members[idx] == map->active;

    case BOND_MODE_BALANCE_SLB:
        /* Broadcast and multicast only on the active member, so that the
         * switch's flooding does not come back in twice; and never frames
         * from a MAC that we sent out ourselves (a reflection). */
        if (dp_packet_size(packet) < ETH_HEADER_LEN) {
            return false;
        }
        if (eth_addr_is_multicast(eth->eth_dst)
            && map->members[idx] != map->active) {
            return false;
        }
        return !bond_learned(dev, eth->eth_src, packet_vlan(packet));

    case BOND_MODE_BALANCE_RR:
    case BOND_MODE_BALANCE_XOR:
    case BOND_MODE_BROADCAST:
    case BOND_MODE_8023AD:
    case BOND_MODE_BALANCE_TCP:
    case N_BOND_MODES:
    default:
        return true;
    }
}

/* Drops from 'batch', which arrived on 'member', what the receive rules of
 * 'dev' refuse. */
static void
bond_rx_filter(struct netdev_bond *dev, const struct bond_map *map,
               const struct netdev *member, struct dp_packet_batch *batch)
{
    size_t idx;

    for (idx = 0; idx < map->n_members; idx++) {
        if (map->members[idx] == member) {
            break;
        }
    }
    if (idx >= map->n_members) {
        /* Not a member any more: the rxq is about to be reopened. */
        dp_packet_delete_batch(batch, true);
        dp_packet_batch_init(batch);
        return;
    }

    if (map->arp_monitor) {
        bond_arp_rx(dev, map->members[idx], batch);
    }

    struct dp_packet *packet;
    const size_t n_batch = dp_packet_batch_size(batch);
    uint64_t dropped = 0;
    size_t i;
    DP_PACKET_BATCH_REFILL_FOR_EACH (i, n_batch, packet, batch) {
        if (bond_rx_accept(dev, map, idx, packet)) {
            dp_packet_batch_refill(batch, packet, i);
        } else {
            dp_packet_delete(packet);
            dropped++;
        }
    }
    if (dropped) {
        uint64_t orig;
        atomic_add_relaxed(&map->mstate[idx]->rx_dropped, dropped, &orig);
    }
    if (map->mode == BOND_MODE_BALANCE_ALB) {
        bond_alb_rx(dev, batch);
    }
}

static int
netdev_bond_rxq_recv(struct netdev_rxq *rxq, struct dp_packet_batch *batch,
                     int *qfill)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    struct netdev_bond *dev = netdev_bond_cast(rx->up.netdev);
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);

    if (qfill) {
        *qfill = -ENOTSUP;
    }

    bool pending;
    atomic_read_relaxed(&dev->inject_pending, &pending);
    if (OVS_UNLIKELY(pending)) {
        size_t n = 0;

        ovs_mutex_lock(&dev->inject_mutex);
        while (n < dev->n_inject
               && dp_packet_batch_size(batch) < NETDEV_MAX_BURST) {
            dp_packet_batch_add(batch, dev->inject[n++]);
        }
        dev->n_inject -= n;
        memmove(dev->inject, dev->inject + n,
                dev->n_inject * sizeof dev->inject[0]);
        if (!dev->n_inject) {
            atomic_store_relaxed(&dev->inject_pending, false);
        }
        ovs_mutex_unlock(&dev->inject_mutex);
        if (!dp_packet_batch_is_empty(batch)) {
            return 0;
        }
    }

    /* The active member first, when only it may deliver. */
    bool active_only = (map->active && !map->all_members_active
                        && (map->mode == BOND_MODE_ACTIVE_BACKUP
                            || map->mode == BOND_MODE_BALANCE_TLB
                            || map->mode == BOND_MODE_BALANCE_ALB));
    if (active_only && ++rx->polls % BOND_BACKUP_POLL) {
        for (size_t i = 0; i < rx->n_rxqs; i++) {
            struct netdev_rxq *mrx = rx->rxqs[i];
            if (netdev_rxq_get_netdev(mrx) == map->active) {
                if (!netdev_rxq_recv(mrx, batch, NULL)) {
                    bond_rx_filter(dev, map, map->active, batch);
                    if (!dp_packet_batch_is_empty(batch)) {
                        return 0;
                    }
                }
                return EAGAIN;
            }
        }
    }

    /* Polls each member once, starting after the one that delivered last,
     * and returns the first frames that pass the receive rules. */
    for (size_t i = 0; i < rx->n_rxqs; i++) {
        size_t idx = (rx->next + i) % rx->n_rxqs;
        struct netdev_rxq *mrx = rx->rxqs[idx];

        if (!netdev_rxq_recv(mrx, batch, NULL)) {
            bond_rx_filter(dev, map, netdev_rxq_get_netdev(mrx), batch);
            if (!dp_packet_batch_is_empty(batch)) {
                rx->next = (idx + 1) % rx->n_rxqs;
                return 0;
            }
        }
    }
    return EAGAIN;
}

static void
netdev_bond_rxq_wait(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);
    struct netdev_bond *dev = netdev_bond_cast(rx->up.netdev);
    bool pending;

    atomic_read_relaxed(&dev->inject_pending, &pending);
    if (pending) {
        poll_immediate_wake();
    }

    for (size_t i = 0; i < rx->n_rxqs; i++) {
        netdev_rxq_wait(rx->rxqs[i]);
    }
}

static int
netdev_bond_rxq_drain(struct netdev_rxq *rxq)
{
    struct netdev_rxq_bond *rx = netdev_rxq_bond_cast(rxq);

    for (size_t i = 0; i < rx->n_rxqs; i++) {
        netdev_rxq_drain(rx->rxqs[i]);
    }
    return 0;
}

static const struct netdev_class bond_class = {
    .type = "bond",
    .is_pmd = false,
    .run = netdev_bond_run,
    .wait = netdev_bond_wait,
    .alloc = netdev_bond_alloc,
    .construct = netdev_bond_construct,
    .destruct = netdev_bond_destruct,
    .dealloc = netdev_bond_dealloc,
    .get_config = netdev_bond_get_config,
    .set_config = netdev_bond_set_config,
    .send = netdev_bond_send,
    .set_etheraddr = netdev_bond_set_etheraddr,
    .get_etheraddr = netdev_bond_get_etheraddr,
    .get_mtu = netdev_bond_get_mtu,
    .set_mtu = netdev_bond_set_mtu,
    .get_carrier = netdev_bond_get_carrier,
    .get_carrier_resets = netdev_bond_get_carrier_resets,
    .get_stats = netdev_bond_get_stats,
    .get_status = netdev_bond_get_status,
    .update_flags = netdev_bond_update_flags,
    .reconfigure = netdev_bond_reconfigure,
    .rxq_alloc = netdev_bond_rxq_alloc,
    .rxq_construct = netdev_bond_rxq_construct,
    .rxq_destruct = netdev_bond_rxq_destruct,
    .rxq_dealloc = netdev_bond_rxq_dealloc,
    .rxq_recv = netdev_bond_rxq_recv,
    .rxq_wait = netdev_bond_rxq_wait,
    .rxq_drain = netdev_bond_rxq_drain,
};
