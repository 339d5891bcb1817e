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

#ifndef NETDEV_BOND_PRIVATE_H
#define NETDEV_BOND_PRIVATE_H 1

/* The "bond" netdev class's private interface: the structures that its
 * files share, the packet helpers of its packet path, and the functions
 * that one file of the class calls in another.  See netdev-bond.c for the
 * class's threads and lifetimes.
 *
 *   netdev-bond.c            the class: construct/destruct, set_config,
 *                            run/wait, link state and carrier, the map
 *                            the packet path reads, MAC/MTU/flags/stats
 *   netdev-bond-member.c     opening and closing members, their MACs
 *   netdev-bond-tx.c         transmit, per mode; bucket rebalancing
 *   netdev-bond-tx-thread.c  the transmit thread
 *   netdev-bond-rx.c         receive, per mode
 *   netdev-bond-queues.c     the queues the datapath sees; members'
 *                            reconfiguration; the PMD class's transmit
 *                            queues
 *   netdev-bond-alb.c        balance-tlb and balance-alb
 *   netdev-bond-lacp.c       802.3ad glue to lib/lacp-fsm.c
 *   netdev-bond-arpmon.c     ARP monitor glue to lib/bond-arpmon.c
 *   netdev-bond-announce.c   learning table, announcements after failover
 *   netdev-bond-report.c     what the commands and the daemon read
 *
 * Every file logs as the one module "netdev_bond", defined in
 * netdev-bond.c, so that "vlog/set netdev_bond:dbg" covers the class. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bond-alb.h"
#include "bond-arpmon.h"
#include "bond-config.h"
#include "bond-hash.h"
#include "bond-state.h"
#include "dp-packet.h"
#include "latch.h"
#include "lacp-fsm.h"
#include "netdev-bond.h"
#include "netdev-provider.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"

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
    atomic_uint32_t epoch;      /* netdev_bond_epoch when last seen. */
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
    uint32_t epoch;             /* netdev_bond_epoch when last seen. */
};

/* Kernel settings a member that is a network device gets while it belongs
 * to a bond (see member_sysctls in netdev-bond-member.c). */
#define N_MEMBER_SYSCTLS 3

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
    bool unconfigured;          /* A PMD bond's member that the datapath
                                 * has not reconfigured the bond with yet,
                                 * or whose last netdev_reconfigure() failed
                                 * (a DPDK port not yet attached): it has
                                 * no queues to poll or send on, and is
                                 * down. */
    atomic_uint64_t rx_dropped; /* Frames the receive rules dropped. */
    struct bond_arpmon_member arp; /* ARP monitor's times, under the
                                    * bond's 'mutex'. */
};

/* A host address, as balance-alb's receive path looks it up. */
struct bond_host4 {
    ovs_be32 ip;
    struct eth_addr mac;
};

/* The transmit thread (see netdev-bond-tx-thread.c). */
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

    /* Placement by load, in the modes with buckets (balance-slb,
     * balance-tcp, balance-tlb and -alb with tlb_dynamic_lb): a bucket that
     * carried nothing in the last rebalance interval ('idle') goes, at its
     * first packet, to the member with the fewest busy buckets: those that
     * carried traffic in the last interval ('n_busy') and those placed
     * since this map was published ('n_placed'), and among those, the one
     * that has sent the fewest bucket bytes since then ('tx_bytes').
     * Flows that start together thus spread at once, and a new TCP flow
     * goes where it shares a link with the fewest others; rebalancing
     * evens out the bytes later.  The packet path writes the choice in
     * 'placed' (tx index + 1; 0 while the bucket has none), and the main
     * thread folds it into bond_tx_info's buckets before it publishes the
     * next map.  The first placement under a map wakes the main thread,
     * which settles the new buckets BOND_SETTLE_MS later. */
    uint64_t gen;               /* Which map this is, counting from 1. */
    bool idle[BOND_HASH_BUCKETS];
    atomic_uint8_t placed[BOND_HASH_BUCKETS];
    atomic_bool placed_any;
    uint32_t n_busy[BOND_MAX_MEMBERS];
    atomic_uint32_t n_placed[BOND_MAX_MEMBERS];
    atomic_uint64_t tx_bytes[BOND_MAX_MEMBERS];

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

/* The parts of a bond, one per concern.  Fields that the packet path
 * writes are atomic; the others belong to the main thread and are guarded
 * by the bond's 'mutex' unless a comment names another lock. */

/* Transmit (netdev-bond-tx.c, netdev-bond-tx-thread.c). */

/* How long after the first placement by load under a map the new buckets
 * are settled by what they carried: long enough for TCP to show which
 * flows are heavy, short enough that two heavy flows that started on one
 * member share the bond within a second. */
#define BOND_SETTLE_MS 250

struct bond_tx_info {
    /* balance-slb and balance-tcp: bucket -> index among the members that
     * may transmit, as bond/migrate and rebalancing leave it. */
    uint8_t buckets[BOND_HASH_BUCKETS];
    bool buckets_valid;
    uint64_t bucket_seen[BOND_HASH_BUCKETS]; /* Bytes at last rebalance. */
    bool bucket_idle[BOND_HASH_BUCKETS];     /* Nothing since the one
                                              * before: placed by load. */
    uint64_t map_gen;           /* Generation of the last map published. */
    uint64_t folded_gen;        /* Map whose placements are in 'buckets'. */
    long long int next_rebalance;       /* LLONG_MAX if none is due. */

    /* Settling: placement by load cannot tell a flow that will carry much
     * from one that carries little when their first packets arrive, so
     * BOND_SETTLE_MS after the first placement under a map, the buckets
     * placed since ('young') are moved once, by the bytes every bucket
     * carried in between ('settle_seen' holds the counts at the start). */
    bool bucket_young[BOND_HASH_BUCKETS];
    uint64_t settle_seen[BOND_HASH_BUCKETS];
    long long int settle_at;    /* LLONG_MAX if none is due. */

    /* Started the first time a map uses it, stopped with the bond. */
    struct bond_tx_thread *thread;

    /* Written by the packet path. */
    atomic_uint64_t dropped;    /* Sent while no member was usable. */
    atomic_uint64_t rr_counter; /* balance-rr position. */
    atomic_uint64_t bucket_bytes[BOND_HASH_BUCKETS]; /* SLB/TCP load. */
};

/* ARP and NS monitor, when settings.arp_interval is nonzero
 * (netdev-bond-arpmon.c). */
struct bond_arp_info {
    long long int next;         /* Next probe round. */
    struct eth_addr own[BOND_MAX_MEMBERS + 1]; /* MACs our probes came
                                                * from. */
    size_t n_own;
};

/* What the bond learns from the frames the host sends through it
 * (netdev-bond-announce.c). */
struct bond_learned_info {
    /* Source MACs, written by the packet path without locks. */
    struct bond_learn_entry macs[BOND_LEARN_SIZE];

    /* Host addresses; the packet path only try-locks 'mutex', and only for
     * ARP and neighbour discovery frames. */
    struct ovs_mutex mutex;
    struct bond_host_addr addrs[BOND_MAX_HOST_ADDRS] OVS_GUARDED_BY(mutex);
    size_t n_addrs OVS_GUARDED_BY(mutex);
    uint64_t gen OVS_GUARDED_BY(mutex); /* Changes with an address or its
                                         * MAC. */
};

/* What the bond tells the network after a failover
 * (netdev-bond-announce.c). */
struct bond_announce_info {
    int notify_left;            /* Peer notification rounds still to send. */
    long long int notify_next;  /* When to send the next. */
    uint16_t notify_serial;     /* Varies each round's learning frame
                                 * destination. */
    int relearn_left;           /* Learning frames still to send. */
    long long int relearn_next; /* When to send them. */
    int query_left;             /* Rounds of multicast queries. */
    long long int query_next;   /* When to hand over the next. */

    /* Frames that the bond itself hands to the bridge as received (the
     * multicast queries).  rxq_recv reads 'inject_pending' and takes
     * 'inject_mutex' only when it is true. */
    struct ovs_mutex inject_mutex;
    struct dp_packet *inject[BOND_INJECT_MAX] OVS_GUARDED_BY(inject_mutex);
    size_t n_inject OVS_GUARDED_BY(inject_mutex);
    atomic_bool inject_pending;
};

/* balance-tlb and balance-alb (netdev-bond-alb.c). */
struct bond_alb_info {
    long long int lp_next;      /* Next learning frames. */
    uint64_t map_gen;           /* learned.gen when the map was made. */
    struct ovs_mutex mutex;     /* Taken after the bond's 'mutex'; the
                                 * packet path takes it for ARP frames. */
    struct bond_alb *table OVS_GUARDED_BY(mutex); /* balance-alb's peers,
                                                   * else NULL. */
};

/* The bond's queues as the datapath sees them (netdev-bond-queues.c). */
struct bond_rxq_slot {
    size_t member;              /* Index in the bond's 'members'. */
    int queue;                  /* That member's receive queue. */
};

struct bond_queue_info {
    unsigned int requested_n_txq; /* What the datapath last asked for. */
    struct bond_rxq_slot *slots;  /* The "bond-pmd" class's receive queue
                                   * i polls slots[i]; as laid out at the
                                   * last reconfiguration. */
    size_t n_slots;
};

struct netdev_bond {
    struct netdev up;

    /* In 'netdev_bond_list', protected by 'netdev_bond_list_mutex'. */
    struct ovs_list list_node;

    struct ovs_mutex mutex;

    /* Configuration and state, main thread, guarded by 'mutex'. */
    struct bond_member *members OVS_GUARDED; /* In configuration order. */
    size_t n_members OVS_GUARDED;
    struct bond_settings settings OVS_GUARDED;
    struct bond_state *state OVS_GUARDED; /* Link and active-member state;
                                           * its member i is members[i]. */
    struct eth_addr hwaddr OVS_GUARDED;  /* The bond's MAC. */
    bool hwaddr_set OVS_GUARDED;         /* True if set_etheraddr was used. */
    int mtu OVS_GUARDED;                 /* 0 if never set. */
    enum netdev_flags flags OVS_GUARDED;
    bool carrier OVS_GUARDED;            /* min_links members usable. */
    long long int carrier_resets OVS_GUARDED;
    bool restore_pending OVS_GUARDED;    /* Restore active from its MAC. */
    uint64_t n_failovers OVS_GUARDED;    /* Active member changes, after the
                                          * first one was chosen. */
    long long int last_failover OVS_GUARDED; /* Wall-clock ms, or 0. */

    /* One part per concern, each in the file that owns it. */
    struct bond_tx_info tx;             /* netdev-bond-tx.c, -tx-thread.c */
    struct lacp_fsm *lacp OVS_GUARDED;  /* netdev-bond-lacp.c: 802.1AX, when
                                         * the bond runs LACP, else NULL.
                                         * The packet path never touches
                                         * it: received PDUs are handed
                                         * over under 'mutex'. */
    struct bond_arp_info arp;           /* netdev-bond-arpmon.c */
    struct bond_learned_info learned;   /* netdev-bond-announce.c */
    struct bond_announce_info announce; /* netdev-bond-announce.c */
    struct bond_alb_info alb;           /* netdev-bond-alb.c */
    struct bond_queue_info queues OVS_GUARDED; /* netdev-bond-queues.c */

    /* Read by the packet path. */
    OVSRCU_TYPE(struct bond_map *) map;
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

/* One concern of a bond, as netdev-bond.c drives it from the main thread,
 * with the bond's 'mutex' held.  Any hook may be NULL.
 *
 * 'configure' applies the bond's new settings ('old' are the previous
 * ones); 'run' does what is due at 'now'; 'wake' returns when 'run' must
 * be called again, LLONG_MAX if only after a change.  The packet path calls
 * each concern's receive function directly, at the point of the receive
 * rules where it belongs (netdev-bond-rx.c): the ARP monitor sees every
 * frame, LACP takes the slow protocols, balance-alb what was accepted. */
struct bond_concern {
    const char *name;
    void (*configure)(struct netdev_bond *, const struct bond_settings *old,
                      long long int now);
    void (*run)(struct netdev_bond *, long long int now);
    long long int (*wake)(const struct netdev_bond *, long long int now);
};

extern const struct bond_concern netdev_bond_arpmon_concern;
extern const struct bond_concern netdev_bond_lacp_concern;
extern const struct bond_concern netdev_bond_announce_concern;
extern const struct bond_concern netdev_bond_tx_concern;
extern const struct bond_concern netdev_bond_alb_concern;

/* All bonds, for the commands and for member ownership. */
extern struct ovs_mutex netdev_bond_list_mutex;
extern struct ovs_list netdev_bond_list OVS_GUARDED_BY(netdev_bond_list_mutex);

/* Seconds, for the learning table's ages; advanced by the main thread. */
extern atomic_uint32_t netdev_bond_epoch;

extern const struct netdev_class netdev_bond_class;
extern const struct netdev_class netdev_bond_pmd_class;

/* The module all files of the class log as. */
extern struct vlog_module *VLM_netdev_bond;
#ifndef NETDEV_BOND_DEFINES_LOG_MODULE
#define this_module (*VLM_netdev_bond)
#endif

/* fail_over_mac active: the hosts speak with the active member's MAC. */
static inline bool
bond_fom_active(const struct bond_settings *s)
{
    return (s->mode == BOND_MODE_ACTIVE_BACKUP
            && s->fail_over_mac == BOND_FOM_ACTIVE);
}

/* Whether the receive path needs the host's addresses: balance-alb and
 * fail_over_mac active hand frames for a member's MAC to the host. */
static inline bool
bond_uses_host_addrs(const struct bond_settings *s)
{
    return s->mode == BOND_MODE_BALANCE_ALB || bond_fom_active(s);
}

/* Whether 'm' is open and configured: a member that the bond may poll,
 * send on and count as up. */
static inline bool
netdev_bond_member_usable(const struct bond_member *m)
{
    return m->netdev && !m->unconfigured;
}

static inline bool
is_bond_class(const struct netdev_class *class)
{
    return class->construct == netdev_bond_class.construct;
}

static inline struct netdev_bond *
netdev_bond_cast(const struct netdev *netdev)
{
    ovs_assert(is_bond_class(netdev_get_class(netdev)));
    return CONTAINER_OF(netdev, struct netdev_bond, up);
}

static inline struct netdev_rxq_bond *
netdev_rxq_bond_cast(const struct netdev_rxq *rx)
{
    ovs_assert(is_bond_class(netdev_get_class(rx->netdev)));
    return CONTAINER_OF(rx, struct netdev_rxq_bond, up);
}

/* Packet helpers. */

/* Returns the VLAN ID of 'packet''s outer 802.1Q tag, or 0. */
static inline uint16_t
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
static inline bool
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

/* Returns the Ethernet ARP header of 'packet', whose L3 header is at 'l3',
 * or NULL if it is not one. */
static inline struct arp_eth_header *
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

/* The functions that one file of the class calls in another, by the file
 * that defines them.  Those taking 'dev' with OVS_REQUIRES run in the main
 * thread; the others are the packet path's. */

/* netdev-bond.c. */
bool netdev_bond_refresh_carrier(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);
void netdev_bond_wake_main(void);
void netdev_bond_update(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex);
void netdev_bond_publish_map(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);

/* netdev-bond-member.c. */
void netdev_bond_member_open(const struct netdev *bond, struct bond_member *);
void netdev_bond_member_restore_mac(struct bond_member *);
void netdev_bond_members_close_deferred(struct bond_member *members);
void netdev_bond_members_free_deferred(struct bond_member *members);
struct bond_member *netdev_bond_member_find(const struct netdev_bond *dev,
                                            const char *name)
    OVS_REQUIRES(dev->mutex);
int netdev_bond_member_index(const struct netdev_bond *dev,
                             const struct netdev *)
    OVS_REQUIRES(dev->mutex);
char *netdev_bond_member_owner(const struct netdev_bond *self,
                               const char *member);
void netdev_bond_member_follow_mac(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);

/* netdev-bond-tx.c. */
int netdev_bond_send(struct netdev *, int qid, struct dp_packet_batch *,
                     bool concurrent_txq);
int netdev_bond_tx_send_now(struct netdev_bond *, int qid,
                            struct dp_packet_batch *, bool concurrent);
void netdev_bond_tx_queue(struct netdev *member, struct dp_packet_batch *,
                          struct dp_packet *);
void netdev_bond_tx_flush(struct netdev *member, struct dp_packet_batch *);
void netdev_bond_tx_placements(struct netdev_bond *dev,
                               uint8_t buckets[BOND_HASH_BUCKETS],
                               bool placed[BOND_HASH_BUCKETS])
    OVS_REQUIRES(dev->mutex);
void netdev_bond_tx_fold_placements(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);

/* netdev-bond-tx-thread.c. */
struct bond_tx_thread *netdev_bond_tx_thread_start(struct netdev_bond *);
void netdev_bond_tx_thread_stop(struct bond_tx_thread *);
bool netdev_bond_tx_thread_enqueue(struct bond_tx_thread *, size_t burst,
                                   struct dp_packet_batch *);
bool netdev_bond_tx_thread_wanted(const struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);

/* netdev-bond-rx.c. */
struct netdev_rxq *netdev_bond_rxq_alloc(void);
int netdev_bond_rxq_construct(struct netdev_rxq *);
void netdev_bond_rxq_destruct(struct netdev_rxq *);
void netdev_bond_rxq_dealloc(struct netdev_rxq *);
int netdev_bond_rxq_recv(struct netdev_rxq *, struct dp_packet_batch *,
                         int *qfill);
void netdev_bond_rxq_wait(struct netdev_rxq *);
int netdev_bond_rxq_drain(struct netdev_rxq *);

/* netdev-bond-queues.c. */
void netdev_bond_queues_run(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);
void netdev_bond_queues_wait(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex);
int netdev_bond_set_tx_multiq(struct netdev *, unsigned int n_txq);
int netdev_bond_reconfigure(struct netdev *);
bool netdev_bond_queues_slot(const struct netdev_bond *dev, int id,
                             size_t *member, int *queue)
    OVS_REQUIRES(dev->mutex);
int netdev_bond_get_numa_id(const struct netdev *);
int netdev_bond_member_send(const struct netdev *bond, struct netdev *member,
                            int qid, struct dp_packet_batch *,
                            bool concurrent_txq);
int netdev_bond_member_send_own(struct netdev *member,
                                struct dp_packet_batch *);

/* netdev-bond-alb.c. */
void netdev_bond_alb_publish_hosts(struct netdev_bond *dev, struct bond_map *)
    OVS_REQUIRES(dev->mutex);
void netdev_bond_alb_publish(struct netdev_bond *dev, struct bond_map *,
                             int active)
    OVS_REQUIRES(dev->mutex);
size_t netdev_bond_alb_tx_arp(struct netdev_bond *, const struct bond_map *,
                              struct dp_packet *, struct arp_eth_header *,
                              uint16_t vlan, size_t active);
void netdev_bond_alb_rx(struct netdev_bond *, struct dp_packet_batch *);

/* netdev-bond-lacp.c. */
void netdev_bond_lacp_configure(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex);
void netdev_bond_lacp_send(void *dev, size_t idx, const void *pdu,
                           size_t size)
    OVS_NO_THREAD_SAFETY_ANALYSIS;
void netdev_bond_lacp_rx(struct netdev_bond *, const struct netdev *member,
                         const struct dp_packet *);

/* netdev-bond-arpmon.c. */
bool netdev_bond_arpmon_active_role(const struct netdev_bond *dev,
                                    size_t idx)
    OVS_REQUIRES(dev->mutex);
bool netdev_bond_arpmon_view(const struct netdev_bond *dev, size_t idx,
                             long long int now, long long int *age)
    OVS_REQUIRES(dev->mutex);
void netdev_bond_arpmon_rx(struct netdev_bond *, const struct netdev *member,
                           const struct dp_packet_batch *);

/* netdev-bond-announce.c. */
void netdev_bond_announce_learn(struct netdev_bond *,
                                const struct dp_packet *);
bool netdev_bond_announce_learned(struct netdev_bond *,
                                  const struct eth_addr mac, uint16_t vlan);
struct dp_packet *netdev_bond_announce_frame(const struct eth_addr mac,
                                             const struct eth_addr dst,
                                             uint16_t vlan);
void netdev_bond_announce_start(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex);

#endif /* netdev-bond-private.h */
