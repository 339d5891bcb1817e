# Manual pages.  ovs-bond(7)'s option table comes from the table in
# lib/bond-config.c, through ovs-bond-import --list-options=man, so that
# the manual cannot drift from what the daemon accepts.
man_MANS += \
	doc/ovs-bond.7 \
	doc/ovs-bond-vswitchd.8 \
	doc/ovs-bond-import.8 \
	doc/ovs-bond-sandbox.8 \
	doc/ovs-bond-top.8
EXTRA_DIST += \
	doc/ovs-bond.7.in \
	doc/ovs-bond-vswitchd.8 \
	doc/ovs-bond-import.8 \
	doc/ovs-bond-sandbox.8 \
	doc/ovs-bond-top.8

doc/ovs-bond.7: doc/ovs-bond.7.in utilities/ovs-bond-import$(EXEEXT)
	$(AM_V_GEN)mkdir -p doc && \
	utilities/ovs-bond-import --list-options=man > $@.options && \
	sed -e 's/@VERSION@/$(VERSION)/' \
	    -e '/^@OPTIONS@$$/{r $@.options' -e 'd}' \
	    $(srcdir)/doc/ovs-bond.7.in > $@.tmp && \
	rm -f $@.options && mv $@.tmp $@
CLEANFILES += doc/ovs-bond.7

# Every manual page renders without a warning.
manpage-check: $(man_MANS)
	$(AM_V_GEN)for m in $(man_MANS); do \
	    f=$$m; test -f $$f || f=$(srcdir)/$$m; \
	    out=`LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 groff -man -Tutf8 -ww -z $$f 2>&1`; \
	    if test -n "$$out"; then echo "$$f: $$out"; exit 1; fi; \
	done
ALL_LOCAL += manpage-check
.PHONY: manpage-check
