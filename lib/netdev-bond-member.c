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

/* The bond's members: opening and closing their netdevs, the kernel
 * settings a member gets while it belongs to a bond, their MACs (with
 * fail_over_mac follow) and which bond owns a member. */

#include <config.h>
#include "netdev-bond-private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "netdev-vport.h"
#include "openvswitch/list.h"
#include "openvswitch/vlog.h"
#include "ovs-atomic.h"
#include "ovs-thread.h"
#include "packets.h"
#include "util.h"

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
BUILD_ASSERT_DECL(ARRAY_SIZE(member_sysctls) == N_MEMBER_SYSCTLS);

static void bond_member_close(struct bond_member *m);

struct bond_member *
netdev_bond_member_find(const struct netdev_bond *dev, const char *name)
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

/* Closes the members in 'members', an array terminated by a member with a
 * null name, then frees it.  Runs after an RCU grace period, outside the
 * netdev library's global mutex. */
void
netdev_bond_members_close_deferred(struct bond_member *members)
{
    for (struct bond_member *m = members; m->name; m++) {
        bond_member_close(m);
    }
    free(members);
}

/* Frees 'members' after an RCU grace period: the packet path may still see
 * their counters through the old map. */
void
netdev_bond_members_free_deferred(struct bond_member *members)
{
    free(members);
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

/* Returns NULL if 'member', named 'name', is polled as bond 'bond''s
 * members must be: by PMD threads if the bond is of the "bond-pmd" class,
 * by the main thread otherwise; else why not, as a malloc'd message. */
static char *
bond_member_check_kind(const struct netdev *bond, const char *name,
                       const struct netdev *member)
{
    bool bond_pmd = netdev_is_pmd(bond);

    if (netdev_is_pmd(member) == bond_pmd) {
        return NULL;
    }
    return xasprintf("%s: an interface of type %s is %spolled by PMD "
                     "threads, but the other members of bond %s are %s: a "
                     "bond's members must all be polled by PMD threads "
                     "(dpdk, afxdp) or none of them",
                     name, netdev_get_type(member), bond_pmd ? "not " : "",
                     netdev_get_name(bond),
                     bond_pmd ? "polled by PMD threads" : "not");
}

/* Opens member 'm' for bond 'bond'.  On failure records the reason in
 * 'm->error'. */
void
netdev_bond_member_open(const struct netdev *bond, struct bond_member *m)
{
    const char *bond_name = netdev_get_name(bond);
    struct netdev *netdev;
    int error;

    free(m->error);
    m->error = NULL;
    atomic_init(&m->rx_dropped, 0);

    if (!strcmp(m->type, "bond") || !strcmp(m->type, "bond-pmd")) {
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
    if (!m->error) {
        m->error = bond_member_check_kind(bond, m->name, netdev);
    }
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
void
netdev_bond_member_restore_mac(struct bond_member *m)
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
        netdev_bond_member_restore_mac(m);
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
char *
netdev_bond_member_owner(const struct netdev_bond *self, const char *member)
{
    struct netdev_bond *dev;
    char *owner = NULL;

    ovs_mutex_lock(&netdev_bond_list_mutex);
    LIST_FOR_EACH (dev, list_node, &netdev_bond_list) {
        if (dev != self) {
            ovs_mutex_lock(&dev->mutex);
            if (netdev_bond_member_find(dev, member)) {
                owner = xstrdup(netdev_get_name(&dev->up));
            }
            ovs_mutex_unlock(&dev->mutex);
        }
        if (owner) {
            break;
        }
    }
    ovs_mutex_unlock(&netdev_bond_list_mutex);
    return owner;
}

/* Returns the index in 'dev->members' of the member whose netdev is
 * 'netdev', or -1 if it is not a member any more (the packet path may
 * still see an old map). */
int
netdev_bond_member_index(const struct netdev_bond *dev,
                         const struct netdev *netdev)
    OVS_REQUIRES(dev->mutex)
{
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev == netdev) {
            return i;
        }
    }
    return -1;
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
void
netdev_bond_member_follow_mac(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    int active = bond_state_active(dev->state);

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
