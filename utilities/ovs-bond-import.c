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
#include <unistd.h>

#include "bond-config.h"
#include "bond-options.h"
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
           "  --apply         run ovs-vsctl with the result instead of\n"
           "                  printing it\n"
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

/* Netplan's bond parameters and the Linux options they are. */
static const char *const netplan_params[][2] = {
    { "mode", "mode" },
    { "lacp-rate", "lacp_rate" },
    { "mii-monitor-interval", "miimon" },
    { "min-links", "min_links" },
    { "transmit-hash-policy", "xmit_hash_policy" },
    { "ad-select", "ad_select" },
    { "all-members-active", "all_slaves_active" },
    { "all-slaves-active", "all_slaves_active" },
    { "arp-interval", "arp_interval" },
    { "arp-ip-targets", "arp_ip_target" },
    { "arp-validate", "arp_validate" },
    { "arp-all-targets", "arp_all_targets" },
    { "up-delay", "updelay" },
    { "down-delay", "downdelay" },
    { "fail-over-mac-policy", "fail_over_mac" },
    { "gratuitous-arp", "num_grat_arp" },
    { "gratuitious-arp", "num_grat_arp" },
    { "packets-per-member", "packets_per_slave" },
    { "packets-per-slave", "packets_per_slave" },
    { "primary-reselect-policy", "primary_reselect" },
    { "resend-igmp", "resend_igmp" },
    { "learn-packet-interval", "lp_interval" },
    { "primary", "primary" },
};

/* Returns 'value' without a YAML flow list's brackets and with its commas
 * and spaces turned into single commas, in place: "[a, b]" -> "a,b". */
static char *
yaml_list(char *value)
{
    char *p = value, *q = value;
    if (*p == '[') {
        p++;
    }
    for (; *p && *p != ']'; p++) {
        if (*p == ' ' || *p == '"' || *p == '\'') {
            continue;
        }
        *q++ = *p;
    }
    *q = '\0';
    return value;
}

/* Netplan durations are milliseconds, with or without "ms", or seconds
 * with "s".  Rewrites 'value' as plain milliseconds. */
static void
put_netplan_value(struct ds *opts, const char *linux_name, char *value)
{
    size_t n = strlen(value);
    long long int ms;

    if (n > 2 && !strcmp(value + n - 2, "ms")) {
        value[n - 2] = '\0';
    } else if (n > 1 && value[n - 1] == 's') {
        value[n - 1] = '\0';
        if (str_to_llong(value, 10, &ms)) {
            ds_put_format(opts, "%s=%lld ", linux_name, ms * 1000);
            return;
        }
        value[n - 1] = 's';
    }
    ds_put_format(opts, "%s=%s ", linux_name, value);
}

/* Reads a Netplan YAML file: the "bonds" of "network", each with
 * "interfaces" and "parameters".  Reads the subset of YAML that Netplan
 * files use: block maps by indentation, flow lists ("[a, b]") and block
 * lists ("- a").  Exits with a message naming any bond parameter it cannot
 * map. */
static void
import_netplan(struct importer *im, FILE *file, const char *file_name)
{
    struct ds line = DS_EMPTY_INITIALIZER;
    char *path[8];              /* Keys of the enclosing maps. */
    int indents[8];
    int depth = 0;
    int line_number = 0;

    while (!ds_get_line(&line, file)) {
        char *s = ds_cstr(&line);
        line_number++;

        char *hash = strstr(s, " #");
        if (hash || s[0] == '#') {
            *(hash ? hash : s) = '\0';
        }
        int indent = strspn(s, " ");
        char *text = s + indent;
        size_t len = strlen(text);
        while (len && (text[len - 1] == ' ' || text[len - 1] == '\r')) {
            text[--len] = '\0';
        }
        if (!len) {
            continue;
        }

        while (depth && indents[depth - 1] >= indent) {
            free(path[--depth]);
        }

        /* "- item" under "interfaces:". */
        if (text[0] == '-' && depth == 4 && !strcmp(path[0], "network")
            && !strcmp(path[1], "bonds") && !strcmp(path[3], "interfaces")) {
            add_member(import_bond(im, path[2]), unquote(text + 1
                                                 + strspn(text + 1, " ")));
            continue;
        }

        char *colon = strchr(text, ':');
        if (!colon) {
            continue;
        }
        *colon = '\0';
        char *key = unquote(text);
        char *value = colon + 1 + strspn(colon + 1, " ");
        value = unquote(value);

        if (depth == 3 && !strcmp(path[0], "network")
            && !strcmp(path[1], "bonds")) {
            struct import_bond *b = import_bond(im, path[2]);
            if (!strcmp(key, "interfaces") && value[0]) {
                char *save_ptr = NULL;
                for (char *m = strtok_r(yaml_list(value), ",", &save_ptr); m;
                     m = strtok_r(NULL, ",", &save_ptr)) {
                    add_member(b, m);
                }
            }
        } else if (depth == 4 && !strcmp(path[0], "network")
                   && !strcmp(path[1], "bonds")
                   && !strcmp(path[3], "parameters")) {
            struct import_bond *b = import_bond(im, path[2]);
            const char *linux_name = NULL;
            for (size_t i = 0; i < ARRAY_SIZE(netplan_params); i++) {
                if (!strcmp(netplan_params[i][0], key)) {
                    linux_name = netplan_params[i][1];
                }
            }
            if (!linux_name) {
                ovs_fatal(0, "%s:%d: bond %s: Netplan parameter \"%s\" has "
                          "no Open vSwitch equivalent", file_name,
                          line_number, path[2], key);
            }
            put_netplan_value(&b->options, linux_name, yaml_list(value));
        }

        if (!value[0] && depth < (int) ARRAY_SIZE(path)) {
            /* A map or a block list follows. */
            indents[depth] = indent;
            path[depth++] = xstrdup(key);
        }
    }
    while (depth) {
        free(path[--depth]);
    }
    ds_destroy(&line);
}

/* Handles one line of a Debian /etc/network/interfaces file, whose 'words'
 * belong to the "iface" stanza of '*iface'.  Returns false if the line is
 * not ifupdown's. */
static bool
import_ifupdown(struct importer *im, const struct svec *words, char **iface)
{
    const char *w0 = words->names[0];

    if (!strcmp(w0, "iface") && words->n >= 2) {
        free(*iface);
        *iface = xstrdup(words->names[1]);
        return true;
    }
    if (!*iface || strncmp(w0, "bond-", 5) || words->n < 2) {
        return false;
    }
    if (!strcmp(w0, "bond-slaves")) {
        struct import_bond *b = import_bond(im, *iface);
        for (size_t i = 1; i < words->n; i++) {
            if (strcmp(words->names[i], "none")) {
                add_member(b, words->names[i]);
            }
        }
    } else if (!strcmp(w0, "bond-master")) {
        add_member(import_bond(im, words->names[1]), *iface);
    } else if (!strcmp(w0, "bond-give-a-chance")) {
        /* ifenslave's wait for links at boot: nothing to configure. */
        fprintf(stderr, "%s: %s: ignored \"%s\" (a boot-time wait of "
                "ifenslave, not a bond setting)\n", program_name, *iface, w0);
    } else {
        /* "bond-miimon 100" is miimon=100, "bond-xmit-hash-policy" is
         * xmit_hash_policy. */
        struct import_bond *b = import_bond(im, *iface);
        char *name = xstrdup(w0 + 5);
        for (char *p = name; *p; p++) {
            if (*p == '-') {
                *p = '_';
            }
        }
        ds_put_format(&b->options, "%s=", name);
        for (size_t i = 1; i < words->n; i++) {
            ds_put_format(&b->options, "%s%s", i > 1 ? "," : "",
                          words->names[i]);
        }
        ds_put_char(&b->options, ' ');
        free(name);
    }
    return true;
}

/* Reads one configuration file into 'im'. */
static void
import_file(struct importer *im, const char *file_name)
{
    FILE *file = fopen(file_name, "r");
    if (!file) {
        ovs_fatal(errno, "%s: could not open", file_name);
    }
    size_t name_len = strlen(file_name);
    if ((name_len > 5 && !strcmp(file_name + name_len - 5, ".yaml"))
        || (name_len > 4 && !strcmp(file_name + name_len - 4, ".yml"))) {
        import_netplan(im, file, file_name);
        fclose(file);
        return;
    }

    /* The "iface" stanza of a Debian interfaces file. */
    char *iface = NULL;

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

        if (import_ifupdown(im, &words, &iface)) {
            /* Done. */
        } else if (!strcmp(w0, "alias") && words.n == 3
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
    free(iface);
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
        {"apply", no_argument, NULL, 'A'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    const char *port = "bond0";
    const char *bridge = NULL;
    bool apply = false;

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
        case 'A':
            apply = true;
            break;
        case 'L': {
            struct ds table = DS_EMPTY_INITIALIZER;
            if (optarg && !strcmp(optarg, "man")) {
                bond_options_format_man(&table);
            } else if (optarg) {
                ovs_fatal(0, "--list-options takes no value or \"man\"");
            } else {
                bond_options_format(&table);
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
    if (apply) {
        /* The arguments have no spaces inside them. */
        struct svec args = SVEC_EMPTY_INITIALIZER;
        svec_add(&args, "ovs-vsctl");
        svec_parse_words(&args, ds_cstr(&out));
        svec_terminate(&args);
        fflush(stdout);
        execvp(args.names[0], args.names);
        ovs_fatal(errno, "could not run ovs-vsctl");
    }
    puts(ds_cstr(&out));
    ds_destroy(&out);
    return 0;
}
