# -*- autoconf -*-
# Copyright (c) 2026 The ovs-bond authors.
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at:
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

dnl OVS_BOND_CHECK_OVS
dnl
dnl Locates the Open vSwitch source tree (--with-ovs-source) and its
dnl configured and built tree (--with-ovs-build), and checks that they hold
dnl Open vSwitch 3.1.x.  Sets OVSDIR, OVSBUILDDIR and OVSVERSION.
AC_DEFUN([OVS_BOND_CHECK_OVS], [
  AC_ARG_WITH([ovs-source],
              [AS_HELP_STRING([--with-ovs-source=DIR],
                              [Open vSwitch 3.1 source directory])])
  AC_ARG_WITH([ovs-build],
              [AS_HELP_STRING([--with-ovs-build=DIR],
                              [Open vSwitch 3.1 build directory (default:
                               the source directory)])])

  AC_MSG_CHECKING([for Open vSwitch source directory])
  if test X"$with_ovs_source" = X || test X"$with_ovs_source" = Xyes; then
    AC_MSG_ERROR([--with-ovs-source=DIR is required (utilities/ovs-bond-build-ovs prints the arguments)])
  fi
  OVSDIR=`cd "$with_ovs_source" 2>/dev/null && pwd`
  if test X"$OVSDIR" = X || test ! -f "$OVSDIR/vswitchd/bridge.c" \
     || test ! -f "$OVSDIR/lib/netdev-provider.h"; then
    AC_MSG_ERROR([$with_ovs_source is not an Open vSwitch source directory])
  fi
  AC_MSG_RESULT([$OVSDIR])

  AC_MSG_CHECKING([for Open vSwitch build directory])
  if test X"$with_ovs_build" = X || test X"$with_ovs_build" = Xyes; then
    with_ovs_build=$OVSDIR
  fi
  OVSBUILDDIR=`cd "$with_ovs_build" 2>/dev/null && pwd`
  if test X"$OVSBUILDDIR" = X || test ! -f "$OVSBUILDDIR/config.h"; then
    AC_MSG_ERROR([$with_ovs_build is not configured as an Open vSwitch build directory (either run configure there or use --with-ovs-build to point to the build directory)])
  fi
  AC_MSG_RESULT([$OVSBUILDDIR])

  AC_MSG_CHECKING([Open vSwitch version])
  OVSVERSION=`sed -n 's/#define PACKAGE_VERSION "\(.*\)"/\1/p' "$OVSBUILDDIR/config.h"`
  AC_MSG_RESULT([$OVSVERSION])
  case $OVSVERSION in
    3.1.*) ;;
    *) AC_MSG_ERROR([Open vSwitch $OVSVERSION found in $OVSBUILDDIR, but ovs-bond needs 3.1.x]) ;;
  esac

  for lib in lib/libopenvswitch.la lib/libsflow.la ofproto/libofproto.la \
             lib/vswitch-idl.h include/odp-netlink.h; do
    if test ! -f "$OVSBUILDDIR/$lib"; then
      AC_MSG_ERROR([$OVSBUILDDIR/$lib is missing: build Open vSwitch first (make)])
    fi
  done

  AC_SUBST([OVSDIR])
  AC_SUBST([OVSBUILDDIR])
  AC_SUBST([OVSVERSION])
])

dnl OVS_BOND_CHECK_OPENSSL
dnl
dnl Open vSwitch's stream-ssl is compiled in when its build found OpenSSL;
dnl our link line must then carry -lssl -lcrypto.
AC_DEFUN([OVS_BOND_CHECK_OPENSSL], [
  AC_MSG_CHECKING([whether Open vSwitch was built with OpenSSL])
  if grep -q '^#define HAVE_OPENSSL 1' "$OVSBUILDDIR/config.h"; then
    HAVE_OPENSSL=yes
  else
    HAVE_OPENSSL=no
  fi
  AC_MSG_RESULT([$HAVE_OPENSSL])
  if test $HAVE_OPENSSL = yes; then
    AC_CHECK_LIB([ssl], [SSL_new], [SSL_LIBS="-lssl -lcrypto"],
                 [AC_MSG_ERROR([Open vSwitch uses OpenSSL but libssl was not found])],
                 [-lcrypto])
  fi
  AC_SUBST([HAVE_OPENSSL])
  AC_SUBST([SSL_LIBS])
])

dnl OVS_BOND_CHECK_LIBS
dnl
dnl The libraries that Open vSwitch's static libraries need, as its
dnl libopenvswitch.pc records them (DPDK's among them in a build with
dnl DPDK), and the compiler flags that its headers need (DPDK's include
dnl directories and rte_config.h, which lib/dp-packet.h includes in a build
dnl with DPDK), as its Makefile records them.  Sets OVS_LIBS, OVS_CFLAGS,
dnl OVS_DPDK and OVS_AFXDP.
AC_DEFUN([OVS_BOND_CHECK_LIBS], [
  AC_MSG_CHECKING([for the libraries Open vSwitch links with])
  OVS_LIBS=`sed -n 's/^Libs.private: *//p' "$OVSBUILDDIR/lib/libopenvswitch.pc"`
  AC_MSG_RESULT([$OVS_LIBS])
  AC_SUBST([OVS_LIBS])

  AC_MSG_CHECKING([for the compiler flags Open vSwitch's headers need])
  OVS_CFLAGS=`sed -n 's/^OVS_CFLAGS = *//p' "$OVSBUILDDIR/Makefile"`
  AC_MSG_RESULT([$OVS_CFLAGS])
  AC_SUBST([OVS_CFLAGS])

  AC_MSG_CHECKING([whether Open vSwitch was built with DPDK])
  if grep -q '^#define DPDK_NETDEV 1' "$OVSBUILDDIR/config.h"; then
    OVS_DPDK=yes
  else
    OVS_DPDK=no
  fi
  AC_MSG_RESULT([$OVS_DPDK])
  AC_SUBST([OVS_DPDK])

  AC_MSG_CHECKING([whether Open vSwitch was built with AF_XDP])
  if grep -q '^#define HAVE_AF_XDP 1' "$OVSBUILDDIR/config.h"; then
    OVS_AFXDP=yes
  else
    OVS_AFXDP=no
  fi
  AC_MSG_RESULT([$OVS_AFXDP])
  AC_SUBST([OVS_AFXDP])
])

dnl OVS_BOND_ENABLE_OPTION([OPTION])
dnl Adds OPTION to WARNING_FLAGS if the C compiler accepts it.
AC_DEFUN([OVS_BOND_ENABLE_OPTION], [
  AC_LANG_PUSH([C])
  AS_VAR_PUSHDEF([ovs_bond_cv], [ovs_bond_cv_option_$1])
  AC_CACHE_CHECK([whether $CC accepts $1], [ovs_bond_cv], [
    ovs_bond_save_CFLAGS=$CFLAGS
    dnl -Wno-foo is accepted silently even when unknown: test -Wfoo.
    CFLAGS="$CFLAGS `echo '$1' | sed 's/^-Wno-/-W/'` -Werror"
    AC_COMPILE_IFELSE([AC_LANG_PROGRAM(,)],
                      [AS_VAR_SET([ovs_bond_cv], [yes])],
                      [AS_VAR_SET([ovs_bond_cv], [no])])
    CFLAGS=$ovs_bond_save_CFLAGS])
  AS_IF([test AS_VAR_GET([ovs_bond_cv]) = yes],
        [WARNING_FLAGS="$WARNING_FLAGS $1"])
  AS_VAR_POPDEF([ovs_bond_cv])
  AC_SUBST([WARNING_FLAGS])
  AC_LANG_POP([C])
])

dnl OVS_BOND_ENABLE_WERROR
dnl -Werror is on unless --disable-werror.
AC_DEFUN([OVS_BOND_ENABLE_WERROR], [
  AC_ARG_ENABLE([werror],
                [AS_HELP_STRING([--disable-werror],
                                [do not treat warnings as errors])],
                [], [enable_werror=yes])
  if test X"$enable_werror" = Xyes; then
    WARNING_FLAGS="$WARNING_FLAGS -Werror"
  fi
])

dnl OVS_BOND_ENABLE_SANITIZERS
dnl --enable-asan builds with AddressSanitizer, --enable-ubsan with
dnl UndefinedBehaviorSanitizer.
AC_DEFUN([OVS_BOND_ENABLE_SANITIZERS], [
  AC_ARG_ENABLE([asan],
                [AS_HELP_STRING([--enable-asan],
                                [build with AddressSanitizer])],
                [], [enable_asan=no])
  AC_ARG_ENABLE([ubsan],
                [AS_HELP_STRING([--enable-ubsan],
                                [build with UndefinedBehaviorSanitizer])],
                [], [enable_ubsan=no])
  SANITIZER_FLAGS=
  if test X"$enable_asan" = Xyes; then
    SANITIZER_FLAGS="$SANITIZER_FLAGS -fsanitize=address -fno-omit-frame-pointer"
  fi
  if test X"$enable_ubsan" = Xyes; then
    SANITIZER_FLAGS="$SANITIZER_FLAGS -fsanitize=undefined -fno-sanitize-recover=undefined"
  fi
  AC_SUBST([SANITIZER_FLAGS])
  AM_CONDITIONAL([ASAN_ENABLED], [test X"$enable_asan" = Xyes])
])
