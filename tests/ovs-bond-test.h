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

#ifndef OVS_BOND_TEST_H
#define OVS_BOND_TEST_H 1

#include <stdbool.h>

/* One unit test program of ovs-bond-test. */
typedef int ovs_bond_test_func(int argc, char *argv[]);

struct ovs_bond_test {
    const char *name;           /* As given on the command line. */
    const char *help;           /* One line for --help. */
    ovs_bond_test_func *main;
};

struct ds;
struct svec;
bool ovs_bond_test_next_command(struct ds *line, struct svec *words);
int ovs_bond_test_end_command(bool ok, struct svec *words);

ovs_bond_test_func test_bond_alb_main;
ovs_bond_test_func test_bond_mcast_main;
ovs_bond_test_func test_bond_arpmon_main;
ovs_bond_test_func test_bond_bench_main;
ovs_bond_test_func test_bond_config_main;
ovs_bond_test_func test_bond_hash_main;
ovs_bond_test_func test_bond_state_main;
ovs_bond_test_func test_lacp_fsm_main;

#endif /* ovs-bond-test.h */
