#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# fetch-debian-arm64.sh <dir>: Debian's arm64 kernel and busybox, the real
# parts the Linux tests boot, fetched from the archive by package name
# (dpkg --add-architecture arm64; apt-get download) and unpacked into <dir>:
#   <dir>/Image     the kernel of linux-image-arm64 (an arm64 Image)
#   <dir>/busybox   busybox-static's static arm64 binary
#   <dir>/VERSION   which packages they came from
# Does nothing when <dir> already holds them.
set -euo pipefail

dir=$1
if [ -s "$dir/Image" ] && [ -s "$dir/busybox" ] && [ -s "$dir/VERSION" ]; then
	exit 0
fi
mkdir -p "$dir/deb"

sudo=
if [ "$(id -u)" -ne 0 ]; then
	sudo=sudo
fi
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	echo "fetch: adding the arm64 architecture to dpkg"
	$sudo dpkg --add-architecture arm64
fi
if [ -z "$(apt-cache policy linux-image-arm64:arm64 2>/dev/null | sed -n 's/ *Candidate: //p' | grep -v none)" ]; then
	echo "fetch: apt-get update for the arm64 package lists"
	$sudo apt-get update -q || echo "fetch: apt-get update reported errors; trying anyway"
fi

# The metapackage names the current kernel package.
kernel_pkg=$(apt-cache depends linux-image-arm64:arm64 |
	sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*-arm64\).*/\1/p' | head -n 1)
if [ -z "$kernel_pkg" ]; then
	echo "fetch: cannot tell which kernel linux-image-arm64:arm64 depends on" >&2
	exit 1
fi
echo "fetch: $kernel_pkg:arm64 and busybox-static:arm64"
(cd "$dir/deb" && apt-get download -q -o APT::Sandbox::User=root \
	"$kernel_pkg:arm64" busybox-static:arm64 >/dev/null)

rm -rf "$dir/root"
for deb in "$dir"/deb/*.deb; do
	dpkg-deb -x "$deb" "$dir/root"
done
cp "$dir"/root/boot/vmlinuz-*-arm64 "$dir/Image"
cp "$dir/root/bin/busybox" "$dir/busybox"
rm -rf "$dir/root"
for deb in "$dir"/deb/*.deb; do
	dpkg-deb -f "$deb" Package Version | paste -sd' '
done >"$dir/VERSION"
cat "$dir/VERSION"
