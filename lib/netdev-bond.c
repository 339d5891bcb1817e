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
 * Threads.  Configuration (set_config), link monitoring (run) and receive
 * (rxq_recv, for this non-PMD class) run in the main thread.  'send' may be
 * called from any datapath thread at once; it takes no lock and reads only
 * the member map that the main thread publishes with RCU.
 *
 * Lifetime.  A bond holds one reference to each member netdev.  'construct'
 * and 'destruct' run with the netdev library's global mutex held, so members
 * are opened in 'set_config' and closed after an RCU grace period. */

#include <config.h>
#include "netdev-bond.h"

#include <errno.h>
#include <string.h>

#include "bond-state.h"
#include "dp-packet.h"
#include "netdev-provider.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "packets.h"
#include "seq.h"
#include "smap.h"
#include "sset.h"
#include "svec.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(netdev_bond);

/* One member of a bond, as configured. */
struct bond_member {
    char *name;                 /* Netdev name. */
    char *type;                 /* Netdev type, e.g. "system". */
    struct netdev *netdev;      /* The open member, or NULL on error. */
    struct netdev_saved_flags *sf; /* Flags to restore on removal. */
    char *error;                /* Why it could not be opened, or NULL. */
    uint64_t change_seq;        /* Member's change_seq last seen. */
};

/* What the packet path reads.  Immutable once published. */
struct bond_map {
    struct netdev *active;      /* Member that transmits, or NULL. */
    size_t n_members;
    struct netdev *members[];   /* Usable members, in order. */
};

struct netdev_bond {
    struct netdev up;

    /* In 'all_bonds', protected by 'bonds_mutex'. */
    struct ovs_list list_node;

    struct ovs_mutex mutex;

    /* Configuration and state, main thread, guarded by 'mutex'. */
    struct bond_member *members OVS_GUARDED; /* In configuration order. */
    size_t n_members OVS_GUARDED;
    struct bond_state state OVS_GUARDED; /* Link and active-member state. */
    struct eth_addr hwaddr OVS_GUARDED;  /* The bond's MAC. */
    bool hwaddr_set OVS_GUARDED;         /* True if set_etheraddr was used. */
    int mtu OVS_GUARDED;                 /* 0 if never set. */
    enum netdev_flags flags OVS_GUARDED;
    bool carrier OVS_GUARDED;            /* Some member can transmit. */
    long long int carrier_resets OVS_GUARDED;

    /* Read by the packet path. */
    OVSRCU_TYPE(struct bond_map *) map;

    /* Counters that the packet path updates. */
    atomic_uint64_t tx_dropped;  /* Sent while no member was usable. */
    atomic_uint64_t rx_dropped;  /* Arrived on an inactive member. */
};

struct netdev_rxq_bond {
    struct netdev_rxq up;
    struct netdev_rxq **rxqs;   /* One per member that has one. */
    size_t n_rxqs;
    size_t next;                /* Member rxq to poll first. */
};

static struct ovs_mutex bonds_mutex = OVS_MUTEX_INITIALIZER;
static struct ovs_list all_bonds OVS_GUARDED_BY(bonds_mutex)
    = OVS_LIST_INITIALIZER(&all_bonds);

/* connectivity_seq_get()'s value when netdev_bond_run() last looked at the
 * members.  Main thread only. */
static uint64_t bonds_seq;

static const struct netdev_class bond_class;

static void bond_update(struct netdev_bond *) OVS_REQUIRES(dev->mutex);
static void bond_publish_map(struct netdev_bond *) OVS_REQUIRES(dev->mutex);
static void bond_member_close(struct bond_member *);

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

/* Adds the status of member 'name' of bond 'netdev' to 'smap' (bond_role,
 * bond_member_state, bond_link_failures).  Returns false if 'name' is not a
 * member. */
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
        smap_add_format(smap, "bond_link_failures", "%u", m->link_failures);
        found = true;
    }
    ovs_mutex_unlock(&dev->mutex);
    return found;
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

/* Class functions. */

/* Polls every member of every bond for link changes. */
static void
netdev_bond_run(const struct netdev_class *class OVS_UNUSED)
{
    struct netdev_bond *dev;

    bonds_seq = seq_read(connectivity_seq_get());
    ovs_mutex_lock(&bonds_mutex);
    LIST_FOR_EACH (dev, list_node, &all_bonds) {
        ovs_mutex_lock(&dev->mutex);
        bond_update(dev);
        ovs_mutex_unlock(&dev->mutex);
    }
    ovs_mutex_unlock(&bonds_mutex);
}

/* Member link changes bump the global connectivity sequence: wakes up when
 * it has moved since netdev_bond_run() last polled the members. */
static void
netdev_bond_wait(const struct netdev_class *class OVS_UNUSED)
{
    seq_wait(connectivity_seq_get(), bonds_seq);
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
    dev->members = NULL;
    dev->n_members = 0;
    bond_state_init(&dev->state);
    dev->hwaddr = eth_addr_zero;
    dev->hwaddr_set = false;
    dev->mtu = 0;
    dev->flags = NETDEV_UP;
    dev->carrier = false;
    dev->carrier_resets = 0;
    ovsrcu_set_hidden(&dev->map, xzalloc(sizeof(struct bond_map)));
    atomic_init(&dev->tx_dropped, 0);
    atomic_init(&dev->rx_dropped, 0);

    ovs_mutex_lock(&bonds_mutex);
    ovs_list_push_back(&all_bonds, &dev->list_node);
    ovs_mutex_unlock(&bonds_mutex);
    return 0;
}

/* Closes the members in 'members_', an array terminated by a member with a
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

static void
netdev_bond_destruct(struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&bonds_mutex);
    ovs_list_remove(&dev->list_node);
    ovs_mutex_unlock(&bonds_mutex);

    /* netdev_mutex is held here: members are closed later. */
    struct bond_member *members = xcalloc(dev->n_members + 1,
                                          sizeof *members);
    memcpy(members, dev->members, dev->n_members * sizeof *members);
    ovsrcu_postpone(bond_members_close_deferred, members);
    free(dev->members);

    ovsrcu_postpone(free, ovsrcu_get_protected(struct bond_map *, &dev->map));
    bond_state_destroy(&dev->state);
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

/* Opens member 'm' for the bond named 'bond_name'.  On failure records the
 * reason in 'm->error'. */
static void
bond_member_open(const char *bond_name, struct bond_member *m)
{
    struct netdev *netdev;
    int error;

    free(m->error);
    m->error = NULL;

    if (!strcmp(m->type, "bond")) {
        m->error = xasprintf("%s: a bond cannot be a member of bond %s",
                             m->name, bond_name);
        return;
    }
    error = netdev_open(m->name, m->type, &netdev);
    if (error) {
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

    /* A switch port must see every frame on the wire, and a bond brings its
     * members up as Linux's bonding driver does. */
    error = netdev_turn_flags_on(netdev, NETDEV_UP | NETDEV_PROMISC, &m->sf);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
        VLOG_WARN_RL(&rl, "%s: could not bring member %s up in promiscuous "
                     "mode (%s)", bond_name, m->name, ovs_strerror(error));
    }
    m->netdev = netdev;
    m->change_seq = 0;
}

/* Releases what 'm' holds, restoring the member's flags.  Must not run with
 * netdev_mutex held. */
static void
bond_member_close(struct bond_member *m)
{
    if (m->netdev) {
        netdev_restore_flags(m->sf);
        netdev_close(m->netdev);
    }
    free(m->name);
    free(m->type);
    free(m->error);
}

static int
netdev_bond_set_config(struct netdev *netdev, const struct smap *args,
                       char **errp)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    const char *name = netdev_get_name(netdev);
    struct svec names = SVEC_EMPTY_INITIALIZER;
    struct svec types = SVEC_EMPTY_INITIALIZER;
    struct smap_node *node;
    char *error = NULL;

    SMAP_FOR_EACH (node, args) {
        if (strcmp(node->key, "members")) {
            error = xasprintf("%s: unknown option \"%s\" for a bond "
                              "(known: members)", name, node->key);
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

    ovs_mutex_lock(&dev->mutex);

    /* Builds the new member array, reusing members that are unchanged. */
    struct bond_member *members = xcalloc(names.n, sizeof *members);
    bool changed = names.n != dev->n_members;
    for (size_t i = 0; i < names.n; i++) {
        struct bond_member *old = bond_find_member(dev, names.names[i]);
        struct bond_member *m = &members[i];

        if (old && !strcmp(old->type, types.names[i]) && old->netdev) {
            *m = *old;
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
            stale[n_stale++] = dev->members[i];
        }
    }
    free(dev->members);
    dev->members = members;
    dev->n_members = names.n;

    bond_state_set_members(&dev->state, names.names, names.n);
    if (!dev->hwaddr_set) {
        dev->hwaddr = eth_addr_zero;
        for (size_t i = 0; i < dev->n_members; i++) {
            if (dev->members[i].netdev
                && !netdev_get_etheraddr(dev->members[i].netdev,
                                         &dev->hwaddr)) {
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

    bond_update(dev);
    bond_publish_map(dev);

    /* Members that could not be opened are logged and reported through
     * netdev_bond_get_member_error(); the bond runs with the others. */
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].error) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
            VLOG_WARN_RL(&rl, "%s", dev->members[i].error);
        }
    }
    ovs_mutex_unlock(&dev->mutex);

    ovsrcu_postpone(bond_members_close_deferred, stale);
    if (changed) {
        /* The datapath reopens our rxqs, which open the members' rxqs. */
        netdev_request_reconfigure(netdev);
        netdev_change_seq_changed(netdev);
    }

out:
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

/* Reads every member's link state into 'dev->state' and recomputes the
 * active member.  Announces changes. */
static void
bond_update(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    bool changed = false;

    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];
        bool up = m->netdev && netdev_get_carrier(m->netdev);
        int idx = bond_state_find(&dev->state, m->name);

        if (bond_state_set_link(&dev->state, idx, up)) {
            VLOG_INFO("%s: member %s: link state %s",
                      netdev_get_name(&dev->up), m->name, up ? "up" : "down");
            changed = true;
        }
    }

    if (bond_state_update(&dev->state)) {
        const char *active = bond_state_active_name(&dev->state);
        VLOG_INFO("%s: active member is now %s", netdev_get_name(&dev->up),
                  active ? active : "none");
        changed = true;
    }

    bool carrier = dev->state.active >= 0;
    if (carrier != dev->carrier) {
        dev->carrier = carrier;
        if (!carrier) {
            dev->carrier_resets++;
        }
        changed = true;
    }

    if (changed) {
        bond_publish_map(dev);
        netdev_change_seq_changed(&dev->up);
    }
}

/* Publishes the member map that the packet path reads. */
static void
bond_publish_map(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    struct bond_map *map = xzalloc(sizeof *map
                                   + dev->n_members * sizeof *map->members);
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev) {
            map->members[map->n_members++] = dev->members[i].netdev;
        }
    }
    if (dev->state.active >= 0) {
        map->active = dev->members[dev->state.active].netdev;
    }

    struct bond_map *old = ovsrcu_get_protected(struct bond_map *, &dev->map);
    ovsrcu_set(&dev->map, map);
    ovsrcu_postpone(free, old);
}

static int
netdev_bond_send(struct netdev *netdev, int qid OVS_UNUSED,
                 struct dp_packet_batch *batch,
                 bool concurrent_txq OVS_UNUSED)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    struct bond_map *map = ovsrcu_get(struct bond_map *, &dev->map);

    if (OVS_UNLIKELY(!map->active)) {
        uint64_t orig;
        atomic_add_relaxed(&dev->tx_dropped, dp_packet_batch_size(batch),
                           &orig);
        dp_packet_delete_batch(batch, true);
        return 0;
    }

    /* The member owns the packets from here on, even on error. */
    return netdev_send(map->active, 0, batch, true);
}

static int
netdev_bond_set_etheraddr(struct netdev *netdev, const struct eth_addr mac)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    if (!eth_addr_equals(dev->hwaddr, mac)) {
        dev->hwaddr = mac;
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
    int error = 0;

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
    return error;
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
    uint64_t tx_dropped, rx_dropped;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev) {
            struct netdev_stats ms;
            if (!netdev_get_stats(dev->members[i].netdev, &ms)) {
                stats_add(stats, &ms);
            }
        }
    }
    ovs_mutex_unlock(&dev->mutex);

    atomic_read_relaxed(&dev->tx_dropped, &tx_dropped);
    atomic_read_relaxed(&dev->rx_dropped, &rx_dropped);
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
    smap_add(smap, "bond_mode", "active-backup");
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

/* Drops from 'batch' the frames that must not reach the datapath because
 * they arrived on 'member', which is not the active member. */
static void
bond_rx_filter(struct netdev_bond *dev, const struct bond_map *map,
               const struct netdev *member, struct dp_packet_batch *batch)
{
    if (member != map->active) {
        uint64_t orig;

        atomic_add_relaxed(&dev->rx_dropped, dp_packet_batch_size(batch),
                           &orig);
        dp_packet_delete_batch(batch, true);
        dp_packet_batch_init(batch);
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
