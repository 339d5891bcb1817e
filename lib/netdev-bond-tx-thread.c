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

/* The transmit thread: a bond whose members are kernel devices hands busy
 * bursts to a thread of its own through a single-producer ring, so that
 * switching and the kernel's transmit work run on two cores. */

#include <config.h>
#include "netdev-bond-private.h"

#include <string.h>

#include "dp-packet.h"
#include "latch.h"
#include "openvswitch/poll-loop.h"
#include "ovs-atomic.h"
#include "ovs-rcu.h"
#include "ovs-thread.h"
#include "util.h"

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
            netdev_bond_tx_send_now(txt->dev, 0, &batch, true);

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

struct bond_tx_thread *
netdev_bond_tx_thread_start(struct netdev_bond *dev)
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
void
netdev_bond_tx_thread_stop(struct bond_tx_thread *txt)
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
bool
netdev_bond_tx_thread_enqueue(struct bond_tx_thread *txt, size_t burst,
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
        atomic_add_relaxed(&txt->dev->tx.dropped, n_full, &orig);
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

/* Returns true if the bond's transmit thread should send for it now. */
bool
netdev_bond_tx_thread_wanted(const struct netdev_bond *dev)
    OVS_REQUIRES(dev->mutex)
{
    if (netdev_is_pmd(&dev->up)) {
        /* The PMD threads send, each on its own queues. */
        return false;
    }
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
