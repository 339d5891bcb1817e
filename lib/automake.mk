# libovsbond: everything but main().  The daemon and the unit tests link it.
noinst_LTLIBRARIES += lib/libovsbond.la
lib_libovsbond_la_SOURCES = \
	lib/bond-config.c \
	lib/bond-config.h \
	lib/bond-options.c \
	lib/bond-options.h \
	lib/bond-alb.c \
	lib/bond-alb.h \
	lib/bond-arpmon.c \
	lib/bond-arpmon.h \
	lib/bond-hash.c \
	lib/bond-hash.h \
	lib/bond-mcast.c \
	lib/bond-mcast.h \
	lib/bond-metrics.c \
	lib/bond-metrics.h \
	lib/bond-state.c \
	lib/bond-state.h \
	lib/bond-unixctl.c \
	lib/bond-unixctl.h \
	lib/lacp-fsm.c \
	lib/lacp-fsm.h \
	lib/lacp-pdu.c \
	lib/lacp-pdu.h \
	lib/netdev-bond.c \
	lib/netdev-bond.h \
	lib/netdev-bond-private.h \
	lib/netdev-bond-alb.c \
	lib/netdev-bond-announce.c \
	lib/netdev-bond-arpmon.c \
	lib/netdev-bond-lacp.c \
	lib/netdev-bond-member.c \
	lib/netdev-bond-queues.c \
	lib/netdev-bond-report.c \
	lib/netdev-bond-rx.c \
	lib/netdev-bond-tx.c \
	lib/netdev-bond-tx-thread.c
