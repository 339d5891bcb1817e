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
#include "bond-mcast.h"

#include <string.h>

#include "csum.h"
#include "dp-packet.h"
#include "packets.h"

/* IGMPv3 general query (RFC 3376 4.1): 224.0.0.1, TTL 1, Router Alert,
 * source 0.0.0.0 as a snooping switch's proxy query (RFC 4541 2.1.1). */
void
bond_mcast_compose_igmp_query(struct dp_packet *packet,
                              const struct eth_addr src, uint16_t vlan)
{
    static const struct eth_addr all_hosts_mac
        = ETH_ADDR_C(01, 00, 5e, 00, 00, 01);
    uint8_t *ip = eth_compose(packet, all_hosts_mac, src, ETH_TYPE_IP,
                              24 + 12);
    uint8_t *igmp = ip + 24;

    memset(ip, 0, 24 + 12);
    ip[0] = 0x46;                       /* Version 4, 6 words with RA. */
    ip[1] = 0xc0;                       /* Internetwork control. */
    ip[3] = 24 + 12;                    /* Total length. */
    ip[8] = 1;                          /* TTL. */
    ip[9] = IPPROTO_IGMP;
    ip[16] = 224;                       /* 224.0.0.1. */
    ip[19] = 1;
    ip[20] = 0x94;                      /* Router Alert, length 4. */
    ip[21] = 0x04;
    ovs_be16 ip_csum = csum(ip, 24);
    memcpy(ip + 10, &ip_csum, 2);

    igmp[0] = 0x11;                     /* Membership Query. */
    igmp[1] = BOND_MCAST_MAX_RESP_MS / 100;  /* In tenths of a second. */
    igmp[8] = 2;                        /* QRV. */
    igmp[9] = 125;                      /* QQIC, seconds. */
    ovs_be16 igmp_csum = csum(igmp, 12);
    memcpy(igmp + 2, &igmp_csum, 2);

    if (vlan) {
        eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(vlan));
    }
}

/* MLDv2 general query (RFC 3810 5.1): ff02::1, hop limit 1, Router Alert,
 * from the link-local address that 'src' gives by EUI-64, since hosts
 * ignore queries from any other kind of address. */
void
bond_mcast_compose_mld_query(struct dp_packet *packet,
                             const struct eth_addr src, uint16_t vlan)
{
    static const struct eth_addr all_nodes_mac
        = ETH_ADDR_C(33, 33, 00, 00, 00, 01);
    enum { HBH = 8, MLD = 28 };
    uint8_t *ip6 = eth_compose(packet, all_nodes_mac, src, ETH_TYPE_IPV6,
                               IPV6_HEADER_LEN + HBH + MLD);
    uint8_t *hbh = ip6 + IPV6_HEADER_LEN;
    uint8_t *mld = hbh + HBH;

    memset(ip6, 0, IPV6_HEADER_LEN + HBH + MLD);
    ip6[0] = 0x60;
    ip6[5] = HBH + MLD;                 /* Payload length. */
    ip6[6] = IPPROTO_HOPOPTS;
    ip6[7] = 1;                         /* Hop limit. */
    ip6[8] = 0xfe;                      /* fe80::/64 + EUI-64 of 'src'. */
    ip6[9] = 0x80;
    ip6[16] = src.ea[0] ^ 0x02;
    ip6[17] = src.ea[1];
    ip6[18] = src.ea[2];
    ip6[19] = 0xff;
    ip6[20] = 0xfe;
    ip6[21] = src.ea[3];
    ip6[22] = src.ea[4];
    ip6[23] = src.ea[5];
    ip6[24] = 0xff;                     /* ff02::1. */
    ip6[25] = 0x02;
    ip6[39] = 0x01;

    hbh[0] = IPPROTO_ICMPV6;
    hbh[2] = 0x05;                      /* Router Alert: MLD. */
    hbh[3] = 0x02;
    hbh[6] = 0x01;                      /* PadN, length 0. */

    mld[0] = MLD_QUERY;
    mld[4] = BOND_MCAST_MAX_RESP_MS >> 8;       /* Maximum Response Code, */
    mld[5] = BOND_MCAST_MAX_RESP_MS & 0xff;     /* in ms. */
    mld[24] = 2;                        /* QRV. */
    mld[25] = 125;                      /* QQIC, seconds. */

    /* ICMPv6 checksum: pseudo-header (source, destination, length, next
     * header) and the message. */
    uint32_t partial = 0;
    partial = csum_continue(partial, ip6 + 8, 32);
    partial = csum_add32(partial, htonl(MLD));
    partial = csum_add32(partial, htonl(IPPROTO_ICMPV6));
    partial = csum_continue(partial, mld, MLD);
    ovs_be16 mld_csum = csum_finish(partial);
    memcpy(mld + 2, &mld_csum, 2);

    if (vlan) {
        eth_push_vlan(packet, htons(ETH_TYPE_VLAN), htons(vlan));
    }
}
