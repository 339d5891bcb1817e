#! /usr/bin/env python3
# A second, independent implementation of Linux bonding's transmit hash
# (drivers/net/bonding/bond_main.c, __bond_xmit_hash), written from the
# formulas in the Linux sources, to check lib/bond-hash.c against.
#
#   bond-hash-ref.py frames SEED COUNT     prints COUNT hex frames
#   bond-hash-ref.py hash POLICY VIEW N    reads hex frames on stdin, prints
#                                          "hash member" for each
#
# Host byte order is little-endian here (x86), as in the kernel's loads.

import random
import struct
import sys


def le32(b, off):
    return struct.unpack_from('<I', b, off)[0]


def frames(seed, count):
    rnd = random.Random(seed)

    def mac():
        return bytes(rnd.randrange(256) for _ in range(6))

    def ipv4(proto, payload, frag=False):
        hdr = bytearray(20)
        hdr[0] = 0x45
        struct.pack_into('!H', hdr, 2, 20 + len(payload))
        if frag:
            struct.pack_into('!H', hdr, 6, rnd.choice([0x2000, 0x0010]))
        hdr[8] = 64
        hdr[9] = proto
        hdr[12:16] = bytes([192, 0, 2, rnd.randrange(1, 255)])
        hdr[16:20] = bytes([192, 0, 2, rnd.randrange(1, 255)])
        return bytes(hdr) + payload

    def ipv6(nh, payload):
        hdr = bytearray(40)
        hdr[0] = 0x60
        struct.pack_into('!H', hdr, 4, len(payload))
        hdr[6] = nh
        hdr[7] = 64
        hdr[8:24] = bytes.fromhex('20010db8000000000000000000000000')
        hdr[8 + 15] = rnd.randrange(1, 255)
        hdr[24:40] = bytes.fromhex('20010db8000000000000000000000000')
        hdr[24 + 14] = rnd.randrange(256)
        hdr[24 + 15] = rnd.randrange(1, 255)
        return bytes(hdr) + payload

    def l4(proto):
        if proto in (6, 17, 132, 33, 136, 50):
            return struct.pack('!HH', rnd.randrange(65536),
                               rnd.randrange(65536)) + bytes(16)
        if proto == 51:
            return bytes(4) + struct.pack('!I', rnd.randrange(2 ** 32)) + bytes(8)
        return bytes(8)

    def icmp(v6, typ, ident=None):
        ident = rnd.randrange(65536) if ident is None else ident
        return bytes([typ, 0, 0, 0]) + struct.pack('!HH', ident, 1) + bytes(8)

    out = []
    for _ in range(count):
        kind = rnd.choice(['tcp4', 'udp4', 'frag4', 'echo4', 'echo4id0',
                           'err4', 'tcp6', 'echo6', 'err6', 'arp', 'ah4',
                           'other4', 'ipip'])
        if kind in ('tcp4', 'udp4', 'ah4', 'other4'):
            proto = {'tcp4': 6, 'udp4': 17, 'ah4': 51, 'other4': 47}[kind]
            l3, et = ipv4(proto, l4(proto)), 0x0800
        elif kind == 'frag4':
            l3, et = ipv4(6, l4(6), frag=True), 0x0800
        elif kind == 'echo4':
            l3, et = ipv4(1, icmp(False, rnd.choice([0, 8]))), 0x0800
        elif kind == 'echo4id0':
            l3, et = ipv4(1, icmp(False, 8, 0)), 0x0800
        elif kind == 'err4':
            inner = ipv4(17, l4(17))[:28]
            l3 = ipv4(1, bytes([3, 3, 0, 0, 0, 0, 0, 0]) + inner)
            et = 0x0800
        elif kind == 'tcp6':
            l3, et = ipv6(6, l4(6)), 0x86dd
        elif kind == 'echo6':
            l3, et = ipv6(58, icmp(True, rnd.choice([128, 129]))), 0x86dd
        elif kind == 'err6':
            inner = ipv6(6, l4(6))[:48]
            l3 = ipv6(58, bytes([1, 4, 0, 0, 0, 0, 0, 0]) + inner)
            et = 0x86dd
        elif kind == 'ipip':
            l3, et = ipv4(4, ipv4(6, l4(6))), 0x0800
        else:
            l3, et = bytes(28), 0x0806
        eth = mac() + mac()
        if rnd.random() < 0.3:
            tci = rnd.randrange(1, 4095) | (rnd.randrange(8) << 13)
            eth += struct.pack('!HH', 0x8100, tci)
        out.append((eth + struct.pack('!H', et) + l3).hex())
    return out


def parse_ip(b, l3, nhoff, l34, keys):
    proto = -1
    if l3 == 0x0800:
        if len(b) < nhoff + 20:
            return None
        keys['src'] = le32(b, nhoff + 12)
        keys['dst'] = le32(b, nhoff + 16)
        frag = struct.unpack_from('!H', b, nhoff + 6)[0]
        ihl = (b[nhoff] & 0x0f) * 4
        if not frag & 0x3fff:
            proto = b[nhoff + 9]
        nhoff += ihl
    elif l3 == 0x86dd:
        if len(b) < nhoff + 40:
            return None
        keys['src'] = 0
        keys['dst'] = 0
        for i in range(4):
            keys['src'] ^= le32(b, nhoff + 8 + 4 * i)
            keys['dst'] ^= le32(b, nhoff + 24 + 4 * i)
        proto = b[nhoff + 6]
        nhoff += 40
    else:
        return None
    if l34 and proto >= 0:
        poff = {6: 0, 17: 0, 136: 0, 33: 0, 50: 0, 132: 0, 51: 4}.get(proto)
        if poff is not None and len(b) >= nhoff + poff + 4:
            keys['ports'] = le32(b, nhoff + poff)
        else:
            keys['ports'] = 0
    return nhoff, proto


def dissect(b, l3, nhoff, l34):
    keys = {'src': 0, 'dst': 0, 'ports': 0, 'icmp': 0}
    r = parse_ip(b, l3, nhoff, l34, keys)
    if r is None:
        return None
    nhoff, proto = r
    if proto in (1, 58) and len(b) >= nhoff + 8:
        typ, code = b[nhoff], b[nhoff + 1]
        has_id = typ in ((0, 8, 13, 14) if proto == 1 else (128, 129))
        ident = 0
        if has_id:
            ident = struct.unpack_from('!H', b, nhoff + 4)[0] or 1
        keys['icmp'] = typ | code << 8 | ident << 16
        err = typ in (3, 4, 5, 11, 12) if proto == 1 else typ < 128
        if not err:
            return keys
        parse_ip(b, l3, nhoff + 8, l34, keys)
    return keys


def dissect_encap(b, l3, nhoff, l34):
    while l3 in (0x8100, 0x88a8) and len(b) >= nhoff + 4:
        l3 = struct.unpack_from('!H', b, nhoff + 2)[0]
        nhoff += 4
    for _ in range(4):
        keys = {'src': 0, 'dst': 0, 'ports': 0, 'icmp': 0}
        r = parse_ip(b, l3, nhoff, False, keys)
        if r is None:
            return None
        off, proto = r
        if proto == 4:
            l3 = 0x0800
        elif proto == 41:
            l3 = 0x86dd
        else:
            break
        nhoff = off
    return dissect(b, l3, nhoff, l34)


def linux_hash(policy, view, b):
    if len(b) < 14:
        return 0
    l3 = struct.unpack_from('!H', b, 12)[0]
    nhoff, tci = 14, 0
    if view == 'oob' and l3 in (0x8100, 0x88a8) and len(b) >= 18:
        tci = struct.unpack_from('!H', b, 14)[0]
        l3 = struct.unpack_from('!H', b, 16)[0]
        nhoff = 18
    eth = b[5] ^ b[11] ^ l3
    if policy == 'vlan+srcmac':
        s = b[6:12]
        return tci ^ (s[0] << 16 | s[1] << 8 | s[2]) ^ (s[3] << 16 | s[4] << 8 | s[5])
    if policy == 'layer2':
        return eth
    l34 = policy in ('layer3+4', 'encap3+4')
    if policy.startswith('encap'):
        keys = dissect_encap(b, l3, nhoff, l34)
    else:
        keys = dissect(b, l3, nhoff, l34)
    if keys is None:
        return eth
    if not l34:
        h = eth
    elif keys['icmp'] >> 16:
        h = keys['icmp']
    else:
        h = keys['ports']
    h ^= keys['dst'] ^ keys['src']
    h ^= h >> 16
    h ^= h >> 8
    return h >> 1 if l34 else h


def main():
    if sys.argv[1] == 'frames':
        print('\n'.join(frames(int(sys.argv[2]), int(sys.argv[3]))))
    else:
        policy, view, n = sys.argv[2], sys.argv[3], int(sys.argv[4])
        for line in sys.stdin:
            h = linux_hash(policy, view, bytes.fromhex(line.strip()))
            print(h, h % n)


main()
