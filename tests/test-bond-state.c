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

/* Script-driven test of lib/bond-state.c with a fake clock.  Commands, one
 * a line:
 *
 *     members NAME...          replace the member list
 *     set KEY=VALUE...         updelay, downdelay, miimon (ms), primary,
 *                              reselect (always|better|failure), min_links,
 *                              prio:NAME
 *     link NAME up|down        report a member's raw link state, at the
 *                              time of the last "run"
 *     speed NAME MBPS          report a member's speed
 *     admin NAME up|down       bond/enable-member, bond/disable-member
 *     active NAME              bond/set-active-member
 *     run [MS]                 advance the clock to MS (absolute) and run;
 *                              prints what changed and the state
 *
 * Lines starting with '#' and empty lines are ignored.  Every command
 * echoes itself first, so the output reads as a transcript. */

#include <config.h>
#include "ovs-bond-test.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bond-config.h"
#include "bond-state.h"
#include "openvswitch/dynamic-string.h"
#include "svec.h"
#include "util.h"

static void
print_state(const struct bond_state *bs, unsigned int changes)
{
    const char *active = bond_state_active_name(bs);

    printf("  changes:%s%s%s%s\n",
           changes & BOND_CHANGED_LINK ? " link" : "",
           changes & BOND_CHANGED_ENABLED ? " enabled" : "",
           changes & BOND_CHANGED_ACTIVE ? " active" : "",
           changes ? "" : " none");
    printf("  active: %s, carrier %s (%"PRIuSIZE" of %"PRIuSIZE
           " enabled)\n", active ? active : "none",
           bond_state_carrier(bs) ? "up" : "down", bond_state_n_enabled(bs),
           bond_state_n_members(bs));
    for (size_t i = 0; i < bond_state_n_members(bs); i++) {
        const struct bond_state_member *m = bond_state_member(bs, i);
        printf("  %s: %s", m->name, bond_state_link_name(m->link));
        if (m->link == BOND_LINK_FAIL || m->link == BOND_LINK_BACK) {
            printf(" (until %lld)", m->delay_expires);
        }
        printf(", %s%s, failures %u\n", m->enabled ? "enabled" : "disabled",
               m->admin_enabled ? "" : " (admin)", m->link_failures);
    }
    long long int wake = bond_state_wake_time(bs);
    if (wake != LLONG_MAX) {
        printf("  wake at %lld\n", wake);
    }
}

static int
lookup(const struct bond_state *bs, const char *name)
{
    int idx = bond_state_find(bs, name);
    if (idx < 0) {
        printf("  error: no member %s\n", name);
    }
    return idx;
}

/* Applies "KEY=VALUE" to 's'.  Returns false on a bad pair. */
static bool
apply_setting(struct bond_settings *s, const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq) {
        return false;
    }
    char *key = xmemdup0(kv, eq - kv);
    const char *value = eq + 1;
    bool ok = true;

    if (!strcmp(key, "updelay")) {
        s->updelay = atoi(value);
    } else if (!strcmp(key, "downdelay")) {
        s->downdelay = atoi(value);
    } else if (!strcmp(key, "miimon")) {
        s->detect_mode = BOND_DETECT_MIIMON;
        s->miimon_interval = atoi(value);
    } else if (!strcmp(key, "primary")) {
        free(s->primary);
        s->primary = value[0] ? xstrdup(value) : NULL;
    } else if (!strcmp(key, "reselect")) {
        s->primary_reselect = (!strcmp(value, "always")
                               ? BOND_RESELECT_ALWAYS
                               : !strcmp(value, "better")
                               ? BOND_RESELECT_BETTER
                               : BOND_RESELECT_FAILURE);
    } else if (!strcmp(key, "min_links")) {
        s->min_links = atoi(value);
    } else if (!strncmp(key, "prio:", 5)) {
        ok = false;
        for (size_t i = 0; i < s->n_members; i++) {
            if (!strcmp(s->members[i].name, key + 5)) {
                s->members[i].prio = atoi(value);
                ok = true;
            }
        }
    } else {
        ok = false;
    }
    free(key);
    return ok;
}

int
test_bond_state_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    struct bond_settings s;
    struct bond_state *bs = bond_state_create();
    long long int now = 0;
    int status = 0;

    bond_config_init(&s);
    struct svec words;
    while (ovs_bond_test_next_command(&line, &words)) {

        const char *cmd = words.names[0];
        bool ok = true;
        int idx;
        if (!strcmp(cmd, "members")) {
            for (size_t i = 0; i < s.n_members; i++) {
                free(s.members[i].name);
            }
            free(s.members);
            s.n_members = words.n - 1;
            s.members = xcalloc(s.n_members, sizeof *s.members);
            for (size_t i = 0; i < s.n_members; i++) {
                s.members[i].name = xstrdup(words.names[i + 1]);
            }
            bond_state_configure(bs, &s);
        } else if (!strcmp(cmd, "set")) {
            for (size_t i = 1; i < words.n; i++) {
                ok = ok && apply_setting(&s, words.names[i]);
            }
            bond_state_configure(bs, &s);
        } else if (!strcmp(cmd, "link") && words.n == 3) {
            if ((idx = lookup(bs, words.names[1])) >= 0) {
                bond_state_set_carrier(bs, idx,
                                       !strcmp(words.names[2], "up"), now);
            }
        } else if (!strcmp(cmd, "speed") && words.n == 3) {
            if ((idx = lookup(bs, words.names[1])) >= 0) {
                bond_state_set_speed(bs, idx,
                                     atoll(words.names[2]) * 1000000);
            }
        } else if (!strcmp(cmd, "admin") && words.n == 3) {
            if ((idx = lookup(bs, words.names[1])) >= 0) {
                bond_state_set_admin(bs, idx, !strcmp(words.names[2], "up"));
            }
        } else if (!strcmp(cmd, "active") && words.n == 2) {
            if ((idx = lookup(bs, words.names[1])) >= 0) {
                const char *err = bond_state_set_active(bs, idx);
                printf("  %s\n", err ? err : "done");
            }
        } else if (!strcmp(cmd, "run")) {
            if (words.n > 1) {
                now = atoll(words.names[1]);
            }
            print_state(bs, bond_state_run(bs, now));
        } else {
            ok = false;
        }
        status |= ovs_bond_test_end_command(ok, &words);
    }
    bond_state_destroy(bs);
    bond_config_destroy(&s);
    ds_destroy(&line);
    return status;
}
