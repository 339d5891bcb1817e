bin_PROGRAMS += utilities/ovs-bond-import
utilities_ovs_bond_import_SOURCES = utilities/ovs-bond-import.c
utilities_ovs_bond_import_LDADD = lib/libovsbond.la $(OVS_LDADD)

EXTRA_DIST += \
	utilities/ovs-bond-build-ovs \
	utilities/ovs-bond-dev \
	utilities/ovs-bond-sandbox \
	utilities/ovs-bond-soak \
	utilities/bench/ovs-bond-bench-choose \
	utilities/bench/ovs-bond-bench-arpmon \
	utilities/bench/ovs-bond-bench-failover \
	utilities/bench/ovs-bond-bench-lacp \
	utilities/bench/ovs-bond-bench-load \
	utilities/bench/ovs-bond-bench-shares \
	utilities/bench/ovs-bond-bench-throughput \
	utilities/ovs-bond-check-packages \
	utilities/ovs-bond-fresh-check \
	utilities/ovs-bond-lib.sh

# The sandbox is installed; it finds its shell functions in $(pkgdatadir).
sbin_SCRIPTS += utilities/ovs-bond-sandbox
pkgdata_DATA = utilities/ovs-bond-lib.sh
dist_bin_SCRIPTS = utilities/ovs-bond-top utilities/ovs-bond-plot
