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

/* ovs-bond-test: runs the unit tests of ovs-bond's pure modules.
 *
 *     ovs-bond-test TEST [ARG...]
 *
 * Each test registers itself in 'tests' below.  Tests read scripts on
 * standard input and print what they observe, so that the autotest suite
 * compares the output with what it expects. */

#include <config.h>
#include "ovs-bond-test.h"

#include <stdio.h>
#include <string.h>

#include "openvswitch/dynamic-string.h"
#include "svec.h"
#include "util.h"

static const struct ovs_bond_test tests[] = {
    { "bond-alb", "run a balance-alb peer table script from stdin",
      test_bond_alb_main },
    { "bond-arpmon", "run an ARP monitor script from stdin",
      test_bond_arpmon_main },
    { "bond-bench", "member choice loop for callgrind",
      test_bond_bench_main },
    { "bond-config", "option parsing", test_bond_config_main },
    { "bond-hash", "transmit hash policies", test_bond_hash_main },
    { "bond-mcast", "the multicast queries sent after a failover",
      test_bond_mcast_main },
    { "bond-state", "run a bond-state script from stdin",
      test_bond_state_main },
    { "lacp-fsm", "run two LACP systems from a script on stdin",
      test_lacp_fsm_main },
};

/* Reads the next command of a test script from standard input into 'words'
 * (which the caller must svec_destroy()), skipping empty lines and lines
 * that start with '#', and echoes it, so that the output reads as a
 * transcript.  'line' is the caller's buffer.  Returns false at the end of
 * the input. */
bool
ovs_bond_test_next_command(struct ds *line, struct svec *words)
{
    while (!ds_get_line(line, stdin)) {
        const char *text = ds_cstr(line);

        if (text[0] && text[0] != '#') {
            printf("%s\n", text);
            svec_init(words);
            svec_parse_words(words, text);
            if (words->n) {
                return true;
            }
            svec_destroy(words);
        }
    }
    return false;
}

/* Ends a command that ovs_bond_test_next_command() read: reports it if it
 * was not 'ok' and frees 'words'.  Returns the exit status it deserves (0
 * or 1). */
int
ovs_bond_test_end_command(bool ok, struct svec *words)
{
    svec_destroy(words);
    if (!ok) {
        printf("  error: bad command\n");
        return 1;
    }
    return 0;
}

static void
usage(void)
{
    printf("usage: %s TEST [ARG...]\nwhere TEST is one of:\n",
           program_name);
    for (size_t i = 0; i < ARRAY_SIZE(tests); i++) {
        printf("  %-20s %s\n", tests[i].name, tests[i].help);
    }
}

int
main(int argc, char *argv[])
{
    set_program_name(argv[0]);

    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        usage();
        return argc < 2;
    }
    for (size_t i = 0; i < ARRAY_SIZE(tests); i++) {
        if (!strcmp(tests[i].name, argv[1])) {
            return tests[i].main(argc - 1, argv + 1);
        }
    }
    ovs_fatal(0, "unknown test \"%s\" (use --help for a list)", argv[1]);
}
