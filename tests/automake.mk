# The autotest suites.
#
# tests/testsuite runs without privileges on netdev-dummy with time/warp
# ("make check").  tests/system-testsuite needs root: it builds network
# namespaces and veth pairs and runs real traffic through ovs-bond-vswitchd
# and the stock ovs-vswitchd ("make check-system").
#
# Both reuse Open vSwitch's own test macros (tests/ovs-macros.at,
# ovsdb-macros.at, ofproto-macros.at) straight from its source tree.

EXTRA_DIST += \
	$(TESTSUITE_AT) \
	$(SYSTEM_TESTSUITE_AT) \
	tests/ovs-bond-macros.at \
	tests/system-macros.at \
	$(TESTSUITE) \
	$(SYSTEM_TESTSUITE) \
	tests/atlocal.in \
	tests/bond-hash-ref.py \
	tests/hostile-frames.py \
	tests/mcast-join.py \
	tests/random-config.py \
	package.m4

TESTSUITE_AT = \
	tests/testsuite.at \
	tests/bond-config.at \
	tests/bond-hash.at \
	tests/bond-state.at \
	tests/lacp-fsm.at \
	tests/bond-alb.at \
	tests/bond-mcast.at \
	tests/bond-arpmon.at \
	tests/daemon.at \
	tests/netdev-bond.at \
	tests/netdev-bond-pmd.at \
	tests/netdev-bond-tlb-alb.at \
	tests/netdev-bond-lacp.at \
	tests/netdev-bond-arpmon.at \
	tests/import.at \
	tests/random-config.at

SYSTEM_TESTSUITE_AT = \
	tests/system-testsuite.at \
	tests/system-traffic.at \
	tests/system-lacp.at \
	tests/system-arpmon.at \
	tests/system-tlb-alb.at \
	tests/system-restart.at \
	tests/system-ops.at \
	tests/system-pmd.at

TESTSUITE = $(srcdir)/tests/testsuite
SYSTEM_TESTSUITE = $(srcdir)/tests/system-testsuite
DISTCLEANFILES += tests/atconfig tests/atlocal

# Our daemon answers to ovs-vswitchd's name, so that Open vSwitch's test
# macros start it: tests/ comes first in the path.
AUTOTEST_PATH = $(abs_top_builddir)/tests:$(abs_top_builddir)/utilities:$(OVS_BUILDDIR)/utilities:$(OVS_BUILDDIR)/ovsdb

tests/ovs-vswitchd: vswitchd-plugin/ovs-bond-vswitchd$(EXEEXT)
	$(AM_V_GEN)ln -sf ../vswitchd-plugin/ovs-bond-vswitchd$(EXEEXT) $@
CLEANFILES += tests/ovs-vswitchd
ALL_LOCAL += tests/ovs-vswitchd

AUTOTEST = $(AUTOM4TE) --language=autotest
AUTOTEST_INCLUDES = -I '$(srcdir)' -I '$(OVS_SRCDIR)'

$(TESTSUITE): $(srcdir)/package.m4 $(TESTSUITE_AT) tests/ovs-bond-macros.at
	$(AM_V_GEN)$(AUTOTEST) $(AUTOTEST_INCLUDES) -o $@.tmp $@.at
	$(AM_V_at)mv $@.tmp $@

$(SYSTEM_TESTSUITE): $(srcdir)/package.m4 $(SYSTEM_TESTSUITE_AT) tests/ovs-bond-macros.at tests/system-macros.at
	$(AM_V_GEN)$(AUTOTEST) $(AUTOTEST_INCLUDES) -o $@.tmp $@.at
	$(AM_V_at)mv $@.tmp $@

$(srcdir)/package.m4: $(top_srcdir)/configure.ac
	$(AM_V_GEN):;{ \
	  echo '# Signature of the current package.' && \
	  echo 'm4_define([AT_PACKAGE_NAME],      [$(PACKAGE_NAME)])' && \
	  echo 'm4_define([AT_PACKAGE_TARNAME],   [$(PACKAGE_TARNAME)])' && \
	  echo 'm4_define([AT_PACKAGE_VERSION],   [$(PACKAGE_VERSION)])' && \
	  echo 'm4_define([AT_PACKAGE_STRING],    [$(PACKAGE_STRING)])' && \
	  echo 'm4_define([AT_PACKAGE_BUGREPORT], [$(PACKAGE_BUGREPORT)])'; \
	} >'$(srcdir)/package.m4'

check-local: tests/atconfig tests/atlocal $(TESTSUITE) tests/ovs-vswitchd
	set $(SHELL) '$(TESTSUITE)' -C tests AUTOTEST_PATH='$(AUTOTEST_PATH)'; \
	"$$@" $(TESTSUITEFLAGS) || (test X'$(RECHECK)' = Xyes && "$$@" --recheck)

# Needs root: network namespaces, veth pairs, real traffic.
check-system: all tests/atconfig tests/atlocal $(SYSTEM_TESTSUITE)
	@bash -c '. $(abs_top_srcdir)/utilities/ovs-bond-lib.sh && netns_check'
	set $(SHELL) '$(SYSTEM_TESTSUITE)' -C tests AUTOTEST_PATH='$(AUTOTEST_PATH)'; \
	"$$@" -j1 $(TESTSUITEFLAGS) || (test X'$(RECHECK)' = Xyes && "$$@" --recheck)
.PHONY: check-system

# The same suite under valgrind: our daemon and test program run in it,
# logging to tests/valgrind-logs/ (outside the test directories, which
# autotest removes when a test passes).  Fails on any error or definite leak.
VALGRIND = valgrind --log-file=$(abs_top_builddir)/tests/valgrind-logs/valgrind.%p \
	--leak-check=full --errors-for-leak-kinds=definite --error-exitcode=0 \
	--suppressions=$(abs_top_srcdir)/tests/valgrind.supp --num-callers=30
check-valgrind: all tests/atconfig tests/atlocal $(TESTSUITE)
	rm -rf tests/valgrind-logs tests/valgrind-wrappers
	$(MKDIR_P) tests/valgrind-logs tests/valgrind-wrappers
	for p in ovs-bond-test ovs-vswitchd; do \
	  printf '#! /bin/sh\nexec %s "%s" "$$@"\n' "$(VALGRIND)" \
	    "$(abs_top_builddir)/tests/$$p" > tests/valgrind-wrappers/$$p; \
	  chmod +x tests/valgrind-wrappers/$$p; \
	done
	set $(SHELL) '$(TESTSUITE)' -C tests \
	  AUTOTEST_PATH='$(abs_top_builddir)/tests/valgrind-wrappers:$(AUTOTEST_PATH)' \
	  OVS_BOND_RANDOM_N=200; \
	"$$@" $(TESTSUITEFLAGS)
	@n=`ls tests/valgrind-logs | wc -l`; \
	echo "valgrind: $$n processes checked"; \
	test $$n -gt 0 || { echo "valgrind did not run"; exit 1; }; \
	if grep -l 'definitely lost: [1-9]\|ERROR SUMMARY: [1-9]' \
	    tests/valgrind-logs/valgrind.* ; then \
	  echo "valgrind found errors or leaks in the files above"; exit 1; \
	fi
EXTRA_DIST += tests/valgrind.supp tests/lsan.supp


check_PROGRAMS += tests/ovs-bond-test
tests_ovs_bond_test_SOURCES = \
	tests/ovs-bond-test.c \
	tests/ovs-bond-test.h \
	tests/test-bond-bench.c \
	tests/test-bond-config.c \
	tests/test-bond-hash.c \
	tests/test-bond-mcast.c \
	tests/test-bond-state.c \
	tests/test-bond-alb.c \
	tests/test-bond-arpmon.c \
	tests/test-lacp-fsm.c
tests_ovs_bond_test_LDADD = lib/libovsbond.la $(OVS_LDADD)
ALL_LOCAL += tests/ovs-bond-test$(EXEEXT)

clean-local:
	test ! -f '$(TESTSUITE)' || $(SHELL) '$(TESTSUITE)' -C tests --clean
	rm -rf tests/system-testsuite.dir tests/valgrind-logs tests/valgrind-wrappers
	rm -rf rpmbuild tests/fuzz/corpus

# libFuzzer harness for the LACP PDU parser and receive path.  Built with
# clang outside libtool (libFuzzer brings its own main()), against the
# static Open vSwitch library.  "make check-fuzz FUZZ_SECONDS=N" runs it
# for N seconds from the seed corpus and fails on any crash, leak or
# sanitizer report.
FUZZ_CC = clang
FUZZ_SECONDS = 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
EXTRA_DIST += tests/fuzz/fuzz-lacp.c $(wildcard $(srcdir)/tests/fuzz/lacp-seeds/*)
tests/fuzz/fuzz-lacp: tests/fuzz/fuzz-lacp.c lib/lacp-fsm.c lib/lacp-fsm.h \
		lib/lacp-pdu.c lib/lacp-pdu.h
	$(AM_V_GEN)mkdir -p tests/fuzz && \
	$(FUZZ_CC) $(FUZZ_FLAGS) $(DEFS) $(AM_CPPFLAGS) \
		$(srcdir)/tests/fuzz/fuzz-lacp.c $(srcdir)/lib/lacp-fsm.c \
		$(srcdir)/lib/lacp-pdu.c \
		$(OVS_LIBDIR)/.libs/libopenvswitch.a $(OVS_LIBS) -o $@
CLEANFILES += tests/fuzz/fuzz-lacp

check-fuzz: tests/fuzz/fuzz-lacp
	rm -rf tests/fuzz/corpus && mkdir -p tests/fuzz/corpus
	tests/fuzz/fuzz-lacp -max_total_time=$(FUZZ_SECONDS) -max_len=1024 \
		-print_final_stats=1 tests/fuzz/corpus \
		$(srcdir)/tests/fuzz/lacp-seeds
.PHONY: check-fuzz
