#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# build.sh <linux dir> <out dir> <hypstub tree> [CROSS_COMPILE]: hypstub.ko
# for the kernel the tests boot, built out of tree by Kbuild against
# Debian's linux-headers (scripts/fetch-debian-arm64.sh <linux dir> linux
# and headers).  <out dir> gets links to kernel/'s sources (Linux 6.1's
# Kbuild writes its objects next to the sources) and the objects, and
# <out dir>/hypstub.ko.  Refuses, before it builds, when the headers are
# not those of exactly that kernel: a module with another vermagic would
# only fail later, at insmod.
set -euo pipefail

if [ $# -lt 3 ]; then
	echo "usage: $0 <linux dir> <out dir> <hypstub tree> [CROSS_COMPILE]" >&2
	exit 2
fi
linux=$1 out=$2 tree=$(cd "$3" && pwd) cross=${4:-aarch64-linux-gnu-}

# field <VERSION file> <package prefix> <field>: the package's name or version.
field() {
	awk -v p="$2" -v f="$3" '$2 ~ "^" p { print (f == "name" ? $2 : $4); exit }' "$1"
}
kernel_pkg=$(field "$linux/linux.VERSION" linux-image- name)
kernel_ver=$(field "$linux/linux.VERSION" linux-image- version)
headers_pkg=$(field "$linux/headers.VERSION" 'linux-headers-.*-arm64$' name)
headers_ver=$(field "$linux/headers.VERSION" 'linux-headers-.*-arm64$' version)
abi=${kernel_pkg#linux-image-}
hdr=$linux/headers/usr/src/linux-headers-${headers_pkg#linux-headers-}
common=${hdr%-arm64}-common

# What the kernel says it is: "Linux version <release> ... Debian <version>".
banner=$(strings "$linux/Image" | grep -m 1 '^Linux version ' || true)
release=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$hdr/include/generated/utsrelease.h" 2>/dev/null || true)
problem=
if [ -z "$kernel_pkg" ] || [ -z "$headers_pkg" ]; then
	problem="missing package lists ($linux/linux.VERSION, $linux/headers.VERSION)"
elif [ "$headers_pkg" != "linux-headers-$abi" ] || [ "$headers_ver" != "$kernel_ver" ]; then
	problem="the headers are $headers_pkg $headers_ver, the kernel is $kernel_pkg $kernel_ver"
elif [ -z "$release" ] || [ -z "$banner" ]; then
	problem="cannot read the release of the headers ($hdr) or of the kernel ($linux/Image)"
else
	case $banner in
	"Linux version $release "*"Debian $kernel_ver "*) ;;
	*) problem="the headers are for $release (Debian $headers_ver), the kernel says: $banner" ;;
	esac
fi
if [ -n "$problem" ]; then
	echo "module: the headers do not match the kernel the tests boot: $problem" >&2
	echo "module: remove $linux and make module again to fetch a matching pair" >&2
	exit 1
fi

mkdir -p "$out"
for f in "$tree"/kernel/Kbuild "$tree"/kernel/*.c "$tree"/kernel/*.S "$tree"/kernel/*.h; do
	ln -sf "$f" "$out/"
done
# The -arm64 Makefile includes the -common one by an absolute /usr/src
# path, which is not where the headers are unpacked: name it with -f.
make -C "$hdr" -f "$(cd "$common" && pwd)/Makefile" M="$(cd "$out" && pwd)" \
	ARCH=arm64 CROSS_COMPILE="$cross" HYPSTUB_ROOT="$tree" modules
echo "module: $out/hypstub.ko for $release (Debian $kernel_ver)"
