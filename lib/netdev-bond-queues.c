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

/* Queues: the bond's receive and transmit queues as the datapath sees them,
 * and the members' reconfiguration.
 *
 * The datapath opens and polls a port's queues and stops using them while
 * it reconfigures the port; the members of a bond are not datapath ports,
 * so the bond passes that on.  A member that asks to be reconfigured (a
 * DPDK port given its dpdk-devargs, new queue counts or MTU; an AF_XDP
 * port, whose sockets are set up there) makes the bond ask the datapath,
 * which quiesces the bond and calls its 'reconfigure', which reconfigures
 * the members.
 *
 * The "bond" class (non-PMD, the main thread polls it) has one receive
 * queue, which polls every member's first queue (netdev-bond-rx.c), and
 * one transmit queue.
 *
 * The "bond-pmd" class, for members that PMD threads poll (dpdk, afxdp,
 * dummy-pmd), has one receive queue per member queue, in member order, so
 * that the datapath spreads them over its PMD threads like any port's
 * (dpif-netdev/pmd-rxq-show lists them), and as many transmit queues as the
 * datapath asks for: transmit queue N of the bond is queue N of each
 * member.  Each member is asked for one queue more, which only the main
 * loop's own frames use (LACPDUs, learning frames, probes): those leave
 * without taking a PMD thread's queue.  A member that has no more queues
 * than the bond is sent to with 'concurrent_txq', so that it locks. */

#include <config.h>
#include "netdev-bond-private.h"

#include <errno.h>

#include "openvswitch/vlog.h"
#include "seq.h"
#include "util.h"

/* Returns true if the main loop must wait for 'member' to be reconfigured
 * by the datapath. */
static bool
member_reconf_required(struct netdev *member)
{
    return member && netdev_is_reconf_required(member);
}

/* Main thread: asks the datapath to reconfigure 'dev' if a member of it
 * asks for reconfiguration. */
void
netdev_bond_queues_run(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (netdev_is_reconf_required(&dev->up)) {
        return;                 /* Already asked. */
    }
    for (size_t i = 0; i < dev->n_members; i++) {
        if (member_reconf_required(dev->members[i].netdev)) {
            netdev_request_reconfigure(&dev->up);
            return;
        }
    }
}

/* Main thread: wakes the main loop when a member asks for
 * reconfiguration, unless 'dev' has asked already. */
void
netdev_bond_queues_wait(struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (netdev_is_reconf_required(&dev->up)) {
        return;
    }
    for (size_t i = 0; i < dev->n_members; i++) {
        if (dev->members[i].netdev) {
            netdev_wait_reconf_required(dev->members[i].netdev);
        }
    }
}

/* The netdev class's 'set_tx_multiq': the datapath wants 'n_txq' queues,
 * one per thread that may send. */
int
netdev_bond_set_tx_multiq(struct netdev *netdev, unsigned int n_txq)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);

    ovs_mutex_lock(&dev->mutex);
    if (dev->queues.requested_n_txq != n_txq) {
        dev->queues.requested_n_txq = n_txq;
        netdev_request_reconfigure(netdev);
    }
    ovs_mutex_unlock(&dev->mutex);
    return 0;
}

/* The netdev class's 'reconfigure', which the datapath calls while nothing
 * receives or sends on the bond: reconfigures the members that ask for it,
 * then lays out the bond's queues over theirs. */
int
netdev_bond_reconfigure(struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    bool pmd = netdev_is_pmd(netdev);
    size_t n_slots = 0;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members; i++) {
        struct bond_member *m = &dev->members[i];

        if (!m->netdev) {
            continue;
        }
        if (pmd) {
            netdev_set_tx_multiq(m->netdev,
                                 MAX(dev->queues.requested_n_txq, 1) + 1);
        }
        int error = (netdev_is_reconf_required(m->netdev)
                     ? netdev_reconfigure(m->netdev) : 0);

        /* A member that failed stays out of the bond's queues, and down,
         * until it asks to be reconfigured again (as a DPDK port does when
         * its dpdk-devargs attach a device). */
        m->unconfigured = error && error != EOPNOTSUPP;
        if (m->unconfigured) {
            static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(5, 20);
            VLOG_WARN_RL(&rl, "%s: could not reconfigure member %s (%s)",
                         netdev_get_name(netdev), m->name,
                         ovs_strerror(error));
        }
        n_slots += (pmd && netdev_bond_member_usable(m)
                    ? netdev_n_rxq(m->netdev) : 0);
    }

    free(dev->queues.slots);
    dev->queues.slots = xcalloc(MAX(n_slots, 1), sizeof *dev->queues.slots);
    dev->queues.n_slots = 0;
    if (pmd) {
        for (size_t i = 0; i < dev->n_members; i++) {
            const struct bond_member *m = &dev->members[i];
            int n = netdev_bond_member_usable(m) ? netdev_n_rxq(m->netdev) : 0;

            for (int q = 0; q < n; q++) {
                struct bond_rxq_slot *slot
                    = &dev->queues.slots[dev->queues.n_slots++];
                slot->member = i;
                slot->queue = q;
            }
        }
        netdev->n_txq = MAX(dev->queues.requested_n_txq, 1);
    }
    /* A bond without members keeps one receive queue, which receives
     * nothing, so that the datapath keeps polling it. */
    netdev->n_rxq = MAX(dev->queues.n_slots, 1);
    ovs_mutex_unlock(&dev->mutex);
    netdev_change_seq_changed(netdev);
    return 0;
}

/* Returns the member and member queue that receive queue 'id' of 'dev'
 * polls: the member's index in 'dev->members' in '*member', the queue in
 * '*queue'.  Returns false if there is none (the members changed since the
 * last reconfiguration, which the datapath is about to run). */
bool
netdev_bond_queues_slot(const struct netdev_bond *dev, int id,
                        size_t *member, int *queue)
    OVS_REQUIRES(dev->mutex)
{
    if (id < 0 || (size_t) id >= dev->queues.n_slots) {
        return false;
    }
    const struct bond_rxq_slot *slot = &dev->queues.slots[id];
    const struct bond_member *m = (slot->member < dev->n_members
                                   ? &dev->members[slot->member] : NULL);
    if (!m || !netdev_bond_member_usable(m)
        || slot->queue >= netdev_n_rxq(m->netdev)) {
        return false;
    }
    *member = slot->member;
    *queue = slot->queue;
    return true;
}

/* The netdev class's 'get_numa_id': the datapath places a port's receive
 * queues on PMD threads of its NUMA node; the bond's are its members'. */
int
netdev_bond_get_numa_id(const struct netdev *netdev)
{
    struct netdev_bond *dev = netdev_bond_cast(netdev);
    int numa = NETDEV_NUMA_UNSPEC;

    ovs_mutex_lock(&dev->mutex);
    for (size_t i = 0; i < dev->n_members && numa == NETDEV_NUMA_UNSPEC;
         i++) {
        if (dev->members[i].netdev) {
            numa = netdev_get_numa_id(dev->members[i].netdev);
        }
    }
    ovs_mutex_unlock(&dev->mutex);
    return numa;
}

/* Sends 'batch' on 'member' of 'dev' for the datapath thread that sends on
 * the bond's transmit queue 'qid', with 'concurrent_txq' as the datapath
 * gave it. */
int
netdev_bond_member_send(const struct netdev *bond, struct netdev *member,
                        int qid, struct dp_packet_batch *batch,
                        bool concurrent_txq)
{
    int n_txq = netdev_n_txq(member);

    if (n_txq <= netdev_n_txq(bond)) {
        /* No queue of its own for each of the bond's: share, and lock. */
        qid = n_txq > 1 ? qid % n_txq : 0;
        concurrent_txq = true;
    }
    return netdev_send(member, qid, batch, concurrent_txq);
}

/* Sends 'batch', frames of the main loop's own (not the datapath's), on
 * 'member': on the member's last queue, which is beyond the bond's own
 * when the member has more queues than the bond. */
int
netdev_bond_member_send_own(struct netdev *member,
                            struct dp_packet_batch *batch)
{
    return netdev_send(member, MAX(netdev_n_txq(member), 1) - 1, batch, true);
}
