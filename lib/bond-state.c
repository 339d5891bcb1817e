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

#include <string.h>

#include "util.h"

/* Initializes 'bs' as a bond without members. */
void
bond_state_init(struct bond_state *bs)
{
    bs->members = NULL;
    bs->n_members = 0;
    bs->active = -1;
}

/* Frees what 'bs' owns.  'bs' may be NULL. */
void
bond_state_destroy(struct bond_state *bs)
{
    if (bs) {
        for (size_t i = 0; i < bs->n_members; i++) {
            free(bs->members[i].name);
        }
        free(bs->members);
        bs->members = NULL;
        bs->n_members = 0;
        bs->active = -1;
    }
}

/* Replaces the members of 'bs' by the 'n' members named in 'names', in that
 * order.  A member that was already present keeps its link state, failure
 * count and administrative state; the active member stays active if it is
 * still a member.  New members start with link down. */
void
bond_state_set_members(struct bond_state *bs, char *const names[], size_t n)
{
    struct bond_state_member *members = xcalloc(n, sizeof *members);
    const char *active = bond_state_active_name(bs);
    int new_active = -1;

    for (size_t i = 0; i < n; i++) {
        struct bond_state_member *m = &members[i];
        int old = bond_state_find(bs, names[i]);

        if (old >= 0) {
            *m = bs->members[old];
            m->name = xstrdup(names[i]);
        } else {
            m->name = xstrdup(names[i]);
            m->admin_enabled = true;
        }
        if (active && !strcmp(active, names[i])) {
            new_active = i;
        }
    }

    for (size_t i = 0; i < bs->n_members; i++) {
        free(bs->members[i].name);
    }
    free(bs->members);
    bs->members = members;
    bs->n_members = n;
    bs->active = new_active;
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

/* Records that member 'idx' of 'bs' has link state 'up'.  Returns true if
 * that is a change.  A change from up to down counts as a link failure. */
bool
bond_state_set_link(struct bond_state *bs, size_t idx, bool up)
{
    struct bond_state_member *m = &bs->members[idx];

    if (m->link_up == up) {
        return false;
    }
    if (!up) {
        m->link_failures++;
    }
    m->link_up = up;
    return true;
}

/* Recomputes which members are enabled and which one is active.  The active
 * member is sticky: it stays active as long as it is enabled; otherwise the
 * first enabled member in configuration order takes over.  Returns true if
 * the active member changed. */
bool
bond_state_update(struct bond_state *bs)
{
    int old_active = bs->active;

    for (size_t i = 0; i < bs->n_members; i++) {
        struct bond_state_member *m = &bs->members[i];
        m->enabled = m->link_up && m->admin_enabled;
    }

    if (bs->active < 0 || !bs->members[bs->active].enabled) {
        bs->active = -1;
        for (size_t i = 0; i < bs->n_members; i++) {
            if (bs->members[i].enabled) {
                bs->active = i;
                break;
            }
        }
    }
    return bs->active != old_active;
}

/* Returns the name of the active member of 'bs', or NULL if there is none. */
const char *
bond_state_active_name(const struct bond_state *bs)
{
    return bs->active >= 0 ? bs->members[bs->active].name : NULL;
}
