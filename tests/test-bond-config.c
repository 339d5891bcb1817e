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

/* Test of lib/bond-config.c.
 *
 *     bond-config parse NAME MEMBER... < KEY=VALUE lines
 *         prints the settings, or the error message
 *     bond-config options
 *         prints the option table */

#include <config.h>
#include "ovs-bond-test.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "bond-config.h"
#include "bond-options.h"
#include "openvswitch/dynamic-string.h"
#include "smap.h"
#include "util.h"

static const char *
bool_string(bool b)
{
    return b ? "true" : "false";
}

static void
print_settings(const struct bond_settings *s)
{
    static const char *detect[] = { "carrier", "miimon" };
    static const char *reselect[] = { "always", "better", "failure" };
    static const char *fom[] = { "none", "active", "follow" };

    printf("mode: %s\n", bond_config_mode_name(s->mode));
    printf("xmit_hash_policy: %s\n",
           bond_hash_policy_name(s->xmit_policy));
    printf("detect: %s, miimon %d ms\n", detect[s->detect_mode],
           s->miimon_interval);
    printf("updelay: %d ms, downdelay: %d ms\n", s->updelay, s->downdelay);
    printf("primary: %s (reselect %s)\n", s->primary ? s->primary : "none",
           reselect[s->primary_reselect]);
    printf("hash basis: %u, rebalance: %d ms\n", s->hash_basis,
           s->rebalance_interval);
    printf("min_links: %d, packets_per_member: %d\n", s->min_links,
           s->packets_per_member);
    printf("all_members_active: %s, fail_over_mac: %s\n",
           bool_string(s->all_members_active), fom[s->fail_over_mac]);
    printf("num_grat_arp: %d, peer_notif_delay: %d ms, resend_igmp: %d\n",
           s->num_grat_arp, s->peer_notif_delay, s->resend_igmp);
    if (s->tx_thread != BOND_TX_THREAD_AUTO || s->tx_thread_burst != 16) {
        printf("tx_thread: %s, burst %d\n",
               (s->tx_thread == BOND_TX_THREAD_ON ? "true"
                : s->tx_thread == BOND_TX_THREAD_OFF ? "false" : "auto"),
               s->tx_thread_burst);
    }
    if (s->mode == BOND_MODE_BALANCE_TLB || s->mode == BOND_MODE_BALANCE_ALB) {
        printf("tlb: lp_interval %d s, dynamic_lb %s\n", s->lp_interval,
               bool_string(s->tlb_dynamic_lb));
    }
    if (s->has_active_mac) {
        printf("active mac: "ETH_ADDR_FMT"\n", ETH_ADDR_ARGS(s->active_mac));
    }
    if (s->arp_interval) {
        static const char *const validates[] = {
            "none", "active", "backup", "all", "filter", "filter_active",
            "filter_backup"
        };
        printf("arp monitor: %d ms, validate %s, %s targets, missed_max %d\n",
               s->arp_interval, validates[s->arp_validate],
               s->arp_all_targets ? "all" : "any", s->arp_missed_max);
        for (size_t i = 0; i < s->n_arp_targets; i++) {
            printf("arp target: "IP_FMT"\n", IP_ARGS(s->arp_targets[i]));
        }
        for (size_t i = 0; i < s->n_ns_targets; i++) {
            char buf[INET6_ADDRSTRLEN];
            inet_ntop(AF_INET6, &s->ns_targets[i], buf, sizeof buf);
            printf("ns target: %s\n", buf);
        }
    }
    if (s->lacp != BOND_LACP_OFF) {
        static const char *const selects[] = {
            "stable", "bandwidth", "count"
        };
        printf("lacp: %s, %s, %s, ad_select %s, fallback_ab %s\n",
               s->lacp == BOND_LACP_ACTIVE ? "active" : "passive",
               s->lacp_fast ? "fast" : "slow",
               s->lacp_strict ? "strict" : "not strict",
               selects[s->ad_select], bool_string(s->lacp_fallback_ab));
        if (s->has_lacp_system_id || s->lacp_system_priority) {
            printf("lacp system: "ETH_ADDR_FMT" priority %d\n",
                   ETH_ADDR_ARGS(s->lacp_system_id),
                   s->lacp_system_priority);
        }
    }
    for (size_t i = 0; i < s->n_members; i++) {
        const struct bond_member_settings *m = &s->members[i];
        printf("member %s: prio %d", m->name, m->prio);
        if (s->lacp != BOND_LACP_OFF) {
            printf(", lacp port %d priority %d key %d", m->lacp_port_id,
                   m->lacp_port_priority, m->lacp_key);
        }
        printf("\n");
    }
}

int
test_bond_config_main(int argc, char *argv[])
{
    if (argc == 2 && !strcmp(argv[1], "options")) {
        struct ds ds = DS_EMPTY_INITIALIZER;
        bond_options_format(&ds);
        fputs(ds_cstr(&ds), stdout);
        ds_destroy(&ds);
        return 0;
    }
    if (argc < 3 || strcmp(argv[1], "parse")) {
        ovs_fatal(0, "usage: bond-config parse NAME MEMBER... | options");
    }

    struct smap cfg = SMAP_INITIALIZER(&cfg);
    struct ds line = DS_EMPTY_INITIALIZER;
    while (!ds_get_line(&line, stdin)) {
        char *s = ds_cstr(&line);
        char *eq = strchr(s, '=');
        if (!s[0] || s[0] == '#') {
            continue;
        }
        if (!eq) {
            ovs_fatal(0, "%s: expected KEY=VALUE", s);
        }
        *eq = '\0';
        smap_replace(&cfg, s, eq + 1);
    }
    ds_destroy(&line);

    struct bond_settings settings;
    bond_config_init(&settings);
    char *error = bond_config_parse(&cfg, argv[2], &argv[3], argc - 3,
                                    &settings);
    if (error) {
        printf("error: %s\n", error);
        free(error);
    } else {
        struct bond_settings copy;
        if (settings.warnings) {
            printf("warning: %s\n", settings.warnings);
        }
        bond_config_clone(&copy, &settings);
        print_settings(&copy);
        bond_config_destroy(&copy);
    }
    bond_config_destroy(&settings);
    smap_destroy(&cfg);
    return 0;
}
