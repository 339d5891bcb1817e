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

/* Pure per-bond state: each member's link state machine with updelay and
 * downdelay, link failure counts, which members may carry traffic, the
 * active member (primary, primary_reselect, per-member prio, sticky
 * choice), and whether the bond as a whole has carrier (min_links).
 *
 * Nothing here does I/O or reads a clock: the caller reports each member's
 * raw link state, passes the time in ms, and reads back the decisions
 * (see tests/test-bond-state.c, which drives it with a fake clock). */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bond_settings;

/* A member's link, as Linux's bonding names its states. */
enum bond_link {
    BOND_LINK_UP,               /* Up and used. */
    BOND_LINK_FAIL,             /* Went down, downdelay running: used. */
    BOND_LINK_DOWN,             /* Down. */
    BOND_LINK_BACK              /* Came up, updelay running: not used. */
};

const char *bond_state_link_name(enum bond_link);

/* What the bond knows of one member; read it with bond_state_member(). */
struct bond_state_member {
    char *name;                 /* For logs and status. */
    int prio;                   /* Higher wins the active role. */
    uint64_t speed;             /* bit/s, for primary_reselect=better. */
    bool carrier;               /* Last raw link state reported. */
    enum bond_link link;        /* Debounced state. */
    long long int delay_expires; /* When FAIL or BACK ends, in ms. */
    bool admin_enabled;         /* False after bond/disable-member. */
    bool enabled;               /* May carry traffic. */
    unsigned int link_failures; /* Times the link went DOWN. */
    bool carrier_seen;          /* 'carrier' was reported at least once. */
    unsigned int carrier_resets; /* Raw carrier changes seen since. */
};

/* What bond_state_run() changed. */
enum bond_state_change {
    BOND_CHANGED_LINK = 1 << 0,     /* Some member's link state. */
    BOND_CHANGED_ENABLED = 1 << 1,  /* The set of members that may carry
                                     * traffic. */
    BOND_CHANGED_ACTIVE = 1 << 2,   /* The active member. */
};

struct bond_state *bond_state_create(void);
void bond_state_destroy(struct bond_state *);

void bond_state_configure(struct bond_state *, const struct bond_settings *);
int bond_state_find(const struct bond_state *, const char *name);

void bond_state_set_carrier(struct bond_state *, size_t idx, bool carrier,
                            long long int now);
void bond_state_set_speed(struct bond_state *, size_t idx, uint64_t speed);
bool bond_state_set_admin(struct bond_state *, size_t idx, bool enabled);
const char *bond_state_set_active(struct bond_state *, size_t idx);

unsigned int bond_state_run(struct bond_state *, long long int now);
long long int bond_state_wake_time(const struct bond_state *);

size_t bond_state_n_members(const struct bond_state *);
const struct bond_state_member *bond_state_member(const struct bond_state *,
                                                  size_t idx);
int bond_state_active(const struct bond_state *);
const char *bond_state_active_name(const struct bond_state *);
size_t bond_state_n_enabled(const struct bond_state *);
bool bond_state_carrier(const struct bond_state *);

#endif /* bond-state.h */
