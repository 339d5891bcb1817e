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
 * balance-alb's table of peers.  The class owns the member netdevs, moves
 * packets and runs timers from the poll loop, one concern per file (see
 * netdev-bond-private.h); this file holds the class itself: construction,
 * configuration, the main loop's run and wait, the members' link state and
 * the bond's carrier, the map that the packet path reads, and the bond's
 * own attributes (MAC, MTU, flags, statistics).
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
#define NETDEV_BOND_DEFINES_LOG_MODULE 1
#include "netdev-bond-private.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include "bond-arpmon.h"
#include "bond-config.h"
#include "bond-state.h"
#include "dp-packet.h"
#include "lacp-fsm.h"
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
#include "svec.h"
#include "timeval.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(netdev_bond);

struct ovs_mutex netdev_bond_list_mutex = OVS_MUTEX_INITIALIZER;
struct ovs_list netdev_bond_list OVS_GUARDED_BY(netdev_bond_list_mutex)
    = OVS_LIST_INITIALIZER(&netdev_bond_list);
atomic_uint32_t netdev_bond_epoch;

/* connectivity_seq_get()'s value when netdev_bond_run() last looked at the
 * members, and the earliest timer of any bond then.  Main thread only. */
static uint64_t bonds_seq;
static long long int bonds_wake = LLONG_MAX;

/* Bumped by the packet path, rarely, when a bond timer needs to start
 * (netdev_bond_wake_main()), and its value when netdev_bond_run() last
 * ran the bonds. */
static struct seq *bonds_wake_seq;
static uint64_t bonds_wake_seen;

static const struct bond_concern link_concern;

/* A bond's concerns, in the order they configure and run: the ARP monitor
 * first, so that the link concern reads what the members have heard; the
 * link concern before the announcements that its failovers start. */
static const struct bond_concern *const concerns[] = {
    &netdev_bond_arpmon_concern,
    &netdev_bond_lacp_concern,
    &link_concern,
    &netdev_bond_announce_concern,
    &netdev_bond_tx_concern,
    &netdev_bond_alb_concern,
};

/* Registers the "bond" and "bond-pmd" netdev classes.  Call once, before
 * anything opens a netdev of either type. */
void
netdev_bond_register(void)
{
    bonds_wake_seq = seq_create();
    netdev_register_provider(&netdev_bond_class);
    netdev_register_provider(&netdev_bond_pmd_class);
}

/* Makes the main thread run the bonds' timers soon.  Takes a mutex: for
 * the packet path's rare events only, such as a map's first placement. */
void
netdev_bond_wake_main(void)
{
    seq_change(bonds_wake_seq);
}

/* Returns the type of bond, "bond" or "bond-pmd", that members like
 * 'member', a netdev of type 'type', need: "bond-pmd" if PMD threads poll
 * it.  Knows Open vSwitch's types; opens 'member' to ask any other (which
 * constructs it if it is not open yet). */
const char *
netdev_bond_type_for(const char *member, const char *type)
{
    static const char *const main_types[] = {
        "", "system", "internal", "tap", "dummy", "dummy-internal",
        "afxdp-nonpmd",
    };
    static const char *const pmd_types[] = {
        "dpdk", "dpdkvhostuser", "dpdkvhostuserclient", "afxdp", "dummy-pmd",
    };
    struct netdev *netdev;
    bool pmd = false;

    for (size_t i = 0; i < ARRAY_SIZE(main_types); i++) {
        if (!strcmp(type, main_types[i])) {
            return "bond";
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(pmd_types); i++) {
        if (!strcmp(type, pmd_types[i])) {
            return "bond-pmd";
        }
    }
    if (!netdev_open(member, type, &netdev)) {
        pmd = netdev_is_pmd(netdev);
        netdev_close(netdev);
    }
    return pmd ? "bond-pmd" : "bond";
}

/* Returns true if 'netdev' is a bond. */
bool
netdev_bond_is_bond(const struct netdev *netdev)
{
    return is_bond_class(netdev_get_class(netdev));
}

/* Polls every member of every bond for link changes and runs the bonds'
 * timers. */
static void
netdev_bond_run(const struct netdev_class *class OVS_UNUSED)
{
    long long int now = time_msec();
    struct netdev_bond *dev;

    atomic_store_relaxed(&netdev_bond_epoch, now / 1000);

    /* Every change that concerns a bond bumps the connectivity sequence
     * (member carrier, configuration, commands); everything else is a
     * timer.  netdev_run() calls this on every pass of the main loop, most
     * of which are for packets: skip those. */
    ovs_mutex_lock(&netdev_bond_list_mutex);
    LIST_FOR_EACH (dev, list_node, &netdev_bond_list) {
        ovs_mutex_lock(&dev->mutex);
        netdev_bond_queues_run(dev);
        ovs_mutex_unlock(&dev->mutex);
    }
    ovs_mutex_unlock(&netdev_bond_list_mutex);

    uint64_t seq = seq_read(connectivity_seq_get());
    uint64_t wake_seq = seq_read(bonds_wake_seq);
    if (seq == bonds_seq && wake_seq == bonds_wake_seen && now < bonds_wake) {
        return;
    }
    bonds_seq = seq;
    bonds_wake_seen = wake_seq;
    bonds_wake = LLONG_MAX;
    ovs_mutex_lock(&netdev_bond_list_mutex);
    LIST_FOR_EACH (dev, list_node, &netdev_bond_list) {
        ovs_mutex_lock(&dev->mutex);
        for (size_t i = 0; i < ARRAY_SIZE(concerns); i++) {
            if (concerns[i]->run) {
                concerns[i]->run(dev, now);
            }
        }
        for (size_t i = 0; i < ARRAY_SIZE(concerns); i++) {
            if (concerns[i]->wake) {
                bonds_wake = MIN(bonds_wake, concerns[i]->wake(dev, now));
            }
        }
        ovs_mutex_unlock(&dev->mutex);
    }
    ovs_mutex_unlock(&netdev_bond_list_mutex);
}

/* Wakes up when a member's link changes (that bumps the connectivity
 * sequence), when the packet path asks, when a bond timer expires or when a
 * member asks for reconfiguration. */
static void
netdev_bond_wait(const struct netdev_class *class OVS_UNUSED)
{
    struct netdev_bond *dev;

    ovs_mutex_lock(&netdev_bond_list_mutex);
    LIST_FOR_EACH (dev, list_node, &netdev_bond_list) {
        ovs_mutex_lock(&dev->mutex);
        netdev_bond_queues_wait(dev);
        ovs_mutex_unlock(&dev->mutex);
    }
    ovs_mutex_unlock(&netdev_bond_list_mutex);

    seq_wait(connectivity_seq_get(), bonds_seq);
    seq_wait(bonds_wake_seq, bonds_wake_seen);
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
    ovs_mutex_init(&dev->learned.mutex);
    ovs_mutex_init(&dev->alb.mutex);
    dev->alb.table = NULL;
    dev->alb.lp_next = LLONG_MAX;
    dev->alb.map_gen = 0;
    dev->learned.gen = 0;
    dev->learned.n_addrs = 0;
    dev->members = NULL;
    dev->n_members = 0;
    bond_config_init(&dev->settings);
    dev->state = bond_state_create();
    dev->hwaddr = eth_addr_zero;
    dev->hwaddr_set = false;
    dev->mtu = 0;
    dev->flags = NETDEV_UP;
    dev->carrier = false;
    dev->carrier_resets = 0;
    dev->n_failovers = 0;
    dev->last_failover = 0;
    dev->announce.notify_left = 0;
    dev->announce.relearn_left = 0;
    dev->announce.query_left = 0;
    ovs_mutex_init(&dev->announce.inject_mutex);
    dev->announce.n_inject = 0;
    atomic_init(&dev->announce.inject_pending, false);
    dev->announce.notify_serial = random_uint32();
    dev->lacp = NULL;
    dev->arp.next = LLONG_MAX;
    dev->arp.n_own = 0;
    ovsrcu_set_hidden(&dev->map, xzalloc(sizeof(struct bond_map)));
    atomic_init(&dev->tx.dropped, 0);
    atomic_init(&dev->tx.rr_counter, 0);
    for (size_t i = 0; i < BOND_LEARN_SIZE; i++) {
        atomic_init(&dev->learned.macs[i].key, 0);
        atomic_init(&dev->learned.macs[i].epoch, 0);
    }
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        atomic_init(&dev->tx.bucket_bytes[i], 0);
    }
    dev->tx.buckets_valid = false;
    dev->tx.map_gen = 0;
    dev->tx.folded_gen = 0;
    dev->tx.next_rebalance = LLONG_MAX;
    memset(dev->tx.bucket_young, 0, sizeof dev->tx.bucket_young);
    dev->tx.settle_at = LLONG_MAX;
    dev->tx.thread = NULL;
    dev->queues.requested_n_txq = 1;
    dev->queues.slots = NULL;
    dev->queues.n_slots = 0;

    ovs_mutex_lock(&netdev_bond_list_mutex);
    ovs_list_push_back(&netdev_bond_list, &dev->list_node);
    ovs_mutex_unlock(&netdev_bond_list_mutex);
    return 0;
}

static void
netdev_bond_destruct(struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&netdev_bond_list_mutex);
    ovs_list_remove(&dev->list_node);
    ovs_mutex_unlock(&netdev_bond_list_mutex);
    netdev_bond_tx_thread_stop(dev->tx.thread);

    /* netdev_mutex is held here: members are closed later, but get their
     * own MACs back now, before another bond or port can take them. */
    for (size_t i = 0; i < dev->n_members; i++) {
        netdev_bond_member_restore_mac(&dev->members[i]);
    }
    struct bond_member *members = xcalloc(dev->n_members + 1,
                                          sizeof *members);
    if (dev->n_members) {
        memcpy(members, dev->members, dev->n_members * sizeof *members);
    }
    ovsrcu_postpone(netdev_bond_members_close_deferred, members);
    ovsrcu_postpone(netdev_bond_members_free_deferred, dev->members);

    ovsrcu_postpone(free, ovsrcu_get_protected(struct bond_map *, &dev->map));
    bond_state_destroy(dev->state);
    lacp_fsm_destroy(dev->lacp);
    bond_config_destroy(&dev->settings);
    bond_alb_destroy(dev->alb.table);
    free(dev->queues.slots);
    for (size_t i = 0; i < dev->announce.n_inject; i++) {
        dp_packet_delete(dev->announce.inject[i]);
    }
    ovs_mutex_destroy(&dev->announce.inject_mutex);
    ovs_mutex_destroy(&dev->alb.mutex);
    ovs_mutex_destroy(&dev->learned.mutex);
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

/* Checks a bond configuration 'args' for the bond named 'name' of 'dev'
 * without applying it: on success stores the members' names and types in
 * 'names' and 'types' and the settings in 'settings' and returns NULL; on
 * failure returns a malloc'd message. */
static char * OVS_WARN_UNUSED_RESULT
bond_validate(const struct netdev_bond *dev, const char *name,
              const struct smap *args, struct svec *names,
              struct svec *types, struct bond_settings *settings)
{
    struct smap_node *node;
    char *error;

    SMAP_FOR_EACH (node, args) {
        if (!bond_config_is_netdev_key(node->key)) {
            return xasprintf("%s: unknown option \"%s\" for a bond "
                             "(known: members and the bond keys of "
                             "ovs-bond(7))", name, node->key);
        }
    }

    const char *spec = smap_get_def(args, "members", "");
    error = bond_config_parse_members(spec, names, types);
    if (error) {
        return error;
    }
    if (!names->n) {
        return xasprintf("%s: a bond needs at least one member "
                         "(members=NAME[:TYPE],...)", name);
    }
    if (names->n > BOND_MAX_MEMBERS) {
        return xasprintf("%s: %"PRIuSIZE" members, but a bond may have at "
                         "most %d", name, names->n, BOND_MAX_MEMBERS);
    }
    error = bond_config_parse(args, name, names->names, names->n, settings);
    if (error) {
        return error;
    }
    for (size_t i = 0; i < names->n; i++) {
        char *owner = netdev_bond_member_owner(dev, names->names[i]);
        if (owner) {
            error = xasprintf("%s: %s is already a member of bond %s",
                              name, names->names[i], owner);
            free(owner);
            return error;
        }
    }
    return NULL;
}

/* Makes the members of 'dev' those named in 'names', of the types in
 * 'types': members that are unchanged are kept as they are, the others are
 * opened.  Stores in '*stalep' the members that go, an array terminated by
 * a member with a null name, to close once no packet path can see them.
 * Returns true if the members changed. */
static bool
bond_rebuild_members(struct netdev_bond *dev, const struct svec *names,
                     const struct svec *types, struct bond_member **stalep)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_member *members = xcalloc(names->n, sizeof *members);
    bool changed = names->n != dev->n_members;

    for (size_t i = 0; i < names->n; i++) {
        struct bond_member *old = netdev_bond_member_find(dev,
                                                          names->names[i]);
        struct bond_member *m = &members[i];

        if (old && !strcmp(old->type, types->names[i]) && old->netdev) {
            m->name = old->name;
            m->type = old->type;
            m->netdev = old->netdev;
            m->sf = old->sf;
            m->error = old->error;
            memcpy(m->saved_sysctls, old->saved_sysctls,
                   sizeof m->saved_sysctls);
            m->perm_mac = old->perm_mac;
            m->mac_moved = old->mac_moved;
            m->unconfigured = old->unconfigured;
            uint64_t dropped;
            atomic_read_relaxed(&old->rx_dropped, &dropped);
            atomic_init(&m->rx_dropped, dropped);
            old->name = NULL;   /* Taken. */
            changed = changed || old != &dev->members[i];
        } else {
            m->name = xstrdup(names->names[i]);
            m->type = xstrdup(types->names[i]);
            netdev_bond_member_open(&dev->up, m);
            /* A PMD bond's new member has no queues to use before the
             * datapath reconfigures the bond (see netdev-bond-queues.c). */
            m->unconfigured = netdev_is_pmd(&dev->up);
            changed = true;
        }
    }

    /* Members no longer wanted (or being reopened) are closed once no packet
     * path can see them any more. */
    struct bond_member *stale = xcalloc(dev->n_members + 1, sizeof *stale);
    size_t n_stale = 0;
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].name) {
            netdev_bond_member_restore_mac(&dev->members[i]);
            stale[n_stale++] = dev->members[i];
        }
    }
    ovsrcu_postpone(netdev_bond_members_free_deferred, dev->members);
    dev->members = members;
    dev->n_members = names->n;
    *stalep = stale;
    return changed;
}

/* Sets the MAC of 'dev', unless one was set explicitly, and its offloads
 * from its members. */
static void
bond_inherit_from_members(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
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
}

/* Applies 'settings' (which it takes over) to 'dev', whose members have just
 * been rebuilt: the link machines, then each concern, then the map that the
 * packet path reads. */
static void
bond_apply_settings(struct netdev_bond *dev, struct bond_settings *settings)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_settings old_settings = dev->settings;
    long long int now = time_msec();

    dev->settings = *settings;
    bond_config_init(settings);
    bond_state_configure(dev->state, &dev->settings);
    ovs_assert(bond_state_n_members(dev->state) == dev->n_members);

    bond_inherit_from_members(dev);
    for (size_t i = 0; i < ARRAY_SIZE(concerns); i++) {
        if (concerns[i]->configure) {
            concerns[i]->configure(dev, &old_settings, now);
        }
    }
    if (dev->settings.warnings
        && !nullable_string_is_equal(dev->settings.warnings,
                                     old_settings.warnings)) {
        /* Once per change: the bridge applies an unchanged configuration
         * again at every reconfiguration. */
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s", dev->settings.warnings);
    }
    bond_config_destroy(&old_settings);
    netdev_bond_update(dev, now);
    netdev_bond_publish_map(dev);

    /* Members that could not be opened are logged and reported through
     * netdev_bond_get_member_error(); the bond runs with the others. */
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].error && !dev->members[i].retry) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
            VLOG_WARN_RL(&rl, "%s", dev->members[i].error);
        }
    }
}

/* Configures bond 'netdev' from 'args' (the members and the bond keys):
 * checks everything first, so that a bad configuration leaves the last
 * good one in place, then rebuilds the members and applies the settings,
 * live. */
static int
netdev_bond_set_config(struct netdev *netdev, const struct smap *args,
                       char **errp)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    const char *name = netdev_get_name(netdev);
    struct svec names = SVEC_EMPTY_INITIALIZER;
    struct svec types = SVEC_EMPTY_INITIALIZER;
    struct bond_settings settings;
    char *error;

    bond_config_init(&settings);
    error = bond_validate(dev, name, args, &names, &types, &settings);
    if (!error) {
        struct bond_member *stale;
        bool changed;

        ovs_mutex_lock(&dev->mutex);
        if (settings.mode != dev->settings.mode && dev->n_members) {
            VLOG_INFO("%s: mode changes from %s to %s", name,
                      bond_config_mode_name(dev->settings.mode),
                      bond_config_mode_name(settings.mode));
        }
        if (!dev->n_members && settings.has_active_mac) {
            dev->restore_pending = true;
        }
        changed = bond_rebuild_members(dev, &names, &types, &stale);
        bond_apply_settings(dev, &settings);
        ovs_mutex_unlock(&dev->mutex);

        ovsrcu_postpone(netdev_bond_members_close_deferred, stale);
        if (changed) {
            /* The datapath reopens our rxqs, which open the members'. */
            netdev_request_reconfigure(netdev);
        }
        netdev_change_seq_changed(netdev);
    }
    bond_config_destroy(&settings);
    svec_destroy(&names);
    svec_destroy(&types);

    if (error) {
        /* The bond keeps its last good configuration. */
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
            if (!bond_state_set_active(dev->state, i)) {
                VLOG_INFO("%s: restored active member %s",
                          netdev_get_name(&dev->up), m->name);
            }
        }
    }
}

/* Returns true if member 'idx' of 'dev' may carry traffic: its link is up
 * (after updelay), it is administratively enabled, and LACP, if on, lets
 * it. */
static bool
bond_member_usable(const struct netdev_bond *dev, size_t idx)
    OVS_REQUIRES(dev->mutex)
{
    return (bond_state_member(dev->state, idx)->enabled
            && (!dev->lacp || lacp_fsm_port_may_tx(dev->lacp, idx)));
}

/* Returns true if 'dev' has carrier: enough usable members for min_links
 * (at least one). */
static bool
bond_has_carrier(const struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (!dev->lacp) {
        return bond_state_carrier(dev->state);
    }
    size_t n = 0;
    for (size_t i = 0; i < dev->n_members; i++) {
        n += bond_member_usable(dev, i);
    }
    return n && n >= (size_t) dev->settings.min_links;
}

/* Recomputes whether 'dev' has carrier.  Returns true if that changed. */
bool
netdev_bond_refresh_carrier(struct netdev_bond *dev)
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

/* Reads every member's link state into 'dev->state', advances its timers
 * to 'now' and recomputes the active member.  Announces changes. */
void
netdev_bond_update(struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    const char *name = netdev_get_name(&dev->up);
    int old_active = bond_state_active(dev->state);

    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        bool up = (netdev_bond_member_usable(m)
                   && netdev_get_carrier(m->netdev));
        enum netdev_features current;

        if (up && dev->settings.arp_interval) {
            bool was_up = bond_state_member(dev->state, i)->carrier;
            up = bond_arpmon_alive(&dev->settings, &m->arp,
                                   netdev_bond_arpmon_active_role(dev, i),
                                   was_up, now);
        }

        bond_state_set_carrier(dev->state, i, up, now);
        if (m->netdev
            && !netdev_get_features(m->netdev, &current, NULL, NULL, NULL)) {
            bond_state_set_speed(dev->state, i,
                                 netdev_features_to_bps(current, 0));
        }
    }

    unsigned int changes = bond_state_run(dev->state, now);
    if (dev->lacp) {
        for (size_t i = 0; i < dev->n_members; i++) {
            const struct bond_state_member *sm
                = bond_state_member(dev->state, i);
            lacp_fsm_set_enabled(dev->lacp, i, sm->enabled, sm->speed, now);
        }
        if (lacp_fsm_run(dev->lacp, now, netdev_bond_lacp_send, dev)) {
            changes |= BOND_CHANGED_ENABLED;
        }
    }
    if (dev->restore_pending && bond_state_n_enabled(dev->state)) {
        dev->restore_pending = false;
        bond_restore_active(dev);
        if (bond_state_active(dev->state) != old_active) {
            changes |= BOND_CHANGED_ACTIVE;
        }
    }

    if (changes & BOND_CHANGED_LINK) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 60);
        struct ds ds = DS_EMPTY_INITIALIZER;
        for (size_t i = 0; i < bond_state_n_members(dev->state); i++) {
            const struct bond_state_member *m
                = bond_state_member(dev->state, i);
            ds_put_format(&ds, "%s%s %s", i ? ", " : "", m->name,
                          bond_state_link_name(m->link));
        }
        VLOG_INFO_RL(&rl, "%s: member links: %s", name, ds_cstr(&ds));
        ds_destroy(&ds);
    }
    if (changes & BOND_CHANGED_ACTIVE) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(10, 60);
        const char *active = bond_state_active_name(dev->state);
        VLOG_INFO_RL(&rl, "%s: active member is now %s", name,
                     active ? active : "none");
        if (old_active >= 0) {
            dev->n_failovers++;
            dev->last_failover = time_wall_msec();
        }
        if (active && old_active >= 0) {
            /* Tell the network at once that the MACs behind the bond now
             * live behind the new member. */
            netdev_bond_announce_start(dev, now);
        }
    }

    if (netdev_bond_refresh_carrier(dev)) {
        changes |= BOND_CHANGED_ENABLED;
    }

    if (changes) {
        netdev_bond_publish_map(dev);
        netdev_change_seq_changed(&dev->up);
    }
}

/* The link concern: every member's link state, the active member, the
 * bond's carrier, and LACP's state machines, which need the links. */
static long long int
link_wake(const struct netdev_bond *dev, long long int now)
    OVS_REQUIRES(dev->mutex)
{
    long long int wake = bond_state_wake_time(dev->state);

    if (dev->settings.detect_mode == BOND_DETECT_MIIMON) {
        /* Carrier changes that the member reports wake us at once; the
         * miimon interval bounds the delay for those it does not. */
        wake = MIN(wake, now + dev->settings.miimon_interval);
    }
    return wake;
}

static const struct bond_concern link_concern = {
    .name = "link",
    .run = netdev_bond_update,
    .wake = link_wake,
};

/* Publishes the map that the packet path reads. */
void
netdev_bond_publish_map(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_map *map = xzalloc(sizeof *map);

    netdev_bond_tx_fold_placements(dev);
    netdev_bond_member_follow_mac(dev);
    const struct bond_settings *s = &dev->settings;

    map->mode = s->mode;
    map->policy = s->xmit_policy;
    map->hash_basis = s->hash_basis;
    map->packets_per_member = s->packets_per_member;
    map->all_members_active = s->all_members_active;
    map->arp_monitor = s->arp_interval > 0;
    map->tlb_dynamic = s->tlb_dynamic_lb;
    map->active_tx = -1;
    if (netdev_bond_tx_thread_wanted(dev)) {
        if (!dev->tx.thread) {
            dev->tx.thread = netdev_bond_tx_thread_start(dev);
        }
        map->txt = dev->tx.thread;
        map->tx_burst = s->tx_thread_burst;
    }

    bool carrier = bond_has_carrier(dev);
    int active = bond_state_active(dev->state);
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
        netdev_bond_alb_publish(dev, map, carrier ? active : -1);
    } else if (bond_fom_active(s)) {
        map->fom_active = true;
        netdev_bond_alb_publish_hosts(dev, map);
    }
    /* Buckets keep their member while it can transmit; the buckets of a
     * member that cannot are spread over the others. */
    if (!dev->tx.buckets_valid) {
        for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
            dev->tx.buckets[i] = i;
            dev->tx.bucket_idle[i] = true;
        }
        dev->tx.buckets_valid = true;
    }
    map->gen = ++dev->tx.map_gen;
    bool place = bond_config_uses_buckets(s) && map->n_tx > 1;
    for (size_t i = 0; i < BOND_MAX_MEMBERS; i++) {
        map->n_busy[i] = 0;
        atomic_init(&map->n_placed[i], 0);
        atomic_init(&map->tx_bytes[i], 0);
    }
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        map->buckets[i] = map->n_tx ? dev->tx.buckets[i] % map->n_tx : 0;
        map->idle[i] = place && dev->tx.bucket_idle[i];
        if (place && !map->idle[i]) {
            map->n_busy[map->buckets[i]]++;
        }
        atomic_init(&map->placed[i], 0);
    }
    atomic_init(&map->placed_any, false);

    struct bond_map *old = ovsrcu_get_protected(struct bond_map *, &dev->map);
    ovsrcu_set(&dev->map, map);
    ovsrcu_postpone(free, old);
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
            netdev_bond_lacp_configure(dev, time_msec());
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

/* A bond is not a kernel device and has no ifindex of its own; sFlow, which
 * reports samples and counters by ifindex, needs one.  It is derived from
 * the bond's name, so that it stays the same across restarts, in the upper
 * half of the positive range, far above the kernel's, which count up from
 * 1. */
static int
netdev_bond_get_ifindex(const struct netdev *netdev)
{
    return 0x40000000 | (hash_string(netdev_get_name(netdev), 0)
                         & 0x3fffffff);
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

    atomic_read_relaxed(&dev->tx.dropped, &tx_dropped);
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
    const char *active = bond_state_active_name(dev->state);
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

#define NETDEV_BOND_CLASS_COMMON                        \
    .alloc = netdev_bond_alloc,                         \
    .construct = netdev_bond_construct,                 \
    .destruct = netdev_bond_destruct,                   \
    .dealloc = netdev_bond_dealloc,                     \
    .get_config = netdev_bond_get_config,               \
    .set_config = netdev_bond_set_config,               \
    .send = netdev_bond_send,                           \
    .set_etheraddr = netdev_bond_set_etheraddr,         \
    .get_etheraddr = netdev_bond_get_etheraddr,         \
    .get_mtu = netdev_bond_get_mtu,                     \
    .set_mtu = netdev_bond_set_mtu,                     \
    .get_carrier = netdev_bond_get_carrier,             \
    .get_ifindex = netdev_bond_get_ifindex,             \
    .get_carrier_resets = netdev_bond_get_carrier_resets, \
    .get_stats = netdev_bond_get_stats,                 \
    .get_status = netdev_bond_get_status,               \
    .get_numa_id = netdev_bond_get_numa_id,             \
    .update_flags = netdev_bond_update_flags,           \
    .reconfigure = netdev_bond_reconfigure,             \
    .rxq_alloc = netdev_bond_rxq_alloc,                 \
    .rxq_construct = netdev_bond_rxq_construct,         \
    .rxq_destruct = netdev_bond_rxq_destruct,           \
    .rxq_dealloc = netdev_bond_rxq_dealloc,             \
    .rxq_recv = netdev_bond_rxq_recv,                   \
    .rxq_drain = netdev_bond_rxq_drain

/* Members that the main thread polls: system, tap, afxdp-nonpmd, dummy. */
const struct netdev_class netdev_bond_class = {
    NETDEV_BOND_CLASS_COMMON,
    .type = "bond",
    .is_pmd = false,
    /* netdev_run() and netdev_wait() call these once per class, and they
     * look after the bonds of both classes: only this one has them. */
    .run = netdev_bond_run,
    .wait = netdev_bond_wait,
    .rxq_wait = netdev_bond_rxq_wait,
};

/* Members that PMD threads poll: dpdk, afxdp, dummy-pmd. */
const struct netdev_class netdev_bond_pmd_class = {
    NETDEV_BOND_CLASS_COMMON,
    .type = "bond-pmd",
    .is_pmd = true,
    .set_tx_multiq = netdev_bond_set_tx_multiq,
};
