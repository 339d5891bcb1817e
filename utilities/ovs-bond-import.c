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

/* ovs-bond-import: turns Linux bonding configuration into ovs-vsctl
 * commands.
 *
 *     ovs-bond-import [--port PORT] 'mode=1 miimon=100'
 *
 * prints "set port PORT KEY=VALUE..." for the Port columns and
 * other_config keys that hold those options in Open vSwitch's database,
 * ready for "ovs-vsctl add-bond br0 bond0 eth0 eth1 -- $(ovs-bond-import
 * ...)".  Given Linux configuration files instead, it prints whole
 * commands: one ovs-vsctl that creates the bonds, then the "ip" commands
 * that put the bonds' addresses on the bridge's internal port.  The
 * mapping is lib/bond-config.c's option table.
 *
 * What cannot be imported (an option Linux has and Open vSwitch has not, a
 * gateway, DHCP) is named on stderr and skipped, and the exit status is 2;
 * --strict refuses instead. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <strings.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bond-config.h"
#include "bond-options.h"
#include "command-line.h"
#include "openvswitch/dynamic-string.h"
#include "packets.h"
#include "process.h"
#include "smap.h"
#include "svec.h"
#include "util.h"

/* Exit status when something was skipped. */
#define EXIT_SKIPPED 2

OVS_NO_RETURN static void
usage(void)
{
    printf("%s: Linux bonding configuration to ovs-vsctl commands\n"
           "usage: %s [--port PORT] 'OPTION=VALUE ...'\n"
           "       %s [--bridge BRIDGE] FILE...\n"
           "The first form prints \"set port PORT ...\" for Linux bonding\n"
           "options.  The second reads Linux configuration files\n"
           "(/etc/modprobe.conf or modprobe.d \"alias\" and \"options\"\n"
           "lines, \"ifenslave\" lines as in rc.local, ifcfg-* files,\n"
           "Debian interfaces files and Netplan YAML) and prints the\n"
           "commands that create the same bonds on BRIDGE (default br0)\n"
           "and put their addresses and MTU on its internal port.\n"
           "What cannot be imported is named on stderr and skipped, and\n"
           "the exit status is %d.\n"
           "  --port PORT     the bond's Port name (default bond0)\n"
           "  --bridge BRIDGE the bridge for the bonds found in FILEs\n"
           "  --strict        refuse, rather than skip, what cannot be\n"
           "                  imported\n"
           "  --apply         run the commands instead of printing them\n"
           "  --list-options  print every bond option: OVSDB key, Linux\n"
           "                  name, values, default, modes\n"
           "  -h, --help      display this help message\n"
           "  -V, --version   display version information\n",
           program_name, program_name, program_name, EXIT_SKIPPED);
    exit(EXIT_SUCCESS);
}

/* A bond found in configuration files. */
struct import_bond {
    char *name;
    struct ds options;          /* Linux options, space-separated. */
    struct svec members;        /* In the order found. */
};

/* The network settings of one Linux interface: its ifcfg file, its
 * interfaces stanza or its Netplan entry.  They matter for the interfaces
 * that turn out to be bonds. */
struct import_iface {
    char *name;
    struct svec addresses;      /* "ADDRESS/PREFIX", IPv4 or IPv6. */
    int mtu;                    /* 0 if not set. */
    struct svec skipped;        /* What of it cannot be imported, and why. */
};

struct importer {
    struct import_bond *bonds;
    size_t n_bonds, allocated;
    struct import_iface *ifaces;
    size_t n_ifaces, allocated_ifaces;
    struct ds global_options;   /* "options bonding ...": every bond. */
    bool strict;                /* Refuse what cannot be imported. */
    size_t n_skipped;           /* What was skipped, so far. */
};

/* Reports that what 'format' says cannot be imported: on stderr, counted
 * in 'im', or with --strict as a fatal error. */
static void OVS_PRINTF_FORMAT(2, 3)
skip(struct importer *im, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *msg = xvasprintf(format, args);
    va_end(args);

    if (im->strict) {
        ovs_fatal(0, "%s (refused with --strict)", msg);
    }
    fprintf(stderr, "%s: skipped %s\n", program_name, msg);
    im->n_skipped++;
    free(msg);
}

static const struct import_iface *
find_iface(const struct importer *im, const char *name)
{
    for (size_t i = 0; i < im->n_ifaces; i++) {
        if (!strcmp(im->ifaces[i].name, name)) {
            return &im->ifaces[i];
        }
    }
    return NULL;
}

/* Returns the interface 'name', added if it is new. */
static struct import_iface *
import_iface(struct importer *im, const char *name)
{
    const struct import_iface *found = find_iface(im, name);
    if (found) {
        return CONST_CAST(struct import_iface *, found);
    }
    if (im->n_ifaces >= im->allocated_ifaces) {
        im->ifaces = x2nrealloc(im->ifaces, &im->allocated_ifaces,
                                sizeof *im->ifaces);
    }
    struct import_iface *iface = &im->ifaces[im->n_ifaces++];
    iface->name = xstrdup(name);
    svec_init(&iface->addresses);
    iface->mtu = 0;
    svec_init(&iface->skipped);
    return iface;
}

static void OVS_PRINTF_FORMAT(2, 3)
iface_skip(struct import_iface *iface, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    svec_add_nocopy(&iface->skipped, xvasprintf(format, args));
    va_end(args);
}

/* Adds 'address' to 'iface', with the prefix length or IPv4 netmask 'mask'
 * (NULL if 'address' carries "/PREFIX" or has none); 'where' names the
 * setting for messages. */
static void
iface_add_address(struct import_iface *iface, const char *where,
                  const char *address, const char *mask)
{
    char *cidr = NULL;
    char *error = NULL;
    unsigned int plen;

    if (mask && !strchr(address, '/')) {
        ovs_be32 netmask;
        unsigned int n;

        if (str_to_uint(mask, 10, &n)) {
            cidr = xasprintf("%s/%u", address, n);
        } else if (ip_parse(mask, &netmask) && ip_is_cidr(netmask)) {
            cidr = xasprintf("%s/%d", address, ip_count_cidr_bits(netmask));
        } else {
            iface_skip(iface, "%s: %s=%s: %s is not a netmask or prefix "
                       "length", iface->name, where, address, mask);
            return;
        }
    } else if (!strchr(address, '/')) {
        iface_skip(iface, "%s: %s=%s: no netmask or prefix length",
                   iface->name, where, address);
        return;
    } else {
        cidr = xstrdup(address);
    }

    /* "ADDRESS/PREFIX", strictly. */
    char *slash = strchr(cidr, '/');
    bool ipv6 = strchr(cidr, ':') != NULL;
    struct in6_addr ip;
    *slash = '\0';
    if (inet_pton(ipv6 ? AF_INET6 : AF_INET, cidr, &ip) != 1) {
        error = xasprintf("not an %s address", ipv6 ? "IPv6" : "IPv4");
    } else if (!str_to_uint(slash + 1, 10, &plen)
               || plen > (ipv6 ? 128 : 32)) {
        error = xasprintf("prefix length must be 0 to %d", ipv6 ? 128 : 32);
    }
    *slash = '/';
    if (error) {
        iface_skip(iface, "%s: %s=%s: %s", iface->name, where, cidr, error);
        free(error);
        free(cidr);
        return;
    }
    svec_add_nocopy(&iface->addresses, cidr);
}

/* Sets the MTU of 'iface' from 'value', set by 'where'. */
static void
iface_set_mtu(struct import_iface *iface, const char *where,
              const char *value)
{
    int mtu;

    if (str_to_int(value, 10, &mtu) && mtu >= 68 && mtu <= 65535) {
        iface->mtu = mtu;
    } else {
        iface_skip(iface, "%s: %s=%s: not an MTU (68 to 65535)",
                   iface->name, where, value);
    }
}

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

/* Why a DHCP client or a route is not imported. */
#define DHCP_SKIPPED "DHCP is not imported (run a DHCP client on the " \
    "bridge's internal port)"
#define ROUTE_SKIPPED "routes are not imported (add them on the bridge's " \
    "internal port)"

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
 * lists ("- a").  Skips, with a message, any bond parameter it cannot
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

        /* "- item" under "interfaces:" or "addresses:". */
        if (text[0] == '-' && depth == 4 && !strcmp(path[0], "network")
            && !strcmp(path[1], "bonds")) {
            char *item = unquote(text + 1 + strspn(text + 1, " "));
            if (!strcmp(path[3], "interfaces")) {
                add_member(import_bond(im, path[2]), item);
            } else if (!strcmp(path[3], "addresses")) {
                iface_add_address(import_iface(im, path[2]), "addresses",
                                  item, NULL);
            }
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
            struct import_iface *iface = import_iface(im, path[2]);
            char *save_ptr = NULL;
            if (!strcmp(key, "interfaces") && value[0]) {
                for (char *m = strtok_r(yaml_list(value), ",", &save_ptr); m;
                     m = strtok_r(NULL, ",", &save_ptr)) {
                    add_member(b, m);
                }
            } else if (!strcmp(key, "addresses") && value[0]) {
                for (char *a = strtok_r(yaml_list(value), ",", &save_ptr); a;
                     a = strtok_r(NULL, ",", &save_ptr)) {
                    iface_add_address(iface, "addresses", a, NULL);
                }
            } else if (!strcmp(key, "mtu")) {
                iface_set_mtu(iface, "mtu", value);
            } else if ((!strcmp(key, "dhcp4") || !strcmp(key, "dhcp6"))
                       && (!strcmp(value, "true") || !strcmp(value, "yes"))) {
                iface_skip(iface, "%s: %s: %s", path[2], key,
                           DHCP_SKIPPED);
            } else if (!strcmp(key, "gateway4") || !strcmp(key, "gateway6")
                       || !strcmp(key, "routes")) {
                iface_skip(iface, "%s: %s: %s", path[2], key,
                           ROUTE_SKIPPED);
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
                skip(im, "%s:%d: bond %s: Netplan parameter \"%s\": no "
                     "Open vSwitch equivalent", file_name, line_number,
                     path[2], key);
            } else {
                put_netplan_value(&b->options, linux_name, yaml_list(value));
            }
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

/* The "iface" stanza of a Debian interfaces file being read. */
struct ifupdown_stanza {
    char *iface;                /* NULL before the first "iface" line. */
    struct svec addresses;      /* Its "address" lines. */
    char *netmask;              /* Its "netmask", if any. */
};

/* Ends the stanza 'st': its addresses, with its netmask, go to its
 * interface. */
static void
ifupdown_end_stanza(struct importer *im, struct ifupdown_stanza *st)
{
    for (size_t i = 0; i < st->addresses.n; i++) {
        iface_add_address(import_iface(im, st->iface), "address",
                          st->addresses.names[i], st->netmask);
    }
    svec_clear(&st->addresses);
    free(st->netmask);
    st->netmask = NULL;
    free(st->iface);
    st->iface = NULL;
}

/* Handles one line of a Debian /etc/network/interfaces file, whose 'words'
 * belong to the stanza 'st'.  Returns false if the line is not
 * ifupdown's. */
static bool
import_ifupdown(struct importer *im, const struct svec *words,
                struct ifupdown_stanza *st)
{
    const char *w0 = words->names[0];

    if (!strcmp(w0, "iface") && words->n >= 2) {
        ifupdown_end_stanza(im, st);
        st->iface = xstrdup(words->names[1]);
        if (words->n >= 4 && !strcmp(words->names[3], "dhcp")) {
            iface_skip(import_iface(im, st->iface), "%s: inet dhcp: %s",
                       st->iface, DHCP_SKIPPED);
        }
        return true;
    }
    if (st->iface && words->n == 2) {
        if (!strcmp(w0, "address")) {
            svec_add(&st->addresses, words->names[1]);
            return true;
        } else if (!strcmp(w0, "netmask")) {
            free(st->netmask);
            st->netmask = xstrdup(words->names[1]);
            return true;
        } else if (!strcmp(w0, "mtu")) {
            iface_set_mtu(import_iface(im, st->iface), "mtu",
                          words->names[1]);
            return true;
        } else if (!strcmp(w0, "gateway")) {
            iface_skip(import_iface(im, st->iface), "%s: gateway %s: %s",
                       st->iface, words->names[1], ROUTE_SKIPPED);
            return true;
        }
    }
    char **iface = &st->iface;
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

/* Imports the settings 'vars' of the ifcfg file 'file_name' (a
 * Red Hat network-scripts or SUSE sysconfig file). */
static void
import_ifcfg(struct importer *im, const struct smap *vars,
             const char *file_name)
{
    const char *base = strrchr(file_name, '/');
    base = base ? base + 1 : file_name;

    const char *device = smap_get(vars, "DEVICE");
    if (!device && !strncmp(base, "ifcfg-", 6) && base[6]) {
        device = base + 6;
    }
    if (!device) {
        return;
    }

    const char *bonding_opts = smap_get(vars, "BONDING_OPTS");
    if (bonding_opts) {
        ds_put_format(&import_bond(im, device)->options, "%s ",
                      bonding_opts);
    }
    const char *master = smap_get(vars, "MASTER");
    const char *slave = smap_get(vars, "SLAVE");
    if (master && slave && !strcasecmp(slave, "yes")) {
        add_member(import_bond(im, master), device);
    }

    /* IPADDR with PREFIX or NETMASK, then IPADDRn with PREFIXn or
     * NETMASKn, as initscripts reads them; IPv6 prefixes default to 64. */
    struct import_iface *iface = import_iface(im, device);
    for (int n = -1; n < 256; n++) {
        char *suffix = n < 0 ? xstrdup("") : xasprintf("%d", n);
        char *key = xasprintf("IPADDR%s", suffix);
        char *prefix_key = xasprintf("PREFIX%s", suffix);
        char *netmask_key = xasprintf("NETMASK%s", suffix);
        const char *address = smap_get(vars, key);
        if (address && *address) {
            const char *mask = smap_get(vars, prefix_key);
            iface_add_address(iface, key, address,
                              mask ? mask : smap_get(vars, netmask_key));
        }
        free(netmask_key);
        free(prefix_key);
        free(key);
        free(suffix);
    }
    const char *ipv6addr = smap_get(vars, "IPV6ADDR");
    if (ipv6addr && *ipv6addr) {
        iface_add_address(iface, "IPV6ADDR", ipv6addr, "64");
    }
    const char *secondaries = smap_get(vars, "IPV6ADDR_SECONDARIES");
    if (secondaries) {
        struct svec words = SVEC_EMPTY_INITIALIZER;
        svec_parse_words(&words, secondaries);
        for (size_t i = 0; i < words.n; i++) {
            iface_add_address(iface, "IPV6ADDR_SECONDARIES",
                              words.names[i], "64");
        }
        svec_destroy(&words);
    }
    const char *mtu = smap_get(vars, "MTU");
    if (mtu) {
        iface_set_mtu(iface, "MTU", mtu);
    }
    static const char *const gateways[] = { "GATEWAY", "IPV6_DEFAULTGW" };
    for (size_t i = 0; i < ARRAY_SIZE(gateways); i++) {
        const char *gw = smap_get(vars, gateways[i]);
        if (gw && *gw) {
            iface_skip(iface, "%s: %s=%s: %s", device, gateways[i], gw,
                       ROUTE_SKIPPED);
        }
    }
    const char *bootproto = smap_get(vars, "BOOTPROTO");
    if (bootproto && (!strcasecmp(bootproto, "dhcp")
                      || !strcasecmp(bootproto, "bootp"))) {
        iface_skip(iface, "%s: BOOTPROTO=%s: %s", device, bootproto,
                   DHCP_SKIPPED);
    }
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

    /* The stanza of a Debian interfaces file. */
    struct ifupdown_stanza stanza = { .iface = NULL };
    svec_init(&stanza.addresses);

    /* ifcfg-style KEY=VALUE settings of this file. */
    struct smap vars = SMAP_INITIALIZER(&vars);

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

        if (import_ifupdown(im, &words, &stanza)) {
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
            if (!key[strcspn(key, " \t")]) {
                char *value = unquote(eq + 1);
                value[strcspn(value, "\r\n")] = '\0';
                smap_replace(&vars, key, value);
            }
        }
        svec_destroy(&words);
    }
    ds_destroy(&line);
    fclose(file);

    ifupdown_end_stanza(im, &stanza);
    svec_destroy(&stanza.addresses);
    import_ifcfg(im, &vars, file_name);
    smap_destroy(&vars);
}

/* Appends "set port PORT ..." for Linux 'options' to 'out'.  Skips, with
 * a message, options that have no Open vSwitch home; exits with an error
 * message for a malformed one. */
static void
put_set_port(struct importer *im, struct ds *out, const char *port,
             const char *options)
{
    struct smap columns = SMAP_INITIALIZER(&columns);
    struct smap other_config = SMAP_INITIALIZER(&other_config);
    struct svec skipped = SVEC_EMPTY_INITIALIZER;
    char *error = bond_config_from_linux(options, &columns, &other_config,
                                         im->strict ? NULL : &skipped);
    const struct smap_node **nodes;

    if (error) {
        ovs_fatal(0, "%s: %s%s", port, error,
                  im->strict ? " (refused with --strict)" : "");
    }
    for (size_t i = 0; i < skipped.n; i++) {
        skip(im, "%s: %s", port, skipped.names[i]);
    }
    svec_destroy(&skipped);

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

/* Adds to 'commands' the shell commands that make the bonds in 'im' on
 * 'bridge': one ovs-vsctl for the bonds, their options and their MTU, then
 * the "ip" commands that put their addresses on the bridge's internal
 * port, which stands for Linux's bond device. */
static void
put_commands(struct importer *im, const char *bridge, struct svec *commands)
{
    struct ds vsctl = DS_EMPTY_INITIALIZER;
    struct svec addresses = SVEC_EMPTY_INITIALIZER;
    int bridge_mtu = 0;

    ds_put_cstr(&vsctl, "ovs-vsctl");
    for (size_t i = 0; i < im->n_bonds; i++) {
        struct import_bond *b = &im->bonds[i];
        if (b->members.n < 2) {
            ovs_fatal(0, "%s: %"PRIuSIZE" member(s) found, a bond needs two "
                      "or more (ifenslave, bond-slaves, ifcfg MASTER/SLAVE "
                      "or Netplan interfaces)", b->name, b->members.n);
        }
        ds_put_format(&vsctl, " -- add-bond %s %s", bridge, b->name);
        for (size_t j = 0; j < b->members.n; j++) {
            ds_put_format(&vsctl, " %s", b->members.names[j]);
        }
        ds_put_cstr(&vsctl, " -- ");

        struct ds opts = DS_EMPTY_INITIALIZER;
        ds_put_format(&opts, "%s %s", ds_cstr(&im->global_options),
                      ds_cstr(&b->options));
        put_set_port(im, &vsctl, b->name, ds_cstr(&opts));
        ds_destroy(&opts);

        const struct import_iface *iface = find_iface(im, b->name);
        if (!iface) {
            continue;
        }
        for (size_t j = 0; j < iface->skipped.n; j++) {
            skip(im, "%s", iface->skipped.names[j]);
        }
        if (iface->mtu) {
            /* A Linux bond's MTU is its members' too. */
            for (size_t j = 0; j < b->members.n; j++) {
                ds_put_format(&vsctl, " -- set interface %s mtu_request=%d",
                              b->members.names[j], iface->mtu);
            }
            bridge_mtu = MAX(bridge_mtu, iface->mtu);
        }
        for (size_t j = 0; j < iface->addresses.n; j++) {
            svec_add(&addresses, iface->addresses.names[j]);
        }
    }
    if (bridge_mtu) {
        ds_put_format(&vsctl, " -- set interface %s mtu_request=%d", bridge,
                      bridge_mtu);
    }
    svec_add_nocopy(commands, ds_steal_cstr(&vsctl));
    for (size_t i = 0; i < addresses.n; i++) {
        svec_add_nocopy(commands, xasprintf("ip address add %s dev %s",
                                            addresses.names[i], bridge));
    }
    if (addresses.n) {
        svec_add_nocopy(commands, xasprintf("ip link set %s up", bridge));
    }
    svec_destroy(&addresses);
}

/* Runs the shell-free 'command' (words without quoting) and exits with a
 * message if it fails. */
static void
run_command(const char *command)
{
    struct svec args = SVEC_EMPTY_INITIALIZER;
    svec_parse_words(&args, command);
    svec_terminate(&args);

    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        ovs_fatal(errno, "fork failed");
    } else if (!pid) {
        execvp(args.names[0], args.names);
        fprintf(stderr, "%s: could not run %s (%s)\n", program_name,
                args.names[0], ovs_strerror(errno));
        _exit(127);
    }

    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            ovs_fatal(errno, "waitpid failed");
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
        char *msg = process_status_msg(status);
        ovs_fatal(0, "\"%s\" failed (%s)", command, msg);
    }
    svec_destroy(&args);
}

/* Returns true if the arguments 'argv' name configuration files rather
 * than make up an option string: one of them exists or has a '/' (an
 * option string is made of NAME=VALUE words, and none has a '/'). */
static bool
args_are_files(int argc, char *argv[])
{
    for (int i = 0; i < argc; i++) {
        struct stat st;
        if (strchr(argv[i], '/') || !stat(argv[i], &st)) {
            return true;
        }
    }
    return false;
}

int
main(int argc, char *argv[])
{
    static const struct option long_options[] = {
        {"port", required_argument, NULL, 'p'},
        {"bridge", required_argument, NULL, 'b'},
        {"list-options", optional_argument, NULL, 'L'},
        {"apply", no_argument, NULL, 'A'},
        {"strict", no_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    struct importer im;
    const char *port = "bond0";
    const char *bridge = NULL;
    bool apply = false;

    memset(&im, 0, sizeof im);
    ds_init(&im.global_options);

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
        case 'S':
            im.strict = true;
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

    struct svec commands = SVEC_EMPTY_INITIALIZER;
    if (!bridge && !args_are_files(argc - optind, argv + optind)) {
        struct ds options = DS_EMPTY_INITIALIZER;
        struct ds out = DS_EMPTY_INITIALIZER;
        for (int i = optind; i < argc; i++) {
            ds_put_format(&options, "%s ", argv[i]);
        }
        put_set_port(&im, &out, port, ds_cstr(&options));
        if (apply) {
            svec_add_nocopy(&commands, xasprintf("ovs-vsctl %s",
                                                 ds_cstr(&out)));
        } else {
            svec_add(&commands, ds_cstr(&out));
        }
        ds_destroy(&options);
        ds_destroy(&out);
    } else {
        if (optind >= argc) {
            ovs_fatal(0, "--bridge needs configuration files to read");
        }
        if (!bridge) {
            bridge = "br0";
            fprintf(stderr, "%s: reading configuration files; the bonds go "
                    "on bridge %s (--bridge chooses another)\n",
                    program_name, bridge);
        }
        for (int i = optind; i < argc; i++) {
            import_file(&im, argv[i]);
        }
        if (!im.n_bonds) {
            ovs_fatal(0, "no bond found in the files");
        }
        put_commands(&im, bridge, &commands);
    }

    for (size_t i = 0; i < commands.n; i++) {
        if (apply) {
            run_command(commands.names[i]);
        } else {
            puts(commands.names[i]);
        }
    }
    svec_destroy(&commands);

    for (size_t i = 0; i < im.n_bonds; i++) {
        free(im.bonds[i].name);
        ds_destroy(&im.bonds[i].options);
        svec_destroy(&im.bonds[i].members);
    }
    free(im.bonds);
    for (size_t i = 0; i < im.n_ifaces; i++) {
        free(im.ifaces[i].name);
        svec_destroy(&im.ifaces[i].addresses);
        svec_destroy(&im.ifaces[i].skipped);
    }
    free(im.ifaces);
    ds_destroy(&im.global_options);
    return im.n_skipped ? EXIT_SKIPPED : EXIT_SUCCESS;
}
