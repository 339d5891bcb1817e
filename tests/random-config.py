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

"""Random bond configurations for ovs-bond-vswitchd, reproducible by seed.

Usage: random-config.py SEED N OPTIONS

OPTIONS is the output of "ovs-bond-test bond-config options" (one line per
bond option: where it lives, the values it allows, the modes it applies
to).  Prints N transactions, one per line, each the arguments of one
ovs-vsctl call (shell-quoted), over bridge br0: bonds added and removed,
members added, removed and retyped (dummy, and types a bond cannot take:
patch, tunnels, internal, unknown), every option set to a value it allows
or one it does not, and unset.  Lines that start with "traffic " name a
bond and its members instead, for the caller to send frames through.

The generator keeps its own picture of the database, so that every
transaction is one the database accepts: what is random is whether the
switch can use it.
"""

import random
import re
import shlex
import sys

N_IFACES = 12
MAX_BONDS = 4

# Interface types: mostly members a bond can take, some it must refuse.
TYPES = (["dummy"] * 6
         + ["patch", "vxlan", "geneve", "gre", "internal", "nonesuch"])

# Values that no option allows.
JUNK = ["", "-1", "99999999999", "0x10", "frob", "1.5", "on,off", " ",
        "ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00", "192.0.2.300",
        "2001:db8::zz", "%s", "\\", "'"]


def ovsdb_string(s):
    """'s' in the database's string syntax, which ovs-vsctl reads."""
    return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"')


class Option(object):
    def __init__(self, table, column, key, allowed):
        self.table = table          # "Port" or "Interface".
        self.column = column        # "other_config" or a column name.
        self.key = key              # other_config key, or None.
        self.allowed = allowed

    def valid_value(self, rng, members):
        a = self.allowed
        m = re.match(r'(-?\d+)\.\.(\d+)', a)
        if m:
            return str(rng.randint(int(m.group(1)), int(m.group(2))))
        m = re.match(r'an integer >= (\d+)', a)
        if m:
            low = int(m.group(1))
            return str(rng.choice([low, low + 1, low + 100, low + 5000]))
        if a.startswith("an integer"):
            return str(rng.randint(-100, 100))
        if a.startswith("true or false"):
            return rng.choice(["true", "false"])
        if a.startswith("an Ethernet address"):
            return "02:00:00:%02x:%02x:%02x" % (rng.randint(0, 255),
                                                rng.randint(0, 255),
                                                rng.randint(1, 255))
        if a.startswith("a non-empty string"):
            if "target" in (self.key or ""):
                if "ip6" in self.key:
                    return "2001:db8::%x" % rng.randint(1, 9)
                return ",".join("192.0.2.%d" % rng.randint(1, 254)
                                for _ in range(rng.randint(1, 3)))
            return rng.choice(members) if members else "m0"
        # An enumeration, perhaps followed by "or N..M".
        words = re.split(r',\s*|\s+or\s+', a)
        words = [w for w in words if w and ".." not in w]
        return rng.choice(words) if words else "x"

    def column_is_typed(self):
        # Port columns other than other_config have a type in the schema:
        # only values of that type reach the switch.
        return self.column != "other_config"


def parse_options(path):
    options = []
    pattern = re.compile(r'^(Port|Interface) (\S+) \(Linux [^)]*\): '
                         r'(.*?); default')
    with open(path) as f:
        for line in f:
            m = pattern.match(line)
            if not m:
                continue
            table, where, allowed = m.groups()
            if where.startswith("other_config:"):
                options.append(Option(table, "other_config",
                                      where[len("other_config:"):], allowed))
            else:
                options.append(Option(table, where, None, allowed))
    return options


class Generator(object):
    def __init__(self, seed, options):
        self.rng = random.Random(seed)
        self.options = options
        self.free = ["m%d" % i for i in range(N_IFACES)]
        self.bonds = {}             # Name to list of members.
        self.types = {}             # Interface name to type.
        self.next_bond = 0

    def iface_args(self, name):
        t = self.rng.choice(TYPES)
        self.types[name] = t
        args = ["set", "interface", name, "type=%s" % t]
        if t == "patch":
            args.append("options:peer=%s" % self.rng.choice(self.free
                                                            + ["m0"]))
        elif t in ("vxlan", "geneve", "gre"):
            args.append("options:remote_ip=192.0.2.%d"
                        % self.rng.randint(1, 254))
        return args

    def add_bond(self):
        n = self.rng.randint(2, 4)
        if len(self.free) < n or len(self.bonds) >= MAX_BONDS:
            return None
        name = "b%d" % self.next_bond
        self.next_bond += 1
        members = self.rng.sample(self.free, n)
        for m in members:
            self.free.remove(m)
        self.bonds[name] = members
        args = ["add-bond", "br0", name] + members
        for m in members:
            args += ["--"] + self.iface_args(m)
        mode = self.rng.choice(["active-backup", "balance-slb",
                                "balance-tcp"])
        args += ["--", "set", "port", name, "bond_mode=%s" % mode]
        return args

    def del_bond(self, name):
        self.free += self.bonds.pop(name)
        return ["del-port", "br0", name]

    def add_member(self, name):
        if not self.free:
            return None
        m = self.rng.choice(self.free)
        self.free.remove(m)
        self.bonds[name].append(m)
        return (["add-bond-iface", name, m, "--"] + self.iface_args(m))

    def del_member(self, name):
        members = self.bonds[name]
        if len(members) <= 2:
            return None
        m = self.rng.choice(members)
        members.remove(m)
        self.free.append(m)
        return ["del-bond-iface", name, m]

    def set_option(self, name):
        opt = self.rng.choice(self.options)
        members = self.bonds[name]
        row = (name if opt.table == "Port" else self.rng.choice(members))
        if opt.column_is_typed():
            if opt.column in ("bond_updelay", "bond_downdelay"):
                value = str(self.rng.choice([0, 1, 100, 200, 5000]))
            elif opt.column == "bond_active_slave":
                value = ovsdb_string(opt.valid_value(self.rng, members))
            else:
                value = opt.valid_value(self.rng, members)
            return ["set", opt.table.lower(), row,
                    "%s=%s" % (opt.column, value)]
        if self.rng.random() < 0.2:
            return ["remove", opt.table.lower(), row, "other_config",
                    opt.key]
        if self.rng.random() < 0.15:
            value = self.rng.choice(JUNK)
        else:
            value = opt.valid_value(self.rng, members)
        return ["set", opt.table.lower(), row,
                "other_config:%s=%s" % (opt.key, ovsdb_string(value))]

    def retype_member(self, name):
        return self.iface_args(self.rng.choice(self.bonds[name]))

    def transaction(self):
        if not self.bonds or (len(self.bonds) < MAX_BONDS
                              and self.rng.random() < 0.08):
            return self.add_bond()
        name = self.rng.choice(sorted(self.bonds))
        r = self.rng.random()
        if r < 0.03:
            return self.del_bond(name)
        elif r < 0.10:
            return self.add_member(name)
        elif r < 0.17:
            return self.del_member(name)
        elif r < 0.24:
            return self.retype_member(name)
        elif r < 0.30:
            return ["traffic", name] + [m for m in self.bonds[name]
                                        if self.types.get(m) == "dummy"]
        return self.set_option(name)


def main():
    if len(sys.argv) != 4:
        sys.stderr.write("usage: %s SEED N OPTIONS\n" % sys.argv[0])
        sys.exit(1)
    gen = Generator(int(sys.argv[1]), parse_options(sys.argv[3]))
    n = int(sys.argv[2])
    while n > 0:
        args = gen.transaction()
        if args:
            print(" ".join(shlex.quote(a) for a in args))
            n -= 1


if __name__ == "__main__":
    main()
