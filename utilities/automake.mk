EXTRA_DIST += \
	utilities/ovs-bond-build-ovs \
	utilities/ovs-bond-dev \
	utilities/ovs-bond-demo \
	utilities/ovs-bond-bench-choose \
	utilities/ovs-bond-bench-failover \
	utilities/ovs-bond-bench-throughput \
	utilities/ovs-bond-lib.sh
