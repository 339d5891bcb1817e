bin_PROGRAMS += utilities/ovs-bond-import
utilities_ovs_bond_import_SOURCES = utilities/ovs-bond-import.c
utilities_ovs_bond_import_LDADD = lib/libovsbond.la $(OVS_LDADD)

EXTRA_DIST += \
	utilities/ovs-bond-build-ovs \
	utilities/ovs-bond-dev \
	utilities/ovs-bond-sandbox \
	utilities/ovs-bond-soak \
	utilities/ovs-bond-bench-choose \
	utilities/ovs-bond-bench-arpmon \
	utilities/ovs-bond-bench-failover \
	utilities/ovs-bond-bench-lacp \
	utilities/ovs-bond-bench-load \
	utilities/ovs-bond-bench-shares \
	utilities/ovs-bond-bench-throughput \
	utilities/ovs-bond-check-packages \
	utilities/ovs-bond-fresh-check \
	utilities/ovs-bond-lib.sh

# The sandbox is installed; it finds its shell functions in $(pkgdatadir).
sbin_SCRIPTS += utilities/ovs-bond-sandbox
pkgdata_DATA = utilities/ovs-bond-lib.sh
dist_bin_SCRIPTS = utilities/ovs-bond-top utilities/ovs-bond-plot
