#! /usr/bin/python3
# mcast-join.py DEV IPV4-ADDR: joins 239.1.1.1 on IPV4-ADDR and ff15::1234
# on DEV, and stays in both groups until killed.
import signal
import socket
import struct
import sys

dev, addr = sys.argv[1], sys.argv[2]
s4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s4.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
              socket.inet_aton("239.1.1.1") + socket.inet_aton(addr))
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
              socket.inet_pton(socket.AF_INET6, "ff15::1234")
              + struct.pack("@I", socket.if_nametoindex(dev)))
signal.pause()
