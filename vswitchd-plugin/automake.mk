sbin_PROGRAMS += vswitchd-plugin/ovs-bond-vswitchd
vswitchd_plugin_ovs_bond_vswitchd_SOURCES = \
	vswitchd-plugin/bridge.c \
	vswitchd-plugin/bridge.h \
	vswitchd-plugin/bridge-datapaths.c \
	vswitchd-plugin/bridge-datapaths.h \
	vswitchd-plugin/bridge-lacp.c \
	vswitchd-plugin/bridge-lacp.h \
	vswitchd-plugin/bridge-lldp.c \
	vswitchd-plugin/bridge-lldp.h \
	vswitchd-plugin/bridge-metrics.c \
	vswitchd-plugin/bridge-metrics.h \
	vswitchd-plugin/bridge-mirrors.c \
	vswitchd-plugin/bridge-mirrors.h \
	vswitchd-plugin/bridge-monitors.c \
	vswitchd-plugin/bridge-monitors.h \
	vswitchd-plugin/bridge-qos.c \
	vswitchd-plugin/bridge-qos.h \
	vswitchd-plugin/bridge-sampling.c \
	vswitchd-plugin/bridge-sampling.h \
	vswitchd-plugin/bridge-stp.c \
	vswitchd-plugin/bridge-stp.h \
	vswitchd-plugin/bridge-system-stats.c \
	vswitchd-plugin/bridge-system-stats.h \
	vswitchd-plugin/bridge-tables.c \
	vswitchd-plugin/bridge-tables.h \
	vswitchd-plugin/ovs-bond-vswitchd.c
vswitchd_plugin_ovs_bond_vswitchd_LDADD = lib/libovsbond.la $(OVS_LDADD)
