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

/* Script-driven test of lib/bond-state.c.  Commands, one a line:
 *
 *     members NAME...     replace the member list
 *     link NAME up|down   report a member's link state
 *     run                 recompute; prints the state
 *
 * Lines starting with '#' and empty lines are ignored.  Every command
 * echoes itself first, so the output reads as a transcript. */

#include <config.h>
#include "ovs-bond-test.h"

#include <stdio.h>
#include <string.h>

#include "bond-state.h"
#include "openvswitch/dynamic-string.h"
#include "svec.h"
#include "util.h"

static void
print_state(const struct bond_state *bs, bool changed)
{
    const char *active = bond_state_active_name(bs);

    printf("  active: %s%s\n", active ? active : "none",
           changed ? " (changed)" : "");
    for (size_t i = 0; i < bs->n_members; i++) {
        const struct bond_state_member *m = &bs->members[i];
        printf("  %s: link %s, %s, failures %u\n", m->name,
               m->link_up ? "up" : "down",
               m->enabled ? "enabled" : "disabled", m->link_failures);
    }
}

int
test_bond_state_main(int argc OVS_UNUSED, char *argv[] OVS_UNUSED)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    struct bond_state bs;
    int status = 0;

    bond_state_init(&bs);
    while (!ds_get_line(&line, stdin)) {
        struct svec words = SVEC_EMPTY_INITIALIZER;
        const char *s = ds_cstr(&line);

        if (!s[0] || s[0] == '#') {
            continue;
        }
        printf("%s\n", s);
        svec_parse_words(&words, s);
        if (!words.n) {
            svec_destroy(&words);
            continue;
        }

        const char *cmd = words.names[0];
        if (!strcmp(cmd, "members")) {
            bond_state_set_members(&bs, &words.names[1], words.n - 1);
        } else if (!strcmp(cmd, "link") && words.n == 3) {
            int idx = bond_state_find(&bs, words.names[1]);
            if (idx < 0) {
                printf("  error: no member %s\n", words.names[1]);
                status = 1;
            } else {
                bond_state_set_link(&bs, idx,
                                    !strcmp(words.names[2], "up"));
            }
        } else if (!strcmp(cmd, "run")) {
            print_state(&bs, bond_state_update(&bs));
        } else {
            printf("  error: bad command\n");
            status = 1;
        }
        svec_destroy(&words);
    }
    bond_state_destroy(&bs);
    ds_destroy(&line);
    return status;
}
