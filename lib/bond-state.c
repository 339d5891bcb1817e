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
#include "bond-state.h"

#include <limits.h>
#include <string.h>

#include "bond-config.h"
#include "util.h"

struct bond_state {
    struct bond_state_member *members;  /* In configuration order. */
    size_t n_members;
    int active;                 /* Index of the active member, or -1. */

    /* Configuration. */
    int updelay, downdelay;     /* ms. */
    int primary;                /* Index, or -1. */
    int primary_reselect;       /* enum bond_primary_reselect. */
    int min_links;
    bool reselect;              /* Choose the active member on next run. */
    unsigned int pending;       /* Changes to report on next run. */
};

static void set_link(struct bond_state_member *, enum bond_link,
                     long long int expires);
static bool usable(const struct bond_state_member *);
static int choose_active(const struct bond_state *);

const char *
bond_state_link_name(enum bond_link link)
{
    switch (link) {
    case BOND_LINK_UP: return "up";
    case BOND_LINK_FAIL: return "going down";
    case BOND_LINK_DOWN: return "down";
    case BOND_LINK_BACK: return "going back";
    }
    OVS_NOT_REACHED();
}

/* Returns a new state for a bond without members. */
struct bond_state *
bond_state_create(void)
{
    struct bond_state *bs = xzalloc(sizeof *bs);
    bs->active = -1;
    bs->primary = -1;
    return bs;
}

/* Frees 'bs' and what it owns.  'bs' may be NULL. */
void
bond_state_destroy(struct bond_state *bs)
{
    if (bs) {
        for (size_t i = 0; i < bs->n_members; i++) {
            free(bs->members[i].name);
        }
        free(bs->members);
        free(bs);
    }
}

/* Applies 's' to 'bs': its members (in its order), delays, primary and
 * priorities.  A member that was already present keeps its link state,
 * failure count and administrative state; the active member stays active
 * if it is still a member.  New members start with their link down. */
void
bond_state_configure(struct bond_state *bs, const struct bond_settings *s)
{
    struct bond_state_member *members = xcalloc(s->n_members,
                                                sizeof *members);
    const char *active = bond_state_active_name(bs);
    int new_active = -1;

    for (size_t i = 0; i < s->n_members; i++) {
        const char *name = s->members[i].name;
        struct bond_state_member *m = &members[i];
        int old = bond_state_find(bs, name);

        if (old >= 0) {
            *m = bs->members[old];
        } else {
            m->link = BOND_LINK_DOWN;
            m->admin_enabled = true;
        }
        m->name = xstrdup(name);
        m->prio = s->members[i].prio;
        if (active && !strcmp(active, name)) {
            new_active = i;
        }
    }

    for (size_t i = 0; i < bs->n_members; i++) {
        free(bs->members[i].name);
    }
    free(bs->members);
    bs->members = members;
    bs->n_members = s->n_members;
    bs->active = new_active;

    bs->updelay = s->updelay;
    bs->downdelay = s->downdelay;
    if (s->detect_mode == BOND_DETECT_MIIMON && s->miimon_interval > 0) {
        /* Linux counts the delays in miimon ticks, rounding down. */
        bs->updelay -= bs->updelay % s->miimon_interval;
        bs->downdelay -= bs->downdelay % s->miimon_interval;
    }
    bs->primary = s->primary ? bond_state_find(bs, s->primary) : -1;
    bs->primary_reselect = s->primary_reselect;
    bs->min_links = s->min_links;
    bs->reselect = true;
}

/* Returns the index of the member of 'bs' named 'name', or -1. */
int
bond_state_find(const struct bond_state *bs, const char *name)
{
    for (size_t i = 0; i < bs->n_members; i++) {
        if (!strcmp(bs->members[i].name, name)) {
            return i;
        }
    }
    return -1;
}

/* Reports that member 'idx' of 'bs' has raw link state 'carrier' at time
 * 'now'.  The debounced state follows in bond_state_run(). */
void
bond_state_set_carrier(struct bond_state *bs, size_t idx, bool carrier,
                       long long int now)
{
    struct bond_state_member *m = &bs->members[idx];

    if (!m->carrier_seen) {
        m->carrier_seen = true;
    } else if (m->carrier != carrier) {
        m->carrier_resets++;
    }
    if (m->carrier == carrier) {
        return;
    }
    m->carrier = carrier;

    switch (m->link) {
    case BOND_LINK_UP:
        if (!carrier) {
            set_link(m, BOND_LINK_FAIL, now + bs->downdelay);
        }
        break;
    case BOND_LINK_FAIL:
        if (carrier) {
            set_link(m, BOND_LINK_UP, LLONG_MAX);
        }
        break;
    case BOND_LINK_DOWN:
        if (carrier) {
            /* When no member is usable, the updelay is skipped. */
            bool any = false;
            for (size_t i = 0; i < bs->n_members; i++) {
                any = any || usable(&bs->members[i]);
            }
            set_link(m, BOND_LINK_BACK, any ? now + bs->updelay : now);
        }
        break;
    case BOND_LINK_BACK:
        if (!carrier) {
            set_link(m, BOND_LINK_DOWN, LLONG_MAX);
        }
        break;
    }
}

/* Records member 'idx''s link speed, in bit/s. */
void
bond_state_set_speed(struct bond_state *bs, size_t idx, uint64_t speed)
{
    bs->members[idx].speed = speed;
}

/* Enables or disables member 'idx' administratively (bond/enable-member,
 * bond/disable-member).  Returns true if that changed anything. */
bool
bond_state_set_admin(struct bond_state *bs, size_t idx, bool enabled)
{
    struct bond_state_member *m = &bs->members[idx];

    if (m->admin_enabled == enabled) {
        return false;
    }
    m->admin_enabled = enabled;
    m->enabled = enabled && usable(m);
    bs->pending |= BOND_CHANGED_ENABLED;
    bs->reselect = true;
    return true;
}

/* Makes member 'idx' the active member (bond/set-active-member).  Returns
 * NULL if successful, otherwise a static message saying why not. */
const char *
bond_state_set_active(struct bond_state *bs, size_t idx)
{
    if (!bs->members[idx].enabled) {
        return "cannot make disabled member active";
    }
    if (bs->active == (int) idx) {
        return "no change";
    }
    bs->active = idx;
    return NULL;
}

/* Advances the member state machines to time 'now' and recomputes which
 * members are enabled and which one is active.  Returns a bitmap of
 * enum bond_state_change. */
unsigned int
bond_state_run(struct bond_state *bs, long long int now)
{
    unsigned int changes = bs->pending;

    bs->pending = 0;
    for (size_t i = 0; i < bs->n_members; i++) {
        struct bond_state_member *m = &bs->members[i];

        if (m->link == BOND_LINK_FAIL && now >= m->delay_expires) {
            set_link(m, BOND_LINK_DOWN, LLONG_MAX);
            m->link_failures++;
            changes |= BOND_CHANGED_LINK;
        } else if (m->link == BOND_LINK_BACK && now >= m->delay_expires) {
            set_link(m, BOND_LINK_UP, LLONG_MAX);
            changes |= BOND_CHANGED_LINK;
        }

        bool enabled = m->admin_enabled && usable(m);
        if (enabled != m->enabled) {
            m->enabled = enabled;
            changes |= BOND_CHANGED_ENABLED;
        }
    }

    if (changes || bs->reselect
        || (bs->active >= 0 && !bs->members[bs->active].enabled)) {
        int active = choose_active(bs);
        if (active != bs->active) {
            bs->active = active;
            changes |= BOND_CHANGED_ACTIVE;
        }
        bs->reselect = false;
    }
    return changes;
}

/* Returns the time at which bond_state_run() must run next (LLONG_MAX if
 * there is no timer). */
long long int
bond_state_wake_time(const struct bond_state *bs)
{
    long long int wake = LLONG_MAX;

    for (size_t i = 0; i < bs->n_members; i++) {
        const struct bond_state_member *m = &bs->members[i];
        if (m->link == BOND_LINK_FAIL || m->link == BOND_LINK_BACK) {
            wake = MIN(wake, m->delay_expires);
        }
    }
    return wake;
}

/* Returns the number of members of 'bs'. */
size_t
bond_state_n_members(const struct bond_state *bs)
{
    return bs->n_members;
}

/* Returns member 'idx' of 'bs', which must exist, for reading. */
const struct bond_state_member *
bond_state_member(const struct bond_state *bs, size_t idx)
{
    ovs_assert(idx < bs->n_members);
    return &bs->members[idx];
}

/* Returns the index of the active member of 'bs', or -1 if there is none. */
int
bond_state_active(const struct bond_state *bs)
{
    return bs->active;
}

/* Returns the name of the active member of 'bs', or NULL if there is none. */
const char *
bond_state_active_name(const struct bond_state *bs)
{
    return bs->active >= 0 ? bs->members[bs->active].name : NULL;
}

/* Returns the number of members that may carry traffic. */
size_t
bond_state_n_enabled(const struct bond_state *bs)
{
    size_t n = 0;
    for (size_t i = 0; i < bs->n_members; i++) {
        n += bs->members[i].enabled;
    }
    return n;
}

/* Returns true if the bond has carrier: at least min_links (and at least
 * one) members may carry traffic. */
bool
bond_state_carrier(const struct bond_state *bs)
{
    return bond_state_n_enabled(bs) >= MAX(bs->min_links, 1);
}

static void
set_link(struct bond_state_member *m, enum bond_link link,
         long long int expires)
{
    m->link = link;
    m->delay_expires = expires;
}

/* Linux uses a member whose committed link is up; during downdelay the
 * link is not yet committed down. */
static bool
usable(const struct bond_state_member *m)
{
    return m->link == BOND_LINK_UP || m->link == BOND_LINK_FAIL;
}

/* Linux's bond_choose_primary_or_current() and bond_find_best_slave():
 * the primary if usable (subject to primary_reselect), else the current
 * active member if usable (unless a usable member has a strictly higher
 * prio), else the usable member with the highest prio, first in order. */
static int
choose_active(const struct bond_state *bs)
{
    int curr = (bs->active >= 0 && bs->members[bs->active].enabled
                ? bs->active : -1);
    int prim = (bs->primary >= 0 && bs->members[bs->primary].enabled
                ? bs->primary : -1);

    if (prim < 0) {
        int best = -1;
        for (size_t i = 0; i < bs->n_members; i++) {
            if (bs->members[i].enabled
                && (best < 0
                    || bs->members[i].prio > bs->members[best].prio)) {
                best = i;
            }
        }
        if (curr < 0 || best < 0
            || bs->members[best].prio <= bs->members[curr].prio) {
            return curr >= 0 ? curr : best;
        }
        prim = best;
    }

    if (curr < 0 || curr == prim) {
        return prim;
    }
    switch (bs->primary_reselect) {
    case BOND_RESELECT_ALWAYS:
        return prim;
    case BOND_RESELECT_BETTER:
        return bs->members[prim].speed > bs->members[curr].speed ? prim : curr;
    case BOND_RESELECT_FAILURE:
        return curr;
    default:
        OVS_NOT_REACHED();
    }
}
