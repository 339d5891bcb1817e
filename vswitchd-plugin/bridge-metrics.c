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

#include <config.h>
#include "bridge-metrics.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bond-metrics.h"
#include "netdev-bond.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/poll-loop.h"
#include "openvswitch/vlog.h"
#include "smap.h"
#include "svec.h"
#include "timeval.h"
#include "unixctl.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_metrics);

#define METRICS_INTERVAL_DEFAULT 5000
#define METRICS_INTERVAL_MIN 1000
#define METRICS_INTERVAL_MAX 3600000

static bridge_metrics_bonds_func *get_bonds;

static char *textfile;              /* Path, or NULL if not asked for. */
static int interval = METRICS_INTERVAL_DEFAULT;
static long long int next_write = LLONG_MAX;

/* Orders bonds by bridge, then by name. */
static int
compare_bonds(const void *a_, const void *b_)
{
    const struct bond_metrics_bond *a = a_, *b = b_;
    int cmp = strcmp(a->bridge, b->bridge);

    return cmp ? cmp : strcmp(a->report->name, b->report->name);
}

/* Appends the metrics of every bond to 'ds'. */
static void
format_metrics(struct ds *ds)
{
    struct svec bridges = SVEC_EMPTY_INITIALIZER;
    struct svec names = SVEC_EMPTY_INITIALIZER;

    get_bonds(&bridges, &names);

    size_t n = names.n;
    struct netdev_bond_report *reports = xcalloc(MAX(n, 1), sizeof *reports);
    struct bond_metrics_bond *bonds = xcalloc(MAX(n, 1), sizeof *bonds);
    size_t n_bonds = 0;
    for (size_t i = 0; i < n; i++) {
        struct netdev_bond_report *r = &reports[n_bonds];
        if (netdev_bond_report(names.names[i], r)) {
            bonds[n_bonds].bridge = bridges.names[i];
            bonds[n_bonds].report = r;
            n_bonds++;
        } else {
            netdev_bond_report_destroy(r);
        }
    }
    qsort(bonds, n_bonds, sizeof *bonds, compare_bonds);
    bond_metrics_format(ds, bonds, n_bonds);
    for (size_t i = 0; i < n_bonds; i++) {
        netdev_bond_report_destroy(&reports[i]);
    }
    free(bonds);
    free(reports);
    svec_destroy(&names);
    svec_destroy(&bridges);
}

static void
bridge_metrics_unixctl(struct unixctl_conn *conn, int argc OVS_UNUSED,
                       const char *argv[] OVS_UNUSED, void *aux OVS_UNUSED)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    format_metrics(&ds);
    unixctl_command_reply(conn, ds_cstr(&ds));
    ds_destroy(&ds);
}

void
bridge_metrics_init(bridge_metrics_bonds_func *func)
{
    get_bonds = func;
    unixctl_command_register("bond/metrics", "", 0, 0,
                             bridge_metrics_unixctl, NULL);
}

/* Replaces 'path' by 'ds', atomically: readers see the old file or the
 * new one, never part of one.  Returns 0 or an errno value. */
static int
write_atomically(const char *path, const struct ds *ds)
{
    char *tmp = xasprintf("%s.tmp", path);
    int error = 0;

    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = errno;
        goto out;
    }
    /* node_exporter runs as another user: the file must be readable
     * whatever our umask. */
    if (fchmod(fd, 0644) < 0
        || write(fd, ds->string, ds->length) != (ssize_t) ds->length) {
        error = errno ? errno : EIO;
    }
    if (close(fd) < 0 && !error) {
        error = errno;
    }
    if (!error && rename(tmp, path) < 0) {
        error = errno;
    }
    if (error) {
        unlink(tmp);
    }
out:
    free(tmp);
    return error;
}

static void
write_textfile(void)
{
    struct ds ds = DS_EMPTY_INITIALIZER;
    format_metrics(&ds);
    int error = write_atomically(textfile, &ds);
    if (error) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 60);
        VLOG_WARN_RL(&rl, "other_config:bond-metrics-textfile=%s: could not "
                     "write (%s)", textfile, ovs_strerror(error));
    }
    ds_destroy(&ds);
}

/* Applies the Open_vSwitch row's other_config:bond-metrics-textfile and
 * bond-metrics-interval. */
void
bridge_metrics_configure(const struct smap *oc)
{
    const char *path = smap_get(oc, "bond-metrics-textfile");
    int ms = smap_get_int(oc, "bond-metrics-interval",
                          METRICS_INTERVAL_DEFAULT);

    if (ms < METRICS_INTERVAL_MIN || ms > METRICS_INTERVAL_MAX) {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 60);
        VLOG_WARN_RL(&rl, "other_config:bond-metrics-interval=%s: must be "
                     "%d to %d (ms), using %d",
                     smap_get(oc, "bond-metrics-interval"),
                     METRICS_INTERVAL_MIN, METRICS_INTERVAL_MAX,
                     METRICS_INTERVAL_DEFAULT);
        ms = METRICS_INTERVAL_DEFAULT;
    }
    if (path && path[0] != '/') {
        static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 60);
        VLOG_WARN_RL(&rl, "other_config:bond-metrics-textfile=%s: must be "
                     "an absolute path", path);
        path = NULL;
    }

    if (!nullable_string_is_equal(path, textfile)) {
        if (textfile) {
            /* Ours: node_exporter must not go on showing it. */
            unlink(textfile);
            VLOG_INFO("bond metrics: no longer writing %s", textfile);
        }
        free(textfile);
        textfile = nullable_xstrdup(path);
        if (textfile) {
            VLOG_INFO("bond metrics: writing %s every %d ms", textfile, ms);
            next_write = time_msec();
        } else {
            next_write = LLONG_MAX;
        }
    } else if (textfile && ms != interval) {
        next_write = MIN(next_write, time_msec() + ms);
    }
    interval = ms;
}

void
bridge_metrics_run(void)
{
    if (textfile && time_msec() >= next_write) {
        write_textfile();
        next_write = time_msec() + interval;
    }
}

void
bridge_metrics_wait(void)
{
    if (textfile) {
        poll_timer_wait_until(next_write);
    }
}
