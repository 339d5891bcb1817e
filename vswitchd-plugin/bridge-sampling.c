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
#include "bridge-sampling.h"

#include <stdlib.h>
#include <string.h>

#include "lib/sflow.h"
#include "lib/vswitch-idl.h"
#include "ofproto/netflow.h"
#include "ofproto/ofproto.h"
#include "openvswitch/vlog.h"
#include "smap.h"
#include "sset.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_sampling);

/* Warnings about a configuration that stays the same would come at every
 * reconfiguration. */
static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* NetFlow v5 export to the Bridge netflow row's targets. */
static void
configure_netflow(struct ofproto *ofproto, const struct ovsrec_bridge *br,
                  size_t n_ports)
{
    const struct ovsrec_netflow *cfg = br->netflow;

    if (!cfg) {
        ofproto_set_netflow(ofproto, NULL);
        return;
    }

    struct netflow_options opts;
    memset(&opts, 0, sizeof opts);

    /* The datapath's engine type and ID, unless the row sets them. */
    ofproto_get_netflow_ids(ofproto, &opts.engine_type, &opts.engine_id);
    if (cfg->engine_type) {
        opts.engine_type = *cfg->engine_type;
    }
    if (cfg->engine_id) {
        opts.engine_id = *cfg->engine_id;
    }

    /* 0 means the default, as does a negative value, with a warning. */
    opts.active_timeout = cfg->active_timeout > 0 ? cfg->active_timeout : -1;
    if (cfg->active_timeout < 0) {
        VLOG_WARN_RL(&rl, "bridge %s: active timeout interval set to "
                     "negative value, using default instead (%d seconds)",
                     br->name, NF_ACTIVE_TIMEOUT_DEFAULT);
    }

    /* The engine ID goes into the top bits of the interface numbers: it
     * leaves 7 bits of engine ID and 9 of port number. */
    opts.add_id_to_iface = cfg->add_id_to_interface;
    if (opts.add_id_to_iface && opts.engine_id > 0x7f) {
        VLOG_WARN_RL(&rl, "bridge %s: NetFlow port mangling may conflict "
                     "with another vswitch, choose an engine id less than "
                     "128", br->name);
    }
    if (opts.add_id_to_iface && n_ports > 508) {
        VLOG_WARN_RL(&rl, "bridge %s: NetFlow port mangling will conflict "
                     "with another port when more than 508 ports are used",
                     br->name);
    }

    sset_init(&opts.collectors);
    sset_add_array(&opts.collectors, cfg->targets, cfg->n_targets);
    if (ofproto_set_netflow(ofproto, &opts)) {
        VLOG_ERR_RL(&rl, "bridge %s: problem setting netflow collectors",
                    br->name);
    }
    sset_destroy(&opts.collectors);
}

/* sFlow to the Bridge sflow row's targets.  Each bridge with sFlow is a
 * sub-agent of its own, numbered by '*sub_id'. */
static void
configure_sflow(struct ofproto *ofproto, const struct ovsrec_bridge *br,
                int *sub_id)
{
    const struct ovsrec_sflow *cfg = br->sflow;

    if (!cfg) {
        ofproto_set_sflow(ofproto, NULL);
        return;
    }

    struct ofproto_sflow_options oso = {
        .sampling_rate = (cfg->sampling ? *cfg->sampling
                          : SFL_DEFAULT_SAMPLING_RATE),
        .polling_interval = (cfg->polling ? *cfg->polling
                             : SFL_DEFAULT_POLLING_INTERVAL),
        .header_len = cfg->header ? *cfg->header : SFL_DEFAULT_HEADER_SIZE,
        .sub_id = (*sub_id)++,
        .agent_device = cfg->agent,
    };

    /* Without an agent device, the address that the first controller with
     * a local_ip uses. */
    for (size_t i = 0; i < br->n_controller; i++) {
        if (br->controller[i]->local_ip) {
            oso.control_ip = br->controller[i]->local_ip;
            break;
        }
    }

    sset_init(&oso.targets);
    sset_add_array(&oso.targets, cfg->targets, cfg->n_targets);
    ofproto_set_sflow(ofproto, &oso);
    sset_destroy(&oso.targets);
}

static bool
ipfix_has_targets(const struct ovsrec_ipfix *ipfix)
{
    return ipfix && ipfix->n_targets > 0;
}

/* IPFIX: the bridge exporter of the Bridge ipfix row (sampling all
 * traffic) and one flow exporter per Flow_Sample_Collector_Set row of this
 * bridge (sampling what the sample action of OpenFlow picks). */
static void
configure_ipfix(struct ofproto *ofproto, const struct ovsrec_bridge *br,
                const struct ovsdb_idl *idl)
{
    const struct ovsrec_ipfix *be = br->ipfix;
    bool have_be = ipfix_has_targets(be);
    const struct ovsrec_flow_sample_collector_set *fscs;
    size_t n_fe = 0;

    OVSREC_FLOW_SAMPLE_COLLECTOR_SET_FOR_EACH (fscs, idl) {
        n_fe += fscs->bridge == br && ipfix_has_targets(fscs->ipfix);
    }
    if (!have_be && !n_fe) {
        ofproto_set_ipfix(ofproto, NULL, NULL, 0);
        return;
    }

    struct ofproto_ipfix_bridge_exporter_options be_opts;
    memset(&be_opts, 0, sizeof be_opts);
    if (have_be) {
        const struct smap *oc = &be->other_config;

        sset_init(&be_opts.targets);
        sset_add_array(&be_opts.targets, be->targets, be->n_targets);
        be_opts.sampling_rate = (be->sampling ? *be->sampling
                                 : SFL_DEFAULT_SAMPLING_RATE);
        be_opts.obs_domain_id = be->obs_domain_id ? *be->obs_domain_id : 0;
        be_opts.obs_point_id = be->obs_point_id ? *be->obs_point_id : 0;
        be_opts.cache_active_timeout = (be->cache_active_timeout
                                        ? *be->cache_active_timeout : 0);
        be_opts.cache_max_flows = (be->cache_max_flows
                                   ? *be->cache_max_flows : 0);
        be_opts.enable_tunnel_sampling = smap_get_bool(
            oc, "enable-tunnel-sampling", true);
        /* Open vSwitch 3.1 reads these two keys inverted: "true" turns the
         * sampling off.  Kept, so that a database means the same to both
         * daemons. */
        be_opts.enable_input_sampling = !smap_get_bool(
            oc, "enable-input-sampling", false);
        be_opts.enable_output_sampling = !smap_get_bool(
            oc, "enable-output-sampling", false);
        be_opts.virtual_obs_id = nullable_xstrdup(smap_get(
                                                      oc, "virtual_obs_id"));
    }

    struct ofproto_ipfix_flow_exporter_options *fe_opts
        = xcalloc(n_fe ? n_fe : 1, sizeof *fe_opts);
    struct ofproto_ipfix_flow_exporter_options *fe = fe_opts;
    OVSREC_FLOW_SAMPLE_COLLECTOR_SET_FOR_EACH (fscs, idl) {
        const struct ovsrec_ipfix *ipfix = fscs->ipfix;

        if (fscs->bridge != br || !ipfix_has_targets(ipfix)) {
            continue;
        }
        fe->collector_set_id = fscs->id;
        sset_init(&fe->targets);
        sset_add_array(&fe->targets, ipfix->targets, ipfix->n_targets);
        fe->cache_active_timeout = (ipfix->cache_active_timeout
                                    ? *ipfix->cache_active_timeout : 0);
        fe->cache_max_flows = (ipfix->cache_max_flows
                               ? *ipfix->cache_max_flows : 0);
        fe->enable_tunnel_sampling = smap_get_bool(
            &ipfix->other_config, "enable-tunnel-sampling", true);
        fe->virtual_obs_id = nullable_xstrdup(
            smap_get(&ipfix->other_config, "virtual_obs_id"));
        fe++;
    }

    ofproto_set_ipfix(ofproto, have_be ? &be_opts : NULL, fe_opts, n_fe);

    if (have_be) {
        sset_destroy(&be_opts.targets);
        free(be_opts.virtual_obs_id);
    }
    for (size_t i = 0; i < n_fe; i++) {
        sset_destroy(&fe_opts[i].targets);
        free(fe_opts[i].virtual_obs_id);
    }
    free(fe_opts);
}

/* Configures sFlow, NetFlow and IPFIX on 'ofproto' from its Bridge row
 * 'br' (with 'n_ports' ports) and the Flow_Sample_Collector_Set rows of
 * 'idl'.  '*sflow_sub_id' numbers the bridges that run sFlow: start it at 0
 * for each reconfiguration. */
void
bridge_sampling_configure(struct ofproto *ofproto,
                          const struct ovsrec_bridge *br,
                          const struct ovsdb_idl *idl, size_t n_ports,
                          int *sflow_sub_id)
{
    configure_netflow(ofproto, br, n_ports);
    configure_sflow(ofproto, br, sflow_sub_id);
    configure_ipfix(ofproto, br, idl);
}
