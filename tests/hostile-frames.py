#! /usr/bin/python3
# Copyright (c) 2026 The ovs-bond authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at:
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

"""Sends hostile and malformed frames out of an interface, as fast as a
raw socket takes them, for a number of seconds.

  hostile-frames.py IFACE SECONDS BOND-MAC HOST-MAC

The frames (built with scapy, then replayed from a raw socket): truncated
and runt frames, a frame one byte short of every header, oversized frames,
bad and stacked VLAN tags, LACPDUs with every field out of range or
random, LACPDUs with bad TLV types and lengths, Marker PDUs (requests and
responses), other slow protocols, frames whose source is the bond's own
MAC, and ARP replies with forged addresses.  Prints how many frames of
each kind went out.
"""

import random
import socket
import sys
import time

from scapy.layers.inet import ICMP, IP
from scapy.layers.l2 import ARP, Dot1Q, Ether

SLOW = "01:80:c2:00:00:02"


def lacpdu(rng):
    """A version-1 LACPDU whose fields are random."""
    def info(tlv_type):
        return (bytes([tlv_type, 20]) + rng.randbytes(16) + bytes(2))
    return (bytes([1, 1]) + info(1) + info(2) + bytes([3, 16])
            + rng.randbytes(14) + bytes([0, 0]) + rng.randbytes(50))


def frames(bond_mac, host_mac):
    rng = random.Random(42)
    kinds = {}
    src = "02:00:00:00:66:66"
    eth = Ether(src=src, dst=SLOW, type=0x8809)

    kinds["runt"] = [bytes(rng.randrange(0, 14)) for _ in range(8)]
    kinds["truncated slow protocol"] = [
        bytes(Ether(src=src, dst=SLOW, type=0x8809)) + bytes([1])[:n]
        for n in range(2)]
    kinds["oversized"] = [bytes(Ether(src=src, dst=host_mac) / IP()
                                / ICMP() / (b"x" * 9000))]
    kinds["bad vlan"] = [
        bytes(Ether(src=src, dst=host_mac, type=0x8100)) + b"\x0f",
        bytes(Ether(src=src, dst=host_mac) / Dot1Q(vlan=4095)
              / Dot1Q(vlan=0) / Dot1Q(vlan=1) / IP() / ICMP()),
        bytes(Ether(src=src, dst=SLOW) / Dot1Q(vlan=7, type=0x8809))
        + lacpdu(rng)]
    kinds["random lacpdu"] = [bytes(eth) + lacpdu(rng) for _ in range(64)]
    bad = []
    for _ in range(64):
        pdu = bytearray(lacpdu(rng))
        where = rng.choice([0, 1, 2, 3, 22, 23, 42, 43, 58, 59])
        pdu[where] = rng.randrange(256)
        bad.append(bytes(eth) + bytes(pdu[:rng.randrange(1, 111)]))
    kinds["bad lacpdu"] = bad
    kinds["marker"] = [
        bytes(eth) + bytes([2, 1, rng.choice([1, 2]), 16])
        + rng.randbytes(14) + bytes(92) for _ in range(16)]
    kinds["other slow protocol"] = [bytes(eth) + bytes([3, 1])
                                    + rng.randbytes(60)]
    kinds["own source mac"] = [bytes(Ether(src=bond_mac, dst=host_mac)
                                     / IP() / ICMP()),
                               bytes(Ether(src=bond_mac, dst=SLOW,
                                           type=0x8809)) + lacpdu(rng)]
    kinds["forged arp"] = [
        bytes(Ether(src=src, dst="ff:ff:ff:ff:ff:ff")
              / ARP(op=2, hwsrc=host_mac, psrc="192.0.2.2",
                    hwdst="ff:ff:ff:ff:ff:ff", pdst="192.0.2.1")),
        bytes(Ether(src=src, dst=host_mac)
              / ARP(op=2, hwsrc=bond_mac, psrc="192.0.2.100",
                    pdst="0.0.0.0"))]
    return kinds


def main():
    iface, seconds, bond_mac, host_mac = sys.argv[1:5]
    kinds = frames(bond_mac, host_mac)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    sent = {k: 0 for k in kinds}
    all_frames = [(k, f) for k, fs in kinds.items() for f in fs]
    end = time.time() + float(seconds)
    while time.time() < end:
        for kind, frame in all_frames:
            try:
                s.send(frame)
                sent[kind] += 1
            except OSError:
                pass        # Runts and oversized frames may be refused.
    for kind in kinds:
        print("%s: %d" % (kind, sent[kind]))


if __name__ == "__main__":
    main()
