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

/* What the commands and the daemon read from a bond and change in it
 * (bond/show, bond/set-active-member, bond/migrate, member status): each
 * takes the bond's mutex and works on its state, never on the packet
 * path. */

#include <config.h>
#include "netdev-bond-private.h"

#include <string.h>

#include "bond-config.h"
#include "bond-state.h"
#include "lacp-fsm.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/list.h"
#include "openvswitch/poll-loop.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "smap.h"
#include "svec.h"
#include "timeval.h"
#include "util.h"

/* Returns a new reference to the netdev of member 'name' of bond 'netdev'
 * (the caller must netdev_close() it), or NULL if there is no such member
 * or it could not be opened. */
struct netdev *
netdev_bond_ref_member(const struct netdev *netdev, const char *name)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    struct netdev *member = NULL;

    ovs_mutex_lock(&dev->mutex);
    struct bond_member *m = netdev_bond_member_find(dev, name);
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
    struct bond_member *m = netdev_bond_member_find(dev, name);
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
 * bond_member_state, bond_link_state, bond_link_failures, and bond_warning
 * when the configuration has options that the bond ignores).  Returns false
 * if 'name' is not a member. */
bool
netdev_bond_get_member_status(const struct netdev *netdev, const char *name,
                              struct smap *smap)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    bool found = false;

    ovs_mutex_lock(&dev->mutex);
    int idx = bond_state_find(dev->state, name);
    if (idx >= 0) {
        const struct bond_state_member *m = bond_state_member(dev->state, idx);

        smap_add(smap, "bond_role",
                 idx == bond_state_active(dev->state) ? "active" : "backup");
        smap_add(smap, "bond_member_state",
                 m->enabled ? "enabled" : "disabled");
        smap_add(smap, "bond_link_state", bond_state_link_name(m->link));
        smap_add_format(smap, "bond_link_failures", "%u", m->link_failures);
        if (dev->settings.warnings) {
            smap_add(smap, "bond_warning", dev->settings.warnings);
        }
        if (dev->settings.arp_interval) {
            long long int age;
            bool alive = netdev_bond_arpmon_view(dev, idx, time_msec(), &age);

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
            lacp_pdu_format_state(&ds, r.actor.state);
            smap_add_format(smap, "lacp_actor_state", "%u:%s",
                            r.actor.state, ds_cstr(&ds));
            ds_clear(&ds);
            lacp_pdu_format_state(&ds, r.partner.state);
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
    int idx = bond_state_find(dev->state, name);
    if (idx >= 0) {
        *resets = bond_state_member(dev->state, idx)->carrier_resets;
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
    const char *name = bond_state_active_name(dev->state);
    char *copy = name ? xstrdup(name) : NULL;
    ovs_mutex_unlock(&dev->mutex);
    return copy;
}

/* Returns the speed of bond 'netdev' in bit/s, as Linux bonding reports
 * it: the active member's in active-backup, the fastest member's in
 * broadcast, otherwise the sum of the speeds of the members that carry
 * traffic.  0 if no member carries traffic or none has a known speed. */
uint64_t
netdev_bond_get_speed(const struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    uint64_t speed = 0;

    ovs_mutex_lock(&dev->mutex);
    int active = bond_state_active(dev->state);
    for (size_t i = 0; i < bond_state_n_members(dev->state); i++) {
        const struct bond_state_member *sm = bond_state_member(dev->state,
                                                               i);
        if (!sm->enabled) {
            continue;
        }
        if (dev->settings.mode == BOND_MODE_ACTIVE_BACKUP) {
            if ((int) i == active) {
                speed = sm->speed;
            }
        } else if (dev->settings.mode == BOND_MODE_BROADCAST) {
            speed = MAX(speed, sm->speed);
        } else {
            speed += sm->speed;
        }
    }
    ovs_mutex_unlock(&dev->mutex);
    return speed;
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
    int idx = bond_state_find(dev->state, name);
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

    ovs_mutex_lock(&netdev_bond_list_mutex);
    LIST_FOR_EACH (dev, list_node, &netdev_bond_list) {
        if (!strcmp(netdev_get_name(&dev->up), name)) {
            found = dev;
            ovs_mutex_lock(&found->mutex);
            break;
        }
    }
    ovs_mutex_unlock(&netdev_bond_list_mutex);
    return found;
}

/* Adds the names of all bonds to 'names'. */
void
netdev_bond_names(struct svec *names)
{
    struct netdev_bond *dev;

    ovs_mutex_lock(&netdev_bond_list_mutex);
    LIST_FOR_EACH (dev, list_node, &netdev_bond_list) {
        svec_add(names, netdev_get_name(&dev->up));
    }
    ovs_mutex_unlock(&netdev_bond_list_mutex);
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
    if (dev->tx.thread) {
        atomic_read_relaxed(&dev->tx.thread->n_queued, &r->tx_queued);
        atomic_read_relaxed(&dev->tx.thread->n_direct, &r->tx_direct);
        atomic_read_relaxed(&dev->tx.thread->n_full, &r->tx_full);
        atomic_read_relaxed(&dev->tx.thread->n_wakeups, &r->tx_wakeups);
    }
    r->active = bond_state_active(dev->state);
    r->n_failovers = dev->n_failovers;
    r->last_failover = dev->last_failover;
    r->n_members = dev->n_members;
    r->members = xcalloc(dev->n_members, sizeof *r->members);
    for (size_t i = 0; i < dev->n_members; i++) {
        const struct bond_member *m = &dev->members[i];
        const struct bond_state_member *sm = bond_state_member(dev->state, i);
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
        rm->active = (int) i == bond_state_active(dev->state);
        rm->link_failures = sm->link_failures;
        rm->speed = sm->speed;
        rm->duplex = -1;
        if (dev->settings.arp_interval) {
            rm->arp_alive = netdev_bond_arpmon_view(dev, i, now,
                                                    &rm->arp_proof_age);
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
    ovs_mutex_lock(&dev->alb.mutex);
    r->alb = dev->alb.table ? bond_alb_report_create(dev->alb.table) : NULL;
    ovs_mutex_unlock(&dev->alb.mutex);
    memcpy(r->buckets, dev->tx.buckets, sizeof r->buckets);
    /* Buckets placed by load under the current map go where it put them. */
    netdev_bond_tx_placements(dev, r->buckets, NULL);
    for (size_t i = 0; i < BOND_HASH_BUCKETS; i++) {
        atomic_read_relaxed(&dev->tx.bucket_bytes[i], &r->bucket_bytes[i]);
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
        bond_alb_report_destroy(r->alb);
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
    int idx = bond_state_find(dev->state, member);
    if (idx < 0) {
        error = "no such member";
    } else {
        int old = bond_state_active(dev->state);
        error = bond_state_set_active(dev->state, idx);
        if (!error) {
            VLOG_INFO("%s: active member set to %s by bond/set-active-member",
                      bond, member);
            if (old >= 0 && dev->settings.num_grat_arp) {
                netdev_bond_announce_start(dev, time_msec());
                poll_immediate_wake();
            }
            netdev_bond_publish_map(dev);
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
    int idx = bond_state_find(dev->state, member);
    if (idx < 0) {
        error = "no such member";
    } else if (bond_state_set_admin(dev->state, idx, enable)) {
        VLOG_INFO("%s: member %s %s by bond/%s-member", bond, member,
                  enable ? "enabled" : "disabled",
                  enable ? "enable" : "disable");
        netdev_bond_update(dev, time_msec());
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
    int idx = bond_state_find(dev->state, member);
    if (dev->settings.mode != BOND_MODE_BALANCE_SLB
        && dev->settings.mode != BOND_MODE_BALANCE_TCP) {
        error = "not an SLB bond";
    } else if (hash >= BOND_HASH_BUCKETS) {
        error = "bad hash";
    } else if (idx < 0) {
        error = "no such member";
    } else if (!bond_state_member(dev->state, idx)->enabled) {
        error = "cannot migrate to disabled member";
    } else {
        /* Buckets hold an index among the members that may transmit. */
        size_t tx = 0;
        for (int i = 0; i < idx; i++) {
            tx += bond_state_member(dev->state, i)->enabled;
        }
        netdev_bond_tx_fold_placements(dev);
        dev->tx.buckets[hash] = tx;
        dev->tx.bucket_idle[hash] = false;
        dev->tx.bucket_young[hash] = false;
        netdev_bond_publish_map(dev);
    }
    ovs_mutex_unlock(&dev->mutex);
    return error;
}
