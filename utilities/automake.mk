bin_PROGRAMS += utilities/ovs-bond-import
utilities_ovs_bond_import_SOURCES = utilities/ovs-bond-import.c
utilities_ovs_bond_import_LDADD = lib/libovsbond.la $(OVS_LDADD)

EXTRA_DIST += \
	utilities/ovs-bond-build-ovs \
	utilities/ovs-bond-dev \
	utilities/ovs-bond-sandbox \
	utilities/ovs-bond-soak \
	utilities/bench/ovs-bond-bench-aggregate \
	utilities/bench/ovs-bond-bench-choose \
	utilities/bench/ovs-bond-bench-arpmon \
	utilities/bench/ovs-bond-bench-failover \
	utilities/bench/ovs-bond-bench-lacp \
	utilities/bench/ovs-bond-bench-load \
	utilities/bench/ovs-bond-bench-shares \
	utilities/bench/ovs-bond-bench-throughput \
	utilities/ovs-bond-check-ovs \
	utilities/ovs-bond-check-packages \
	utilities/ovs-bond-fresh-check \
	utilities/ovs-bond-lib.sh

# The sandbox is installed; it finds its shell functions in $(pkgdatadir).
sbin_SCRIPTS += utilities/ovs-bond-sandbox
pkgdata_DATA = utilities/ovs-bond-lib.sh
dist_bin_SCRIPTS = utilities/ovs-bond-top utilities/ovs-bond-plot

# Open vSwitch's own test suite, with the stock daemon and with ours: every
# file whose tests start ovs-vswitchd ("make check-ovs", about an hour on
# two cores), or the part that CI runs ("make check-ovs-ci", a few
# minutes).  See utilities/ovs-bond-check-ovs.
check-ovs: all
	$(srcdir)/utilities/ovs-bond-check-ovs $(CHECK_OVS_FLAGS)
check-ovs-ci: all
	$(srcdir)/utilities/ovs-bond-check-ovs --ci $(CHECK_OVS_FLAGS)
.PHONY: check-ovs check-ovs-ci
EXTRA_DIST += \
	tests/ovs-suite/by-design \
	tests/ovs-suite/ci \
	tests/ovs-suite/files \
	tests/ovs-suite/todo
