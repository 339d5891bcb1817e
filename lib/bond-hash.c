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
#include "bond-hash.h"

#include <netinet/icmp6.h>
#include <string.h>

#include "packets.h"
#include "util.h"

/* The Linux formulas (drivers/net/bonding/bond_main.c, __bond_xmit_hash):
 *
 *   eth_hash    = dst[5] ^ src[5] ^ ethertype
 *   ip_hash(h)  = h ^= dst32 ^ src32; h ^= h >> 16; h ^= h >> 8;
 *                 then h >> 1 for layer3+4 and encap3+4
 *   layer2      = eth_hash
 *   layer2+3    = ip_hash(eth_hash)
 *   layer3+4    = ip_hash(ports32, or ICMP type|code|id when it has an id)
 *   vlan+srcmac = tci ^ (src[0..2] as 24 bits) ^ (src[3..5] as 24 bits)
 *
 * Frames that are not IPv4 or IPv6 fall back to eth_hash.  32-bit header
 * words are loaded in host byte order, as the kernel does, so the results
 * match a kernel of the same endianness.  */

/* A parsed frame, as much as the hash needs. */
struct hash_keys {
    uint32_t src32, dst32;      /* Addresses, folded for IPv6. */
    uint32_t ports;             /* Raw 4 bytes at the L4 header, or 0. */
    uint8_t icmp[4];            /* type, code, id (host order), or zeros. */
};

static uint32_t
load32(const uint8_t *p)
{
    uint32_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* ipv6_addr_hash(): the XOR of the four words of the address. */
static uint32_t
fold_ipv6(const uint8_t *a)
{
    return load32(a) ^ load32(a + 4) ^ load32(a + 8) ^ load32(a + 12);
}

/* Returns the offset of the ports within an L4 header of protocol 'proto',
 * or -1 if it has none (proto_ports_offset()). */
static int
ports_offset(int proto)
{
    switch (proto) {
    case IPPROTO_TCP:
    case IPPROTO_UDP:
    case IPPROTO_UDPLITE:
    case IPPROTO_DCCP:
    case IPPROTO_ESP:
    case IPPROTO_SCTP:
        return 0;
    case IPPROTO_AH:
        return 4;
    default:
        return -1;
    }
}

static bool
icmp_has_id(int proto, uint8_t type)
{
    return (proto == IPPROTO_ICMP
            ? (type == ICMP4_ECHO_REQUEST || type == ICMP4_ECHO_REPLY
               || type == 13 || type == 14)   /* Timestamp and reply. */
            : (type == ICMP6_ECHO_REQUEST || type == ICMP6_ECHO_REPLY));
}

static bool
icmp_is_error(int proto, uint8_t type)
{
    if (proto == IPPROTO_ICMP) {
        return (type == ICMP4_DST_UNREACH || type == 4 /* Source quench. */
                || type == 5 /* Redirect. */ || type == ICMP4_TIME_EXCEEDED
                || type == 12 /* Parameter problem. */);
    } else {
        return type < 128;
    }
}

/* Parses the IP header at 'p[*nhoff]' (bond_flow_ip()).  'l3' is the
 * frame's ethertype.  Stores the addresses and, with 'l34', the ports in
 * 'keys'; advances '*nhoff' past the IP header and sets '*proto' (left at
 * -1 for IPv4 fragments).  Returns false if the header is not there. */
static bool
parse_ip(const uint8_t *p, size_t size, uint16_t l3, size_t *nhoff,
         int *proto, bool l34, struct hash_keys *keys)
{
    if (l3 == ETH_TYPE_IP) {
        if (size < *nhoff + IP_HEADER_LEN) {
            return false;
        }
        const uint8_t *ip = p + *nhoff;
        keys->src32 = load32(ip + 12);
        keys->dst32 = load32(ip + 16);
        *nhoff += (ip[0] & 0x0f) << 2;
        uint16_t frag = (ip[6] << 8) | ip[7];
        if (!(frag & 0x3fff)) {     /* Not a fragment. */
            *proto = ip[9];
        }
    } else if (l3 == ETH_TYPE_IPV6) {
        if (size < *nhoff + IPV6_HEADER_LEN) {
            return false;
        }
        const uint8_t *ip6 = p + *nhoff;
        keys->src32 = fold_ipv6(ip6 + 8);
        keys->dst32 = fold_ipv6(ip6 + 24);
        *nhoff += IPV6_HEADER_LEN;
        *proto = ip6[6];
    } else {
        return false;
    }

    if (l34 && *proto >= 0) {
        int poff = ports_offset(*proto);
        keys->ports = (poff >= 0 && size >= *nhoff + poff + 4
                       ? load32(p + *nhoff + poff) : 0);
    }
    return true;
}

/* bond_flow_dissect() for the non-encap policies: the IP header right
 * after the Ethernet header, or after the first tag if 'oob'.  ICMP errors
 * are hashed like the packet they quote. */
static bool
dissect(const uint8_t *p, size_t size, uint16_t l3, size_t nhoff, bool l34,
        struct hash_keys *keys)
{
    int proto = -1;

    memset(keys, 0, sizeof *keys);
    if (!parse_ip(p, size, l3, &nhoff, &proto, l34, keys)) {
        return false;
    }
    if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6) {
        if (size >= nhoff + 8) {
            const uint8_t *ih = p + nhoff;
            keys->icmp[0] = ih[0];
            keys->icmp[1] = ih[1];
            if (icmp_has_id(proto, ih[0])) {
                uint16_t id = (ih[4] << 8) | ih[5];
                id = id ? id : 1;
                memcpy(&keys->icmp[2], &id, 2);
            }
            if (!icmp_is_error(proto, ih[0])) {
                return true;
            }
            nhoff += 8;
            parse_ip(p, size, l3, &nhoff, &proto, l34, keys);
        }
    }
    return true;
}

/* The encap policies use the kernel's general flow dissector: it looks
 * through in-band VLAN tags and through IP-in-IP and IPv6-in-IP to the
 * innermost header.  (Other encapsulations are hashed on the outer
 * header.) */
static bool
dissect_encap(const uint8_t *p, size_t size, uint16_t l3, size_t nhoff,
              bool l34, struct hash_keys *keys)
{
    while ((l3 == ETH_TYPE_VLAN_8021Q || l3 == ETH_TYPE_VLAN_8021AD)
           && size >= nhoff + 4) {
        l3 = (p[nhoff + 2] << 8) | p[nhoff + 3];
        nhoff += 4;
    }
    for (int depth = 0; depth < 4; depth++) {
        int proto = -1;
        size_t off = nhoff;

        memset(keys, 0, sizeof *keys);
        if (!parse_ip(p, size, l3, &off, &proto, false, keys)) {
            return false;
        }
        if (proto == IPPROTO_IPIP) {
            l3 = ETH_TYPE_IP;
        } else if (proto == IPPROTO_IPV6) {
            l3 = ETH_TYPE_IPV6;
        } else {
            return dissect(p, size, l3, nhoff, l34, keys);
        }
        nhoff = off;
    }
    return dissect(p, size, l3, nhoff, l34, keys);
}

/* The general case of bond_hash_linux(), out of line so that its fast path
 * stays small: dissects the frame at 'nhoff' (ethertype 'l3') and hashes
 * it.  Needs no inlining: it is the rare path. */
static uint32_t __attribute__((noinline))
hash_general(const uint8_t *p, size_t size, uint16_t l3, size_t nhoff,
             uint32_t eth_hash, bool l34, bool encap)
{
    struct hash_keys keys;
    if (!(encap
          ? dissect_encap(p, size, l3, nhoff, l34, &keys)
          : dissect(p, size, l3, nhoff, l34, &keys))) {
        return eth_hash;
    }

    uint32_t hash;
    if (!l34) {
        hash = eth_hash;
    } else if (keys.icmp[2] || keys.icmp[3]) {
        memcpy(&hash, keys.icmp, sizeof hash);
    } else {
        hash = keys.ports;
    }
    return bond_hash_fold_ip(hash, keys.src32, keys.dst32, l34);
}

/* Returns the Linux bonding transmit hash of the 'size'-byte Ethernet frame
 * 'frame' under 'policy'.  'view' says whether its first VLAN tag, if any,
 * counts as accelerated (out of band) or as data.
 *
 * bond_hash_linux() in bond-hash.h handles the commonest frames inline and
 * calls this for the others; this alone gives the same results. */
uint32_t
bond_hash_linux__(enum bond_xmit_policy policy, enum bond_vlan_view view,
                  const void *frame, size_t size)
{
    const uint8_t *p = frame;
    uint16_t tci = 0;
    size_t nhoff = ETH_HEADER_LEN;

    if (size < ETH_HEADER_LEN) {
        return 0;
    }
    uint16_t l3 = (p[12] << 8) | p[13];
    if (view == BOND_VLAN_OUT_OF_BAND
        && (l3 == ETH_TYPE_VLAN_8021Q || l3 == ETH_TYPE_VLAN_8021AD)
        && size >= ETH_HEADER_LEN + VLAN_HEADER_LEN) {
        tci = (p[14] << 8) | p[15];
        l3 = (p[16] << 8) | p[17];
        nhoff += VLAN_HEADER_LEN;
    }

    /* With an accelerated tag the data holds the inner ethertype where the
     * Ethernet header's type was. */
    uint32_t eth_hash = p[5] ^ p[11] ^ l3;

    if (policy == BOND_XMIT_VLAN_SRCMAC) {
        const uint8_t *src = p + 6;
        return (tci ^ ((src[0] << 16) | (src[1] << 8) | src[2])
                ^ ((src[3] << 16) | (src[4] << 8) | src[5]));
    }
    if (policy == BOND_XMIT_LAYER2) {
        return eth_hash;
    }

    bool l34 = policy == BOND_XMIT_LAYER34 || policy == BOND_XMIT_ENCAP34;
    bool encap = policy == BOND_XMIT_ENCAP23 || policy == BOND_XMIT_ENCAP34;

    /* Fast path, the common case: IPv4 carrying TCP or UDP, or anything
     * for layer2+3.  Gives the same result as the general path below. */
    if (l3 == ETH_TYPE_IP && !encap && size >= nhoff + IP_HEADER_LEN) {
        const uint8_t *ip = p + nhoff;
        uint32_t src32 = load32(ip + 12);
        uint32_t dst32 = load32(ip + 16);

        size_t l4 = nhoff + ((ip[0] & 0x0f) << 2);
        bool frag = (ip[6] & 0x3f) || ip[7];
        if (!l34 && (frag || ip[9] != IPPROTO_ICMP)) {
            /* ICMP errors hash on the packet they quote. */
            return bond_hash_fold_ip(eth_hash, src32, dst32, false);
        }
        if (l34 && frag) {
            return bond_hash_fold_ip(0, src32, dst32, true);
        }
        if (l34 && (ip[9] == IPPROTO_TCP || ip[9] == IPPROTO_UDP)) {
            uint32_t ports = size >= l4 + 4 ? load32(p + l4) : 0;
            return bond_hash_fold_ip(ports, src32, dst32, true);
        }
    }

    return hash_general(p, size, l3, nhoff, eth_hash, l34, encap);
}



const char *
bond_hash_policy_name(enum bond_xmit_policy policy)
{
    switch (policy) {
#define BOND_XMIT_POLICY(ENUM, NAME, VALUE) \
    case BOND_XMIT_##ENUM: return NAME;
    BOND_XMIT_POLICIES
#undef BOND_XMIT_POLICY
    }
    OVS_NOT_REACHED();
}

/* Parses 's', a policy name or its Linux number, into '*policy'.  Returns
 * true if successful. */
bool
bond_hash_policy_from_string(const char *s, enum bond_xmit_policy *policy)
{
#define BOND_XMIT_POLICY(ENUM, NAME, VALUE)                             \
    if (!strcmp(s, NAME) || !strcmp(s, #VALUE)) {                       \
        *policy = BOND_XMIT_##ENUM;                                     \
        return true;                                                    \
    }
    BOND_XMIT_POLICIES
#undef BOND_XMIT_POLICY
    return false;
}
