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
#include "bridge-qos.h"

#include <inttypes.h>
#include <stdlib.h>

#include "lib/vswitch-idl.h"
#include "netdev.h"
#include "ofproto/ofproto.h"
#include "openvswitch/dynamic-string.h"
#include "openvswitch/vlog.h"
#include "smap.h"
#include "sset.h"
#include "util.h"

VLOG_DEFINE_THIS_MODULE(bridge_qos);

/* A device without QoS (a dummy or patch port, say) is common and not an
 * error in Open vSwitch either: said at INFO level, and not at every
 * reconfiguration. */
static struct vlog_rate_limit rl = VLOG_RATE_LIMIT_INIT(1, 5);

/* True if 'qos' has a queue numbered 'id'. */
static bool
qos_has_queue(const struct ovsrec_qos *qos, unsigned int id)
{
    for (size_t i = 0; i < qos->n_queues; i++) {
        if (qos->key_queues[i] == id) {
            return true;
        }
    }
    return false;
}

/* Gives 'netdev' (Interface 'name', row 'iface') the QoS of 'qos' (none if
 * NULL or without a type) with its queues, and the row's ingress
 * policing. */
void
bridge_qos_apply(struct netdev *netdev, const char *name,
                 const struct ovsrec_qos *qos,
                 const struct ovsrec_interface *iface)
{
    int error;

    if (!qos || !qos->type[0]) {
        netdev_set_qos(netdev, NULL, NULL);
    } else {
        error = netdev_set_qos(netdev, qos->type, &qos->other_config);
        if (error) {
            VLOG_INFO_RL(&rl, "interface %s: QoS type %s not applied (%s)",
                         name, qos->type, ovs_strerror(error));
        }

        /* Queues that are gone from the row first, then the row's; queue 0,
         * the default, always exists. */
        struct netdev_queue_dump dump;
        struct smap details = SMAP_INITIALIZER(&details);
        unsigned int id;
        NETDEV_QUEUE_FOR_EACH (&id, &details, &dump, netdev) {
            if (!qos_has_queue(qos, id)) {
                netdev_delete_queue(netdev, id);
            }
        }
        smap_destroy(&details);

        for (size_t i = 0; i < qos->n_queues; i++) {
            netdev_set_queue(netdev, qos->key_queues[i],
                             &qos->value_queues[i]->other_config);
        }
        if (!qos_has_queue(qos, 0)) {
            netdev_set_queue(netdev, 0, &details);
        }
    }

    error = netdev_set_policing(
        netdev, MIN(UINT32_MAX, iface->ingress_policing_rate),
        MIN(UINT32_MAX, iface->ingress_policing_burst),
        MIN(UINT32_MAX, iface->ingress_policing_kpkts_rate),
        MIN(UINT32_MAX, iface->ingress_policing_kpkts_burst));
    if (error && (iface->ingress_policing_rate
                  || iface->ingress_policing_kpkts_rate)) {
        VLOG_INFO_RL(&rl, "interface %s: ingress policing not applied (%s)",
                     name, ovs_strerror(error));
    }
}

/* Tells ofproto which DSCP value marks the packets that OpenFlow port
 * 'ofp_port' sends to each queue of 'qos' that has one. */
void
bridge_qos_set_queues(struct ofproto *ofproto, ofp_port_t ofp_port,
                      const struct ovsrec_qos *qos)
{
    size_t n_queues = qos && qos->type[0] ? qos->n_queues : 0;
    struct ofproto_port_queue *queues = xmalloc((n_queues + 1)
                                                * sizeof *queues);
    size_t n = 0;

    for (size_t i = 0; i < n_queues; i++) {
        const struct ovsrec_queue *queue = qos->value_queues[i];
        if (queue->n_dscp == 1) {
            queues[n].queue = qos->key_queues[i];
            queues[n].dscp = queue->dscp[0];
            n++;
        }
    }
    ofproto_port_set_queues(ofproto, ofp_port, queues, n);
    free(queues);
}

/* qos/show: the QoS of 'netdev' (Interface 'name') and its queues with their
 * statistics, into 'ds'.  Returns false, with the error in 'ds', if the
 * device cannot say. */
bool
bridge_qos_show(struct ds *ds, struct netdev *netdev, const char *name)
{
    struct smap config = SMAP_INITIALIZER(&config);
    const char *type;
    int error = netdev_get_qos(netdev, &type, &config);

    if (error) {
        ds_put_format(ds, "%s: failed to retrieve QOS configuration (%s)\n",
                      name, ovs_strerror(error));
    } else if (!type[0]) {
        ds_put_format(ds, "QoS not configured on %s\n", name);
    } else {
        const struct smap_node *node;

        ds_put_format(ds, "QoS: %s %s\n", name, type);
        SMAP_FOR_EACH (node, &config) {
            ds_put_format(ds, "%s: %s\n", node->key, node->value);
        }

        struct smap details = SMAP_INITIALIZER(&details);
        struct netdev_queue_dump dump;
        unsigned int id;
        NETDEV_QUEUE_FOR_EACH (&id, &details, &dump, netdev) {
            struct netdev_queue_stats stats;

            if (id) {
                ds_put_format(ds, "\nQueue %u:\n", id);
            } else {
                ds_put_cstr(ds, "\nDefault:\n");
            }
            SMAP_FOR_EACH (node, &details) {
                ds_put_format(ds, "  %s: %s\n", node->key, node->value);
            }

            int qerror = netdev_get_queue_stats(netdev, id, &stats);
            if (qerror) {
                ds_put_format(ds, "  Failed to get statistics for queue %u: "
                              "%s", id, ovs_strerror(qerror));
                continue;
            }
            if (stats.tx_packets != UINT64_MAX) {
                ds_put_format(ds, "  tx_packets: %"PRIu64"\n",
                              stats.tx_packets);
            }
            if (stats.tx_bytes != UINT64_MAX) {
                ds_put_format(ds, "  tx_bytes: %"PRIu64"\n", stats.tx_bytes);
            }
            if (stats.tx_errors != UINT64_MAX) {
                ds_put_format(ds, "  tx_errors: %"PRIu64"\n",
                              stats.tx_errors);
            }
        }
        smap_destroy(&details);
    }
    smap_destroy(&config);
    return !error;
}

/* qos/show-types: the QoS types that 'netdev' (Interface 'name') offers,
 * into 'ds'.  Returns false, with the error in 'ds', if it cannot say. */
bool
bridge_qos_show_types(struct ds *ds, struct netdev *netdev, const char *name)
{
    struct sset types = SSET_INITIALIZER(&types);
    int error = netdev_get_qos_types(netdev, &types);

    if (error) {
        ds_put_format(ds, "%s: failed to retrieve supported QoS types (%s)",
                      name, ovs_strerror(error));
    } else if (sset_is_empty(&types)) {
        ds_put_format(ds, "No QoS types supported for interface: %s\n",
                      name);
    } else {
        const char *type;

        SSET_FOR_EACH (type, &types) {
            ds_put_format(ds, "QoS type: %s\n", type);
        }
    }
    sset_destroy(&types);
    return !error;
}
