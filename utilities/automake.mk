EXTRA_DIST += utilities/ovs-bond-build-ovs
