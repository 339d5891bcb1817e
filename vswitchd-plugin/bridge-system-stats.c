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
#include "bridge-system-stats.h"

#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "daemon.h"
#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "util.h"

/* Reads the first line of PROC/NAME into 'line' (of 'size' bytes); returns
 * false if it cannot. */
static bool
read_line(const char *proc, const char *name, char *line, size_t size)
{
    char *path = xasprintf("%s/%s", proc, name);
    FILE *f = fopen(path, "r");
    bool ok = f && fgets(line, size, f);

    if (f) {
        fclose(f);
    }
    free(path);
    return ok;
}

/* "cpu": online processors. */
static void
get_cpus(struct smap *stats)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n > 0) {
        smap_add_format(stats, "cpu", "%ld", n);
    }
}

/* "load_average": the 1, 5 and 15 minute load averages. */
static void
get_load_average(const char *proc, struct smap *stats)
{
    double avg[3];
    char line[256];

    if (read_line(proc, "loadavg", line, sizeof line)
        && sscanf(line, "%lf %lf %lf", &avg[0], &avg[1], &avg[2]) == 3) {
        smap_add_format(stats, "load_average", "%.2f,%.2f,%.2f",
                        avg[0], avg[1], avg[2]);
    }
}

/* "memory": total, in use, cache, swap total and swap in use, in kB. */
static void
get_memory(const char *proc, struct smap *stats)
{
    static const char *const keys[] = {
        "MemTotal:", "MemFree:", "Buffers:", "Cached:", "SwapTotal:",
        "SwapFree:",
    };
    unsigned long long v[ARRAY_SIZE(keys)] = { 0 };
    unsigned int found = 0;
    char *path = xasprintf("%s/meminfo", proc);
    FILE *f = fopen(path, "r");
    char line[256];

    free(path);
    if (!f) {
        return;
    }
    while (fgets(line, sizeof line, f)) {
        for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
            size_t n = strlen(keys[i]);
            if (!strncmp(line, keys[i], n)
                && sscanf(line + n, "%llu", &v[i]) == 1) {
                found |= 1u << i;
            }
        }
    }
    fclose(f);
    if (found == (1u << ARRAY_SIZE(keys)) - 1) {
        smap_add_format(stats, "memory", "%llu,%llu,%llu,%llu,%llu",
                        v[0], v[0] - v[1], v[2] + v[3], v[4], v[4] - v[5]);
    }
}

/* Process PID's figures from PROC/PID/stat: parent, CPU time in clock
 * ticks, start time in ticks since boot, virtual size in bytes and
 * resident pages.  Returns false if it cannot read them. */
struct proc_stat {
    long long int ppid;
    unsigned long long cpu_ticks;
    unsigned long long start_ticks;
    unsigned long long vsize;
    long long int rss_pages;
};

static bool
read_proc_stat(const char *proc, long long int pid, struct proc_stat *ps)
{
    char *name = xasprintf("%lld/stat", pid);
    char line[1024];
    bool ok = read_line(proc, name, line, sizeof line);

    free(name);
    if (!ok) {
        return false;
    }

    /* The command name, in parentheses, may hold anything: the fields
     * follow its last ')'.  Field 3 is the state. */
    char *p = strrchr(line, ')');
    unsigned long long utime, stime;
    char state;
    return (p
            && sscanf(p + 1, " %c %lld %*d %*d %*d %*d %*u %*u %*u %*u %*u "
                      "%llu %llu %*d %*d %*d %*d %*d %*d %llu %llu %lld",
                      &state, &ps->ppid, &utime, &stime, &ps->start_ticks,
                      &ps->vsize, &ps->rss_pages) == 7
            && (ps->cpu_ticks = utime + stime, true));
}

/* The number of crashes that the "--monitor" parent of a daemon counts in
 * its process title, "monitoring pid N (C crashes: ...)", or -1 if PPID is
 * not such a monitor. */
static int
monitor_crashes(const char *proc, long long int ppid)
{
    char *name = xasprintf("%lld/cmdline", ppid);
    char line[512];
    bool ok = read_line(proc, name, line, sizeof line);
    int crashes;

    free(name);
    if (!ok || strncmp(line, "monitoring pid ", 15)) {
        return -1;
    }
    const char *paren = strchr(line, '(');
    return paren && sscanf(paren, "(%d crashes", &crashes) == 1 ? crashes : 0;
}

/* "process_NAME" for each NAME.pid in 'rundir' whose process runs: virtual
 * size and resident set in kB, CPU time in ms, crashes under --monitor, ms
 * since it (or its monitor) started and ms since it did. */
static void
get_processes(const char *proc, const char *rundir, struct smap *stats)
{
    long ticks = sysconf(_SC_CLK_TCK);
    long page_kb = sysconf(_SC_PAGESIZE) / 1024;
    double uptime_s;
    char line[256];
    DIR *dir;

    if (ticks <= 0 || page_kb <= 0
        || !read_line(proc, "uptime", line, sizeof line)
        || sscanf(line, "%lf", &uptime_s) != 1
        || !(dir = opendir(rundir))) {
        return;
    }

    unsigned long long now_ms = uptime_s * 1000;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len <= 4 || strcmp(de->d_name + len - 4, ".pid")) {
            continue;
        }

        /* read_pidfile() returns the pid only while a process holds the
         * file's lock, and does not open our own pidfile: closing any
         * descriptor of it would release our lock. */
        char *path = xasprintf("%s/%s", rundir, de->d_name);
        long long int pid = read_pidfile(path);
        free(path);

        struct proc_stat ps;
        if (pid <= 0 || !read_proc_stat(proc, pid, &ps)) {
            continue;
        }

        unsigned long long up_ms = ps.start_ticks * 1000 / ticks;
        unsigned long long booted_ms = up_ms;
        int crashes = monitor_crashes(proc, ps.ppid);
        struct proc_stat parent;
        if (crashes >= 0 && read_proc_stat(proc, ps.ppid, &parent)) {
            booted_ms = parent.start_ticks * 1000 / ticks;
        }
        smap_add_nocopy(stats,
                        xasprintf("process_%.*s", (int) len - 4, de->d_name),
                        xasprintf("%llu,%lld,%llu,%d,%llu,%llu",
                                  ps.vsize / 1024, ps.rss_pages * page_kb,
                                  ps.cpu_ticks * 1000 / ticks,
                                  MAX(crashes, 0),
                                  now_ms > booted_ms ? now_ms - booted_ms : 0,
                                  now_ms > up_ms ? now_ms - up_ms : 0));
    }
    closedir(dir);
}

/* "file_systems": "MOUNT,TOTAL,USED" (kB) for each local file system, one
 * on a device under /dev, that is mounted writable; spaces and commas in
 * MOUNT become underscores. */
static void
get_file_systems(const char *proc, struct smap *stats)
{
    char *path = xasprintf("%s/mounts", proc);
    FILE *f = fopen(path, "r");
    struct ds s = DS_EMPTY_INITIALIZER;
    char line[1024];

    free(path);
    if (!f) {
        return;
    }
    while (fgets(line, sizeof line, f)) {
        char dev[256], mnt[512], type[64], opts[256];
        struct statvfs vfs;

        /* /proc/mounts writes a space in MOUNT as \040, a comma as is. */
        if (sscanf(line, "%255s %511s %63s %255s", dev, mnt, type, opts) != 4
            || strncmp(dev, "/dev/", 5)
            || (strncmp(opts, "rw,", 3) && strcmp(opts, "rw"))
            || statvfs(mnt, &vfs) || !vfs.f_blocks) {
            continue;
        }
        for (char *c = mnt; *c; c++) {
            if (*c == ',' || *c == ' ') {
                *c = '_';
            }
        }
        unsigned long long bs = vfs.f_frsize;
        if (s.length) {
            ds_put_char(&s, ' ');
        }
        ds_put_format(&s, "%s,%llu,%llu", mnt, vfs.f_blocks * bs / 1024,
                      (vfs.f_blocks - vfs.f_bfree) * bs / 1024);
    }
    fclose(f);
    if (s.length) {
        smap_add(stats, "file_systems", ds_cstr(&s));
    }
    ds_destroy(&s);
}

/* Adds to 'stats' what the system and the daemons whose pidfiles are in
 * 'rundir' report, reading the proc file system at 'proc' (the system's
 * if it is null); a figure that cannot be read is left out. */
void
bridge_system_stats_get(const char *proc, const char *rundir,
                        struct smap *stats)
{
    proc = proc ? proc : "/proc";
    get_cpus(stats);
    get_load_average(proc, stats);
    get_memory(proc, stats);
    get_processes(proc, rundir, stats);
    get_file_systems(proc, stats);
}
