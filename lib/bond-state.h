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

#ifndef BOND_STATE_H
#define BOND_STATE_H 1

/* Pure per-bond state: which members may carry traffic and which one is
 * active.
 *
 * Nothing here does I/O or reads a clock: the caller reports each member's
 * link state and passes the time, and reads back the decisions.  That keeps
 * the logic testable with a fake clock (see tests/test-bond-state.c). */

#include <stdbool.h>
#include <stddef.h>

/* Link state of one member, as the bond sees it. */
struct bond_state_member {
    char *name;                 /* For logs and status. */
    bool link_up;               /* Last link (carrier) state reported. */
    bool enabled;               /* May carry traffic. */
    bool admin_enabled;         /* False after bond/disable-member. */
    unsigned int link_failures; /* Up-to-down transitions seen. */
};

struct bond_state {
    struct bond_state_member *members;  /* In configuration order. */
    size_t n_members;
    int active;                 /* Index of the active member, or -1. */
};

void bond_state_init(struct bond_state *);
void bond_state_destroy(struct bond_state *);

void bond_state_set_members(struct bond_state *, char *const names[],
                            size_t n);
int bond_state_find(const struct bond_state *, const char *name);

bool bond_state_set_link(struct bond_state *, size_t idx, bool up);
bool bond_state_update(struct bond_state *);

const char *bond_state_active_name(const struct bond_state *);

#endif /* bond-state.h */
