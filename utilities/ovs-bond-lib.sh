# shellcheck shell=bash disable=SC2154 # prefix and dir: set by the sourcing script
# ovs-bond-lib.sh: the namespace, veth and switch helpers of ovs-bond's
# sandbox, benchmarks and soak, and of its system tests
# (tests/system-macros.at).  Source it, then set:
#
#     prefix      namespace name prefix, e.g. "ovsbond-demo"
#     dir         run directory for the switches' databases, logs, sockets
#     ovs_schema  (optional) the Open_vSwitch schema for new databases
#     lib_on_exit (optional) a function that takes a shell command to run
#                 on exit: the system tests pass Open vSwitch's on_exit,
#                 because autotest runs their commands in subshells that
#                 cannot add to this file's lists for teardown
#
# Namespaces are "$prefix-NAME".  Traffic only flows between the veth ends
# of these namespaces (192.0.2.0/24, 2001:db8::/64, no default route).

lib_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
stock_vswitchd=/usr/sbin/ovs-vswitchd
ovs_schema=${ovs_schema:-/usr/share/openvswitch/vswitch.ovsschema}

# The ovs-bond-vswitchd to run: $OVS_BOND_VSWITCHD, the build tree's, or the
# installed one.
if test -z "$OVS_BOND_VSWITCHD"; then
    if test -x "$lib_here/../vswitchd-plugin/ovs-bond-vswitchd"; then
        OVS_BOND_VSWITCHD=$lib_here/../vswitchd-plugin/ovs-bond-vswitchd
    else
        OVS_BOND_VSWITCHD=$(command -v ovs-bond-vswitchd || true)
    fi
fi

lib_namespaces=
lib_switches=
lib_pidfiles=
lib_on_exit=${lib_on_exit:-}

# lib_cleanup COMMAND: what teardown does for a namespace or switch, given
# to $lib_on_exit too if there is one.
lib_cleanup() {
    if test -n "$lib_on_exit"; then
        "$lib_on_exit" "$1"
    fi
}

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

# netns_check: fails at once, saying what is wrong and how to fix it, when
# "ip netns exec" cannot work here (a chroot whose / is not a mount point,
# a container without the right to mount or to make namespaces).
netns_check() {
    local probe=ovsbond-probe-$$ err
    if ! err=$(ip netns add "$probe" 2>&1); then
        die "cannot create a network namespace: $err
(run as root, in a privileged container if in one)"
    fi
    if ! err=$(ip netns exec "$probe" true 2>&1); then
        ip netns del "$probe" 2>/dev/null
        die "\"ip netns exec\" does not work here: $err
In a chroot, make its root a mount point and give it /proc, /sys and /run:
    mount --bind ROOT ROOT; mount -t proc proc ROOT/proc;
    mount -t sysfs sysfs ROOT/sys; mount -t tmpfs tmpfs ROOT/run
(utilities/ovs-bond-fresh-check does this); in a container, run it
privileged."
    fi
    ip netns del "$probe"
}

# check_root_and_tools: fails unless this can run.
check_root_and_tools() {
    test "$(id -u)" = 0 || die "must run as root (network namespaces)"
    netns_check
    test -x "$OVS_BOND_VSWITCHD" \
        || die "ovs-bond-vswitchd not found (build it first)"
    test -x "$stock_vswitchd" \
        || die "$stock_vswitchd not found (apt-get install openvswitch-switch)"
}

# nsx NS COMMAND...: runs COMMAND in namespace NS.
nsx() {
    local ns=$1; shift
    ip netns exec "$prefix-$ns" "$@"
}

# dev_stat NS DEV COUNTER: prints DEV's COUNTER (tx_packets, rx_bytes...)
# in namespace NS, from the kernel.
dev_stat() {
    nsx "$1" cat "/sys/class/net/$2/statistics/$3"
}

# on SWITCH COMMAND...: runs an OVS utility against switch SWITCH.
on() {
    local sw=$1; shift
    OVS_RUNDIR=$dir/$sw OVS_LOGDIR=$dir/$sw OVS_DBDIR=$dir/$sw \
        OVS_SYSCONFDIR=$dir/$sw "$@"
}

# ns_add NS...: creates namespaces (refusing ones that already exist).
ns_add() {
    local ns
    for ns; do
        if ip netns list | grep -qw "$prefix-$ns"; then
            die "namespace $prefix-$ns already exists: a previous run is still up (remove it with: ip netns del $prefix-$ns)"
        fi
        ip netns add "$prefix-$ns" || return 1
        lib_namespaces="$lib_namespaces $ns"
        lib_cleanup "ip netns del $prefix-$ns"
        nsx "$ns" ip link set lo up
    done
}

# veth NS1 DEV1 NS2 DEV2 [notx]: a veth pair, both ends up; with "notx",
# transmit checksum offload off on both ends (needed for TCP through the
# userspace datapath without userspace TSO).
veth() {
    ip link add "ovb$$a" type veth peer name "ovb$$b" || return 1
    ip link set "ovb$$a" netns "$prefix-$1" name "$2" || return 1
    ip link set "ovb$$b" netns "$prefix-$3" name "$4" || return 1
    nsx "$1" ip link set "$2" up
    nsx "$3" ip link set "$4" up
    if test "$5" = notx; then
        nsx "$1" ethtool -K "$2" tx off >/dev/null 2>&1
        nsx "$3" ethtool -K "$4" tx off >/dev/null 2>&1
    fi
}

# host_addr NS DEV ADDR: gives DEV in NS the address ADDR (192.0.2.X/24)
# and 2001:db8::X/64.
host_addr() {
    local last=${3##*.}
    last=${last%%/*}
    nsx "$1" ip addr add "$3" dev "$2"
    nsx "$1" ip -6 addr add "2001:db8::$last/64" dev "$2" nodad
}

# start_ovsdb NAME: ovsdb-server for switch NAME, on its database.
start_ovsdb() {
    local d=$dir/$1
    on "$1" ovsdb-server --detach --no-chdir --pidfile --log-file \
        --remote="punix:$d/db.sock" "$d/conf.db" 2>>"$d/start.err"
}

# start_daemon NAME NS DAEMON [ARG...]: DAEMON (an ovs-vswitchd) for switch
# NAME, in namespace NS.
start_daemon() {
    local sw=$1 ns=$2 daemon=$3; shift 3
    on "$sw" nsx "$ns" "$daemon" --detach --no-chdir --pidfile --log-file \
        --disable-system-route "$@" 2>>"$dir/$sw/start.err"
}

# start_switch NAME NS DAEMON [KEY=VALUE...] [-- ARG...]: a new database,
# its ovsdb-server, and DAEMON in namespace NS, with run directory
# $dir/NAME; KEY=VALUE go to Open_vSwitch other_config before the daemon
# starts, ARG to the daemon.  What fails is in $dir/NAME/start.err.
start_switch() {
    local sw=$1 ns=$2 daemon=$3; shift 3
    mkdir -p "$dir/$sw"
    ovsdb-tool create "$dir/$sw/conf.db" "$ovs_schema" \
        2>>"$dir/$sw/start.err" || return 1
    start_ovsdb "$sw" || return 1
    lib_switches="$lib_switches $sw"
    lib_cleanup "kill \$(cat $dir/$sw/ovsdb-server.pid)"
    on "$sw" ovs-vsctl --no-wait init || return 1
    while test $# -gt 0 && test "$1" != --; do
        on "$sw" ovs-vsctl --no-wait set open_vswitch . "other_config:$1" \
            || return 1
        shift
    done
    test "$1" != -- || shift
    start_daemon "$sw" "$ns" "$daemon" "$@" || return 1
    lib_cleanup "kill \$(cat $dir/$sw/ovs-vswitchd.pid)"
}

# lib_pidfile FILE: teardown kills the process whose pid FILE holds.
lib_pidfile() {
    case " $lib_pidfiles " in
        *" $1 "*) return ;;
    esac
    lib_pidfiles="$lib_pidfiles $1"
    lib_cleanup "kill \$(cat $1 2>/dev/null) 2>/dev/null"
}

# stop_switch NAME: stops switch NAME's daemons gracefully.
stop_switch() {
    on "$1" ovs-appctl -t ovs-vswitchd exit
    on "$1" ovs-appctl -t ovsdb-server exit
}

# start_stock_switch NAME NS: the stock ovs-vswitchd, with its defaults, as
# the far-end switch.
start_stock_switch() {
    start_switch "$1" "$2" "$stock_vswitchd"
}

# far_end_ports MODE LACP-RATE PORT...: prints the ovs-vsctl arguments that
# put PORTs on the far-end switch's br0 as a bond in MODE needs them: plain
# ports for the modes that need no switch support (active-backup,
# balance-tlb, balance-alb, balance-slb); Open vSwitch's LACP bond
# (balance-tcp, lacp=active, at LACP-RATE: slow or fast) for 802.3ad; a
# static bond (balance-slb, all members active) for the others.
far_end_ports() {
    local mode=$1 rate=$2 p; shift 2
    case $mode in
        active-backup|balance-tlb|balance-alb|balance-slb)
            for p; do
                echo "-- add-port br0 $p"
            done ;;
        802.3ad)
            echo "-- add-bond br0 swbond $* bond_mode=balance-tcp lacp=active -- set port swbond other_config:lacp-time=$rate" ;;
        *)
            echo "-- add-bond br0 swbond $* bond_mode=balance-slb -- set port swbond other_config:all-members-active=true" ;;
    esac
}

# shaped_link NS1 DEV1 NS2 DEV2 WIRE N MBIT: a link of MBIT Mbit/s each way
# from DEV1 in NS1 to DEV2 in NS2, through namespace WIRE, where no switch
# manages the devices (Open vSwitch removes the root qdisc of a port
# without QoS): veths DEV1--aN and bN--DEV2, a token bucket on the egress
# of aN and of bN, and tc's mirred redirecting all that arrives on one to
# the other, LACPDUs included.  Transmit checksum offload is off on every
# end, for TCP through the userspace datapath.  The bucket queues 64 kB,
# less than a packet socket's send buffer: a frame that does not fit is
# dropped there, alone, as a switch port's buffer would, instead of making
# the sending switch's socket refuse (EAGAIN) and drop the rest of a batch
# of up to 32 frames, which cost TCP a quarter of the links' capacity.
shaped_link() {
    local wire=$5 n=$6 rate=$7 from to
    veth "$1" "$2" "$wire" "a$n" notx || return 1
    veth "$wire" "b$n" "$3" "$4" notx || return 1
    for from in a b; do
        to=b; test $from = a || to=a
        nsx "$wire" tc qdisc add dev "$from$n" handle ffff: ingress \
            && nsx "$wire" tc filter add dev "$from$n" parent ffff: \
                   protocol all u32 match u32 0 0 \
                   action mirred egress redirect dev "$to$n" \
            && nsx "$wire" tc qdisc add dev "$from$n" root tbf \
                   rate "${rate}mbit" burst 32kb limit 64kb \
            || return 1
    done
}

# teardown: stops every switch and removes every namespace made so far.
teardown() {
    local sw ns d
    # Processes started in the namespaces (lib_pidfile), such as an iperf3
    # server whose client never came.
    for d in $lib_pidfiles; do
        if test -f "$d"; then
            kill "$(cat "$d")" 2>/dev/null || true
            rm -f "$d"
        fi
    done
    lib_pidfiles=
    for sw in $lib_switches; do
        for d in ovs-vswitchd ovsdb-server; do
            if test -f "$dir/$sw/$d.pid"; then
                kill "$(cat "$dir/$sw/$d.pid")" 2>/dev/null || true
            fi
        done
    done
    for ns in $lib_namespaces; do
        ip netns del "$prefix-$ns" 2>/dev/null || true
    done
    lib_switches=
    lib_namespaces=
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.1 s until it succeeds,
# for at most SECONDS however long COMMAND itself takes.
wait_for() {
    local end=$(($(date +%s) + $1)); shift
    while ! "$@" >/dev/null 2>&1; do
        test "$(date +%s)" -lt $end || return 1
        sleep 0.1
    done
}

# iperf3_bps SERVER-NS CLIENT-NS ADDR SECONDS [ARG...]: prints the receiver's
# bits per second of a TCP test.
iperf3_bps() {
    local server=$1 client=$2 addr=$3 secs=$4; shift 4
    lib_pidfile "$dir/iperf3.pid"
    nsx "$server" iperf3 -s -1 -D -I "$dir/iperf3.pid" >/dev/null 2>&1
    sleep 0.5
    nsx "$client" timeout $((secs + 30)) iperf3 -c "$addr" -t "$secs" -J "$@" > "$dir/iperf3.json" \
        || { kill "$(cat "$dir/iperf3.pid" 2>/dev/null)" 2>/dev/null; echo 0; return; }
    python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1]))["end"]["sum_received"]["bits_per_second"]))' "$dir/iperf3.json"
}

# active_member SWITCH: prints the active member of bond0 on SWITCH, from
# Open vSwitch's bond/show format.
active_member() {
    on "$1" ovs-appctl bond/show bond0 \
        | awk '/^member/ { m = $2; sub(":", "", m) } /active member$/ { print m }'
}

# ping_lost FILE: prints the replies lost according to ping's summary in
# FILE.
ping_lost() {
    sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' \
        "$1" | awk '{ print $1 - $2 }'
}

# now_ms: prints the time in milliseconds.
now_ms() {
    echo $(($(date +%s%N) / 1000000))
}
