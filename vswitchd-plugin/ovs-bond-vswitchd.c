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

/* ovs-bond-vswitchd: an Open vSwitch switch daemon, built on Open vSwitch's
 * libraries, whose bonds are "bond" netdevs.
 *
 * It takes ovs-vswitchd's command line and, by default, ovs-vswitchd's
 * pidfile and control socket names, so that stock ovs-appctl, ovs-vsctl and
 * Open vSwitch's test macros work against it unchanged. */

#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "command-line.h"
#include "daemon.h"
#include "dirs.h"
#include "dpif.h"
#include "dummy.h"
#include "fatal-signal.h"
#include "memory.h"
#include "netdev.h"
#include "odp-execute.h"
#include "openvswitch/vlog.h"
#include "ovs-numa.h"
#include "ovs-rcu.h"
#include "ovs-router.h"
#include "ovs-thread.h"
#include "simap.h"
#include "openvswitch/poll-loop.h"
#include "stream-ssl.h"
#include "stream.h"
#include "unixctl.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(ovs_bond_vswitchd);

/* What the command line asks for, beyond what the libraries' own option
 * groups (daemon, logging, SSL) take care of. */
struct vswitchd_config {
    const char *unixctl_path;   /* --unixctl, or NULL for the default. */
    const char *remote;         /* The database, or NULL for the default. */
};

/* The daemon's own options.  Each is handled by 'apply', with its argument
 * (or NULL); the table also makes "--help"'s text.  The libraries' option
 * groups come after these, in parse_command_line(). */
struct vswitchd_option {
    const char *name;
    int has_arg;                /* no_argument, required_argument, ... */
    void (*apply)(const char *arg, struct vswitchd_config *);
    const char *help;           /* Shown by --help, or NULL to hide it. */
};

static void opt_help(const char *, struct vswitchd_config *);
static void opt_version(const char *, struct vswitchd_config *);
static void opt_ignore(const char *, struct vswitchd_config *);
static void opt_unixctl(const char *, struct vswitchd_config *);
static void opt_peer_ca_cert(const char *, struct vswitchd_config *);
static void opt_bootstrap_ca_cert(const char *, struct vswitchd_config *);
static void opt_enable_dummy(const char *, struct vswitchd_config *);
static void opt_disable_system(const char *, struct vswitchd_config *);
static void opt_disable_system_route(const char *, struct vswitchd_config *);
static void opt_dummy_numa(const char *, struct vswitchd_config *);

static const struct vswitchd_option vswitchd_options[] = {
    { "help", no_argument, opt_help,
      "-h, --help                display this help message" },
    { "version", no_argument, opt_version,
      "-V, --version             display version information" },
    { "unixctl", required_argument, opt_unixctl,
      "--unixctl=SOCKET          override default control socket name" },
    { "mlockall", no_argument, opt_ignore,
      "--mlockall                accepted as ovs-vswitchd takes it" },
    { "peer-ca-cert", required_argument, opt_peer_ca_cert, NULL },
    { "bootstrap-ca-cert", required_argument, opt_bootstrap_ca_cert, NULL },
    { "enable-dummy", optional_argument, opt_enable_dummy,
      "--enable-dummy[=override|system]\n"
      "                            enable dummy network devices (testing)" },
    { "disable-system", no_argument, opt_disable_system,
      "--disable-system          disable the system datapath (testing)" },
    { "disable-system-route", no_argument, opt_disable_system_route,
      "--disable-system-route    do not read the system's routes (testing)" },
    { "dummy-numa", required_argument, opt_dummy_numa, NULL },
};

/* Option codes: our options are numbered from OPT_FIRST by their place in
 * 'vswitchd_options', then come the libraries' groups. */
enum {
    OPT_FIRST = UCHAR_MAX + 1,
    OPT_LAST = OPT_FIRST + ARRAY_SIZE(vswitchd_options) - 1,
    VLOG_OPTION_ENUMS,
    DAEMON_OPTION_ENUMS,
    SSL_OPTION_ENUMS,
};

/* The main loop's modules, each run and then waited on in this order. */
struct vswitchd_module {
    void (*run)(void *aux);
    void (*wait)(void *aux);
};

static void run_bridges(void *aux);
static void wait_bridges(void *aux);
static void run_unixctl(void *aux);
static void wait_unixctl(void *aux);
static void run_netdevs(void *aux);
static void wait_netdevs(void *aux);
static void run_memory(void *aux);
static void wait_memory(void *aux);

static unixctl_cb_func vswitchd_unixctl_exit;
static void parse_command_line(int argc, char *argv[],
                               struct vswitchd_config *);

/* Set by the "exit" command. */
static bool exiting;
static bool exit_cleanup;

int
main(int argc, char *argv[])
{
    struct vswitchd_config config = { NULL, NULL };
    struct unixctl_server *unixctl;

    /* Answer to ovs-vswitchd's names: pidfile, control socket, log file. */
    set_program_name("ovs-vswitchd");
    ovsthread_id_init();
    ovs_cmdl_proctitle_init(argc, argv);
    parse_command_line(argc, argv, &config);
    fatal_ignore_sigpipe();

    daemonize_start(true);
    if (unixctl_server_create(config.unixctl_path, &unixctl)) {
        exit(EXIT_FAILURE);
    }
    unixctl_command_register("exit", "[--cleanup]", 0, 1,
                             vswitchd_unixctl_exit, NULL);

    ovs_numa_init();
    odp_execute_init();
    char *remote = (config.remote
                    ? xstrdup(config.remote)
                    : xasprintf("unix:%s/db.sock", ovs_rundir()));
    bridge_init(remote);
    free(remote);

    const struct vswitchd_module modules[] = {
        { run_bridges, wait_bridges },
        { run_unixctl, wait_unixctl },
        { run_netdevs, wait_netdevs },
        { run_memory, wait_memory },
    };
    while (!exiting) {
        for (size_t i = 0; i < ARRAY_SIZE(modules); i++) {
            modules[i].run(unixctl);
        }
        for (size_t i = 0; i < ARRAY_SIZE(modules); i++) {
            modules[i].wait(unixctl);
        }
        if (exiting) {
            poll_immediate_wake();
        }
        poll_block();
    }

    bridge_exit(exit_cleanup);
    unixctl_server_destroy(unixctl);
    vlog_disable_async();
    ovsrcu_exit();
    return 0;
}

static void
run_bridges(void *aux OVS_UNUSED)
{
    bridge_run();
}

static void
wait_bridges(void *aux OVS_UNUSED)
{
    bridge_wait();
}

static void
run_unixctl(void *unixctl)
{
    unixctl_server_run(unixctl);
}

static void
wait_unixctl(void *unixctl)
{
    unixctl_server_wait(unixctl);
}

/* memory/show, and the log line when memory use grows a lot. */
static void
run_memory(void *aux OVS_UNUSED)
{
    memory_run();
    if (memory_should_report()) {
        struct simap usage = SIMAP_INITIALIZER(&usage);
        bridge_get_memory_usage(&usage);
        memory_report(&usage);
        simap_destroy(&usage);
    }
}

static void
wait_memory(void *aux OVS_UNUSED)
{
    memory_wait();
}

static void
run_netdevs(void *aux OVS_UNUSED)
{
    netdev_run();
}

static void
wait_netdevs(void *aux OVS_UNUSED)
{
    netdev_wait();
}

/* Parses the command line into 'config', and applies the options that
 * configure libraries directly.  Exits on an error. */
static void
parse_command_line(int argc, char *argv[], struct vswitchd_config *config)
{
    static const struct option library_options[] = {
        VLOG_LONG_OPTIONS,
        DAEMON_LONG_OPTIONS,
        STREAM_SSL_LONG_OPTIONS,
    };
    size_t n_ours = ARRAY_SIZE(vswitchd_options);
    size_t n_all = n_ours + ARRAY_SIZE(library_options) + 1;
    struct option *options = xcalloc(n_all, sizeof *options);

    for (size_t i = 0; i < n_ours; i++) {
        const struct vswitchd_option *o = &vswitchd_options[i];
        options[i] = (struct option) { o->name, o->has_arg, NULL,
                                       OPT_FIRST + i };
    }
    memcpy(&options[n_ours], library_options, sizeof library_options);

    /* "-h" and "-V" as ovs-vswitchd has them. */
    options[0].val = 'h';
    options[1].val = 'V';

    char *short_options = ovs_cmdl_long_options_to_short_options(options);
    for (;;) {
        int c = getopt_long(argc, argv, short_options, options, NULL);
        if (c == -1) {
            break;
        } else if (c == 'h') {
            opt_help(NULL, config);
        } else if (c == 'V') {
            opt_version(NULL, config);
        } else if (c >= OPT_FIRST && c <= OPT_LAST) {
            vswitchd_options[c - OPT_FIRST].apply(optarg, config);
        } else {
            /* One of the libraries' groups: their handlers are case
             * labels. */
            switch (c) {
            VLOG_OPTION_HANDLERS
            DAEMON_OPTION_HANDLERS
            STREAM_SSL_OPTION_HANDLERS

            case '?':
                exit(EXIT_FAILURE);

            default:
                OVS_NOT_REACHED();
            }
        }
    }
    free(short_options);
    free(options);

    if (argc - optind > 1) {
        VLOG_FATAL("at most one non-option argument accepted; "
                   "use --help for usage");
    }
    config->remote = argc > optind ? argv[optind] : NULL;
}

static void
opt_help(const char *arg OVS_UNUSED, struct vswitchd_config *c OVS_UNUSED)
{
    printf("ovs-bond-vswitchd: Open vSwitch daemon with ovs-bond bonds\n"
           "usage: ovs-bond-vswitchd [OPTIONS] [DATABASE]\n"
           "where DATABASE is a socket on which ovsdb-server is listening\n"
           "      (default: \"unix:%s/db.sock\").\n", ovs_rundir());
    stream_usage("DATABASE", true, false, true);
    daemon_usage();
    vlog_usage();
    printf("\nOther options:\n");
    for (size_t i = 0; i < ARRAY_SIZE(vswitchd_options); i++) {
        if (vswitchd_options[i].help) {
            printf("  %s\n", vswitchd_options[i].help);
        }
    }
    exit(EXIT_SUCCESS);
}

static void
opt_version(const char *arg OVS_UNUSED, struct vswitchd_config *c OVS_UNUSED)
{
    printf("ovs-bond-vswitchd (ovs-bond) %s\n", OVS_BOND_VERSION);
    printf("Open vSwitch %s\n", VERSION);
    exit(EXIT_SUCCESS);
}

static void
opt_ignore(const char *arg OVS_UNUSED, struct vswitchd_config *c OVS_UNUSED)
{
}

static void
opt_unixctl(const char *arg, struct vswitchd_config *c)
{
    c->unixctl_path = arg;
}

static void
opt_peer_ca_cert(const char *arg, struct vswitchd_config *c OVS_UNUSED)
{
    stream_ssl_set_peer_ca_cert_file(arg);
}

static void
opt_bootstrap_ca_cert(const char *arg, struct vswitchd_config *c OVS_UNUSED)
{
    stream_ssl_set_ca_cert_file(arg, true);
}

static void
opt_enable_dummy(const char *arg, struct vswitchd_config *c OVS_UNUSED)
{
    dummy_enable(arg);
}

static void
opt_disable_system(const char *arg OVS_UNUSED,
                   struct vswitchd_config *c OVS_UNUSED)
{
    dp_disallow_provider("system");
}

static void
opt_disable_system_route(const char *arg OVS_UNUSED,
                         struct vswitchd_config *c OVS_UNUSED)
{
    ovs_router_disable_system_routing_table();
}

static void
opt_dummy_numa(const char *arg, struct vswitchd_config *c OVS_UNUSED)
{
    ovs_numa_set_dummy(arg);
}

/* "exit [--cleanup]": leaves the main loop; with --cleanup, the bridges'
 * datapaths are deleted too. */
static void
vswitchd_unixctl_exit(struct unixctl_conn *conn, int argc,
                      const char *argv[], void *aux OVS_UNUSED)
{
    exiting = true;
    exit_cleanup = argc == 2 && !strcmp(argv[1], "--cleanup");
    unixctl_command_reply(conn, NULL);
}
