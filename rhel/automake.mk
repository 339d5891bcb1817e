# RPM packaging.  "make rpm" builds the RPM from "make dist" and the Open
# vSwitch source tarball ($(OVS_TARBALL), Debian's openvswitch-source by
# default), in $(builddir)/rpmbuild.  $(RPMBUILD_OPT) adds rpmbuild options:
# --nodeps by default, since Debian has no Fedora packages to satisfy
# BuildRequires.
EXTRA_DIST += \
	rhel/automake.mk \
	rhel/ovs-bond.spec.in \
	rhel/usr_lib_systemd_system_ovs-bond-vswitchd.service
DISTCLEANFILES += rhel/ovs-bond.spec

OVS_TARBALL = /usr/src/openvswitch/openvswitch.tar.gz
RPMBUILD_OPT = --nodeps

rpm: dist rhel/ovs-bond.spec
	rm -rf rpmbuild
	mkdir -p rpmbuild/SOURCES
	cp $(distdir).tar.gz rpmbuild/SOURCES/
	cp $(OVS_TARBALL) rpmbuild/SOURCES/openvswitch-$(OVSVERSION).tar.gz
	rpmbuild --define "_topdir $(abs_builddir)/rpmbuild" $(RPMBUILD_OPT) \
		-bb rhel/ovs-bond.spec
.PHONY: rpm
