#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# build.sh <linux dir> <out dir> <hypstub tree> [arm64|arm [CROSS_COMPILE]]:
# hypstub.ko for the kernel the tests boot (arm64: Debian's
# linux-image-arm64, <linux dir>/Image; arm: linux-image-armmp-lpae,
# <linux dir>/zImage), built out of tree by Kbuild against Debian's
# linux-headers (scripts/fetch-debian-arm64.sh <linux dir> linux and
# headers, with armhf for arm).  <out dir> gets links to kernel/'s sources
# (Linux 6.1's Kbuild writes its objects next to the sources) and the
# objects, and <out dir>/hypstub.ko.  Refuses, before it builds, when the
# headers are not those of exactly that kernel: a module with another
# vermagic would only fail later, at insmod.
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 <linux dir> <out dir> <hypstub tree> [arm64|arm [CROSS_COMPILE]]" >&2
	exit 2
fi
linux=$1 out=$2 tree=$(cd "$3" && pwd) arch=${4:-arm64}
# The kernel flavour (linux-image-<flavour>, linux-headers-<abi>), where
# the fetch script put the kernel, the compiler, and the make target.
case $arch in
arm64) flavour=arm64 kernel=$linux/Image cross=${5:-aarch64-linux-gnu-} target=module ;;
arm) flavour=armmp-lpae kernel=$linux/zImage cross=${5:-arm-linux-gnueabihf-} target=module-arm ;;
*)
	echo "module: unknown architecture '$arch' (arm64, arm)" >&2
	exit 2
	;;
esac

# field <VERSION file> <package prefix> <field>: the package's name or version.
field() {
	awk -v p="$2" -v f="$3" '$2 ~ "^" p { print (f == "name" ? $2 : $4); exit }' "$1"
}
kernel_pkg=$(field "$linux/linux.VERSION" linux-image- name)
kernel_ver=$(field "$linux/linux.VERSION" linux-image- version)
headers_pkg=$(field "$linux/headers.VERSION" "linux-headers-.*-$flavour\$" name)
headers_ver=$(field "$linux/headers.VERSION" "linux-headers-.*-$flavour\$" version)
abi=${kernel_pkg#linux-image-}
hdr=$linux/headers/usr/src/linux-headers-${headers_pkg#linux-headers-}
common=${hdr%-"$flavour"}-common

# What the kernel says it is: "Linux version <release> ... Debian <version>".
# An arm64 Image holds it as it is; a zImage (Debian's armhf kernels are
# XZ-compressed) inside the xz stream, whose magic may also occur earlier
# by chance: the first stream that unpacks to a banner.
banner() {
	local off
	if [ "$arch" = arm64 ]; then
		strings "$kernel" | grep -m 1 '^Linux version ' || true
		return
	fi
	LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$kernel" | cut -d: -f1 | while read -r off; do
		tail -c +$((off + 1)) "$kernel" | xz -dc --single-stream 2>/dev/null |
			strings | grep -m 1 '^Linux version ' && break
	done
	return 0
}
banner=$(banner)
release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$hdr/include/generated/utsrelease.h" 2>/dev/null || true)
problem=
if [ -z "$kernel_pkg" ] || [ -z "$headers_pkg" ]; then
	problem="missing package lists ($linux/linux.VERSION, $linux/headers.VERSION)"
elif [ "$headers_pkg" != "linux-headers-$abi" ] || [ "$headers_ver" != "$kernel_ver" ]; then
	problem="the headers are $headers_pkg $headers_ver, the kernel is $kernel_pkg $kernel_ver"
elif [ -z "$release" ] || [ -z "$banner" ]; then
	problem="cannot read the release of the headers ($hdr) or of the kernel ($kernel)"
else
	case $banner in
	"Linux version $release "*"Debian $kernel_ver "*) ;;
	*) problem="the headers are for $release (Debian $headers_ver), the kernel says: $banner" ;;
	esac
fi
if [ -n "$problem" ]; then
	echo "module: the headers do not match the kernel the tests boot: $problem" >&2
	echo "module: remove $linux and make $target again to fetch a matching pair" >&2
	exit 1
fi

# kernel/'s shared sources and its <arch>/ directory (Kbuild's SRCARCH).
mkdir -p "$out/$arch"
for f in "$tree"/kernel/Kbuild "$tree"/kernel/*.c "$tree"/kernel/*.h; do
	ln -sf "$f" "$out/"
done
for f in "$tree/kernel/$arch"/*; do
	ln -sf "$f" "$out/$arch/"
done
# The -<flavour> Makefile includes the -common one by an absolute /usr/src
# path, which is not where the headers are unpacked: name it with -f.
make -C "$hdr" -f "$(cd "$common" && pwd)/Makefile" M="$(cd "$out" && pwd)" \
	ARCH="$arch" CROSS_COMPILE="$cross" HYPSTUB_ROOT="$tree" modules
echo "module: $out/hypstub.ko for $release (Debian $kernel_ver)"
