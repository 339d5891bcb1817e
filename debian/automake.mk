EXTRA_DIST += \
	debian/automake.mk \
	debian/changelog \
	debian/control \
	debian/copyright \
	debian/ovs-bond.ovs-bond-vswitchd.service \
	debian/rules \
	debian/source/format
