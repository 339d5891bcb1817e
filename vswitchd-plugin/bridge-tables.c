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

/* The Bridge flow_tables column: a name, a flow limit with its overflow
 * policy and eviction groups, and the classifier's prefix fields for each
 * OpenFlow table, handed to ofproto_configure_table(). */

#include <config.h>
#include "bridge-tables.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lib/vswitch-idl.h"
#include "nx-match.h"
#include "ofproto/ofproto.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/meta-flow.h"
#include "openvswitch/vlog.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_tables);

static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* Parses the 'groups' column of 'row' (each element a subfield such as
 * "NXM_OF_IN_PORT[]") into 's'.  Elements that do not parse are left out,
 * with a warning. */
static void
table_parse_groups(const char *br_name, int table_id,
                   const struct ovsrec_flow_table *row,
                   struct ofproto_table_settings *s)
{
    s->groups = row->n_groups ? xcalloc(row->n_groups, sizeof *s->groups)
                              : NULL;
    s->n_groups = 0;
    for (size_t i = 0; i < row->n_groups; i++) {
        const char *text = row->groups[i];
        char *error = mf_parse_subfield__(&s->groups[s->n_groups], &text);

        if (error) {
            VLOG_WARN_RL(&rl, "bridge %s table %d: error parsing 'groups' "
                         "(%s)", br_name, table_id, error);
            free(error);
        } else if (*text) {
            VLOG_WARN_RL(&rl, "bridge %s table %d: 'groups' element '%s' "
                         "contains trailing garbage", br_name, table_id,
                         row->groups[i]);
        } else {
            s->n_groups++;
        }
    }
}

/* Fills in the prefix fields of 's' from the 'prefixes' column of 'row'.
 * Returns false if the column asks for nothing, so that the defaults
 * apply; "none" turns prefix tracking off. */
static bool
table_parse_prefixes(const char *br_name, const struct ovsrec_flow_table *row,
                     struct ofproto_table_settings *s)
{
    bool chosen = false;

    s->n_prefix_fields = 0;
    for (size_t i = 0; i < row->n_prefixes; i++) {
        const char *name = row->prefixes[i];
        if (!strcmp(name, "none")) {
            s->n_prefix_fields = 0;
            return true;
        }

        /* A prefix trie works on whole 32-bit words of struct flow. */
        const struct mf_field *field = mf_from_name(name);
        if (!field) {
            VLOG_WARN("bridge %s: 'prefixes' with unknown field: %s",
                      br_name, name);
        } else if (field->flow_be32ofs < 0 || field->n_bits % 32) {
            VLOG_WARN("bridge %s: 'prefixes' with incompatible field: %s",
                      br_name, name);
        } else if (s->n_prefix_fields >= ARRAY_SIZE(s->prefix_fields)) {
            VLOG_WARN("bridge %s: 'prefixes' with too many fields, field "
                      "not used: %s", br_name, name);
        } else {
            s->prefix_fields[s->n_prefix_fields++] = field->id;
            chosen = true;
        }
    }
    return chosen;
}

/* Logs the prefix fields that 's' asks for. */
static void
table_log_prefixes(const char *br_name, int table_id,
                   const struct ofproto_table_settings *s)
{
    struct ds names = DS_EMPTY_INITIALIZER;

    for (size_t i = 0; i < s->n_prefix_fields; i++) {
        ds_put_format(&names, "%s%s", i ? "," : "",
                      mf_from_id(s->prefix_fields[i])->name);
    }
    VLOG_INFO("bridge %s table %d: Prefix lookup with: %s.", br_name,
              table_id, s->n_prefix_fields ? ds_cstr(&names) : "none");
    ds_destroy(&names);
}

/* Applies 'row' (NULL for a table without a Flow_Table row: no name, no
 * limit, default prefixes) to table 'table_id' of 'ofproto'. */
static void
table_configure(struct ofproto *ofproto, const char *br_name, int table_id,
                const struct ovsrec_flow_table *row)
{
    struct ofproto_table_settings s;

    memset(&s, 0, sizeof s);
    s.max_flows = UINT_MAX;
    if (row) {
        s.name = row->name;
        if (row->n_flow_limit && *row->flow_limit >= 0
            && *row->flow_limit < UINT_MAX) {
            s.max_flows = *row->flow_limit;
        }
        s.enable_eviction = (row->overflow_policy
                             && !strcmp(row->overflow_policy, "evict"));
        table_parse_groups(br_name, table_id, row, &s);
    }

    if (row && table_parse_prefixes(br_name, row, &s)) {
        table_log_prefixes(br_name, table_id, &s);
    } else {
        s.n_prefix_fields = ARRAY_SIZE(default_prefix_fields);
        memcpy(s.prefix_fields, default_prefix_fields,
               sizeof default_prefix_fields);
    }

    ofproto_configure_table(ofproto, table_id, &s);
    free(s.groups);
}

void
bridge_tables_configure(struct ofproto *ofproto,
                        const struct ovsrec_bridge *cfg)
{
    int n_tables = ofproto_get_n_tables(ofproto);
    const struct ovsrec_flow_table **rows = xcalloc(MAX(n_tables, 1),
                                                    sizeof *rows);

    for (size_t i = 0; i < cfg->n_flow_tables; i++) {
        int64_t id = cfg->key_flow_tables[i];
        if (id >= 0 && id < n_tables) {
            rows[id] = cfg->value_flow_tables[i];
        } else {
            VLOG_WARN_RL(&rl, "bridge %s: ignoring configuration for flow "
                         "table %"PRId64" not supported by this datapath",
                         cfg->name, id);
        }
    }
    for (int id = 0; id < n_tables; id++) {
        table_configure(ofproto, cfg->name, id, rows[id]);
    }
    free(rows);
}
