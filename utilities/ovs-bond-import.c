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

/* ovs-bond-import: turns Linux bonding options into ovs-vsctl arguments.
 *
 *     ovs-bond-import [--port PORT] 'mode=1 miimon=100'
 *
 * prints "set port PORT KEY=VALUE..." for the Port columns and
 * other_config keys that hold those options in Open vSwitch's database,
 * ready for "ovs-vsctl add-bond br0 bond0 eth0 eth1 -- $(ovs-bond-import
 * ...)".  The mapping is lib/bond-config.c's option table. */

#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bond-config.h"
#include "command-line.h"
#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "util.h"

OVS_NO_RETURN static void
usage(void)
{
    printf("%s: Linux bonding options to ovs-vsctl arguments\n"
           "usage: %s [--port PORT] 'OPTION=VALUE ...'\n"
           "  --port PORT   the bond's Port name (default bond0)\n"
           "  -h, --help    display this help message\n"
           "  -V, --version display version information\n",
           program_name, program_name);
    exit(EXIT_SUCCESS);
}

int
main(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"port", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *port = "bond0";

    set_program_name(argv[0]);
    for (;;) {
        int c = getopt_long(argc, argv, "p:hV", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case 'p':
            port = optarg;
            break;
        case 'h':
            usage();
        case 'V':
            printf("ovs-bond-import (ovs-bond) %s\n", OVS_BOND_VERSION);
            exit(EXIT_SUCCESS);
        default:
            exit(EXIT_FAILURE);
        }
    }

    struct ds options = DS_EMPTY_INITIALIZER;
    for (int i = optind; i < argc; i++) {
        ds_put_format(&options, "%s ", argv[i]);
    }

    struct smap columns = SMAP_INITIALIZER(&columns);
    struct smap other_config = SMAP_INITIALIZER(&other_config);
    char *error = bond_config_from_linux(ds_cstr(&options), &columns,
                                         &other_config);
    if (error) {
        ovs_fatal(0, "%s", error);
    }

    struct ds out = DS_EMPTY_INITIALIZER;
    const struct smap_node **nodes;

    ds_put_format(&out, "set port %s", port);
    nodes = smap_sort(&columns);
    for (size_t i = 0; i < smap_count(&columns); i++) {
        ds_put_format(&out, " %s=%s", nodes[i]->key, nodes[i]->value);
    }
    free(nodes);
    nodes = smap_sort(&other_config);
    for (size_t i = 0; i < smap_count(&other_config); i++) {
        ds_put_format(&out, " other_config:%s=%s", nodes[i]->key,
                      nodes[i]->value);
    }
    free(nodes);
    puts(ds_cstr(&out));

    ds_destroy(&out);
    ds_destroy(&options);
    smap_destroy(&columns);
    smap_destroy(&other_config);
    return 0;
}
