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
 * ...)".  With --bridge it reads Linux configuration files instead and
 * prints whole ovs-vsctl commands.  The mapping is lib/bond-config.c's
 * option table. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bond-config.h"
#include "command-line.h"
#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "svec.h"
#include "util.h"

OVS_NO_RETURN static void
usage(void)
{
    printf("%s: Linux bonding configuration to ovs-vsctl arguments\n"
           "usage: %s [--port PORT] 'OPTION=VALUE ...'\n"
           "       %s --bridge BRIDGE FILE...\n"
           "The first form prints \"set port PORT ...\" for Linux bonding\n"
           "options.  The second reads Linux configuration files\n"
           "(/etc/modprobe.conf or modprobe.d \"alias\" and \"options\"\n"
           "lines, \"ifenslave\" lines as in rc.local, and ifcfg-* files\n"
           "with BONDING_OPTS, MASTER and SLAVE) and prints the ovs-vsctl\n"
           "commands that create the same bonds on BRIDGE.\n"
           "  --port PORT     the bond's Port name (default bond0)\n"
           "  --bridge BRIDGE the bridge for the bonds found in FILEs\n"
           "  --list-options  print every bond option: OVSDB key, Linux\n"
           "                  name, values, default, modes\n"
           "  -h, --help      display this help message\n"
           "  -V, --version   display version information\n",
           program_name, program_name, program_name);
    exit(EXIT_SUCCESS);
}

/* A bond found in configuration files. */
struct import_bond {
    char *name;
    struct ds options;          /* Linux options, space-separated. */
    struct svec members;        /* In the order found. */
};

struct importer {
    struct import_bond *bonds;
    size_t n_bonds, allocated;
    struct ds global_options;   /* "options bonding ...": every bond. */
};

static struct import_bond *
import_bond(struct importer *im, const char *name)
{
    for (size_t i = 0; i < im->n_bonds; i++) {
        if (!strcmp(im->bonds[i].name, name)) {
            return &im->bonds[i];
        }
    }
    if (im->n_bonds >= im->allocated) {
        im->bonds = x2nrealloc(im->bonds, &im->allocated, sizeof *im->bonds);
    }
    struct import_bond *b = &im->bonds[im->n_bonds++];
    b->name = xstrdup(name);
    ds_init(&b->options);
    svec_init(&b->members);
    return b;
}

static void
add_member(struct import_bond *b, const char *member)
{
    if (!svec_contains_unsorted(&b->members, member)) {
        svec_add(&b->members, member);
    }
}

/* Removes quotes around 'value', in place. */
static char *
unquote(char *value)
{
    size_t n = strlen(value);
    if (n >= 2 && (value[0] == '"' || value[0] == '\'')
        && value[n - 1] == value[0]) {
        value[n - 1] = '\0';
        return value + 1;
    }
    return value;
}

/* Reads one configuration file into 'im'. */
static void
import_file(struct importer *im, const char *file_name)
{
    FILE *file = fopen(file_name, "r");
    if (!file) {
        ovs_fatal(errno, "%s: could not open", file_name);
    }

    /* ifcfg-style KEY=VALUE settings of this file. */
    char *device = NULL, *master = NULL, *bonding_opts = NULL;
    bool slave = false;

    struct ds line = DS_EMPTY_INITIALIZER;
    while (!ds_get_line(&line, file)) {
        char *s = ds_cstr(&line);
        char *hash = strchr(s, '#');
        if (hash) {
            *hash = '\0';
        }

        struct svec words = SVEC_EMPTY_INITIALIZER;
        svec_parse_words(&words, s);
        if (!words.n) {
            svec_destroy(&words);
            continue;
        }
        const char *w0 = words.names[0];
        char *eq = strchr(s, '=');

        if (!strcmp(w0, "alias") && words.n == 3
            && !strcmp(words.names[2], "bonding")) {
            import_bond(im, words.names[1]);
        } else if (!strcmp(w0, "options") && words.n >= 2) {
            const char *target = words.names[1];
            struct ds *opts = NULL;
            if (!strcmp(target, "bonding")) {
                opts = &im->global_options;
            } else {
                for (size_t i = 0; i < im->n_bonds; i++) {
                    if (!strcmp(im->bonds[i].name, target)) {
                        opts = &im->bonds[i].options;
                    }
                }
            }
            for (size_t i = 2; opts && i < words.n; i++) {
                ds_put_format(opts, "%s ", words.names[i]);
            }
        } else if (!strcmp(w0, "ifenslave") && words.n >= 3) {
            struct import_bond *b = import_bond(im, words.names[1]);
            for (size_t i = 2; i < words.n; i++) {
                add_member(b, words.names[i]);
            }
        } else if (eq) {
            *eq = '\0';
            char *key = s;
            while (*key == ' ' || *key == '\t') {
                key++;
            }
            if (key[strcspn(key, " \t")]) {
                svec_destroy(&words);
                continue;       /* Not KEY=VALUE. */
            }
            char *value = unquote(eq + 1);
            value[strcspn(value, "\r\n")] = '\0';
            if (!strcmp(key, "DEVICE")) {
                free(device);
                device = xstrdup(value);
            } else if (!strcmp(key, "MASTER")) {
                free(master);
                master = xstrdup(value);
            } else if (!strcmp(key, "SLAVE")) {
                slave = !strcasecmp(value, "yes");
            } else if (!strcmp(key, "BONDING_OPTS")) {
                free(bonding_opts);
                bonding_opts = xstrdup(value);
            }
        }
        svec_destroy(&words);
    }
    ds_destroy(&line);
    fclose(file);

    if (device && bonding_opts) {
        ds_put_format(&import_bond(im, device)->options, "%s ",
                      bonding_opts);
    }
    if (device && master && slave) {
        add_member(import_bond(im, master), device);
    }
    free(device);
    free(master);
    free(bonding_opts);
}

/* Appends "set port PORT ..." for Linux 'options' to 'out'.  Exits with an
 * error message if an option has no Open vSwitch home. */
static void
put_set_port(struct ds *out, const char *port, const char *options)
{
    struct smap columns = SMAP_INITIALIZER(&columns);
    struct smap other_config = SMAP_INITIALIZER(&other_config);
    char *error = bond_config_from_linux(options, &columns, &other_config);
    const struct smap_node **nodes;

    if (error) {
        ovs_fatal(0, "%s: %s", port, error);
    }
    ds_put_format(out, "set port %s", port);
    nodes = smap_sort(&columns);
    for (size_t i = 0; i < smap_count(&columns); i++) {
        ds_put_format(out, " %s=%s", nodes[i]->key, nodes[i]->value);
    }
    free(nodes);
    nodes = smap_sort(&other_config);
    for (size_t i = 0; i < smap_count(&other_config); i++) {
        ds_put_format(out, " other_config:%s=%s", nodes[i]->key,
                      nodes[i]->value);
    }
    free(nodes);
    smap_destroy(&columns);
    smap_destroy(&other_config);
}

int
main(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"port", required_argument, NULL, 'p'},
        {"bridge", required_argument, NULL, 'b'},
        {"list-options", optional_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *port = "bond0";
    const char *bridge = NULL;

    set_program_name(argv[0]);
    for (;;) {
        int c = getopt_long(argc, argv, "p:b:hV", long_options, NULL);
        if (c == -1) {
            break;
        }
        switch (c) {
        case 'p':
            port = optarg;
            break;
        case 'b':
            bridge = optarg;
            break;
        case 'L': {
            struct ds table = DS_EMPTY_INITIALIZER;
            if (optarg && !strcmp(optarg, "man")) {
                bond_config_format_options_man(&table);
            } else if (optarg) {
                ovs_fatal(0, "--list-options takes no value or \"man\"");
            } else {
                bond_config_format_options(&table);
            }
            fputs(ds_cstr(&table), stdout);
            ds_destroy(&table);
            exit(EXIT_SUCCESS);
        }
        case 'h':
            usage();
        case 'V':
            printf("ovs-bond-import (ovs-bond) %s\n", OVS_BOND_VERSION);
            exit(EXIT_SUCCESS);
        default:
            exit(EXIT_FAILURE);
        }
    }

    struct ds out = DS_EMPTY_INITIALIZER;
    if (!bridge) {
        struct ds options = DS_EMPTY_INITIALIZER;
        for (int i = optind; i < argc; i++) {
            ds_put_format(&options, "%s ", argv[i]);
        }
        put_set_port(&out, port, ds_cstr(&options));
        ds_destroy(&options);
    } else {
        struct importer im;

        memset(&im, 0, sizeof im);
        ds_init(&im.global_options);
        if (optind >= argc) {
            ovs_fatal(0, "--bridge needs configuration files to read");
        }
        for (int i = optind; i < argc; i++) {
            import_file(&im, argv[i]);
        }
        if (!im.n_bonds) {
            ovs_fatal(0, "no bond found in the files");
        }
        for (size_t i = 0; i < im.n_bonds; i++) {
            struct import_bond *b = &im.bonds[i];
            if (b->members.n < 2) {
                ovs_fatal(0, "%s: %"PRIuSIZE" member(s) found, a bond needs "
                          "two or more (ifenslave, or ifcfg MASTER/SLAVE)",
                          b->name, b->members.n);
            }
            ds_put_format(&out, "%s-- add-bond %s %s", i ? " " : "",
                          bridge, b->name);
            for (size_t j = 0; j < b->members.n; j++) {
                ds_put_format(&out, " %s", b->members.names[j]);
            }
            ds_put_format(&out, " -- ");
            struct ds opts = DS_EMPTY_INITIALIZER;
            ds_put_format(&opts, "%s %s", ds_cstr(&im.global_options),
                          ds_cstr(&b->options));
            put_set_port(&out, b->name, ds_cstr(&opts));
            ds_destroy(&opts);
            free(b->name);
            ds_destroy(&b->options);
            svec_destroy(&b->members);
        }
        free(im.bonds);
        ds_destroy(&im.global_options);
    }
    puts(ds_cstr(&out));
    ds_destroy(&out);
    return 0;
}
