#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# build-tfa.sh <work dir> <BL33 name>=<u-boot.bin>...
# Trusted Firmware-A (BL1, BL2, BL31) below U-Boot, for QEMU's virt machine
# with EL3 (make tfa; docs/booting.rst):
#   1. the source: Debian's arm-trusted-firmware source package, fetched
#      with `apt-get source` into <work dir>/debian (scripts/deb-source.sh,
#      as make uboot does); Debian's binary package has no qemu platform;
#   2. for each GIC (v2, v3): PLAT=qemu built in <work dir>/build-gicv<N>,
#      with each BL33 given, into <work dir>/<name>-gicv<N>.bin: bl1.bin at
#      offset 0, fip.bin (BL2, BL31, BL33) at 256 KiB, the flash image for
#      qemu-system-aarch64 -M virt,secure=on,virtualization=on -bios.
# A flash image is made again only when its inputs (the source, the BL33,
# this script) changed.  CROSS_COMPILE (default aarch64-linux-gnu-) and JOBS
# (default: all CPUs) come from the environment.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 <work dir> <name>=<u-boot.bin>..." >&2
	exit 2
fi
work=$(realpath -m "$1")
shift
cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
jobs=${JOBS:-$(nproc)}
mkdir -p "$work"

. "$(dirname "$0")/deb-source.sh"

for bl33 in "$@"; do
	name=${bl33%%=*} bin=${bl33#*=}
	if [ "$name" = "$bl33" ] || [ -z "$name" ]; then
		echo "tfa: $bl33: want <name>=<u-boot.bin>" >&2
		exit 2
	fi
	if [ ! -s "$bin" ]; then
		echo "tfa: BL33 $name: no U-Boot at $bin" >&2
		exit 1
	fi
done

src=$(deb_source arm-trusted-firmware "$work/debian" tfa)
echo "tfa: source $src"
self=$(sha256sum <"$0")

for gic in 2 3; do
	for bl33 in "$@"; do
		name=${bl33%%=*} bin=$(realpath "${bl33#*=}")
		out=$work/$name-gicv$gic.bin
		want=$(printf '%s\n%s\n' "$src" "$self"; sha256sum <"$bin")
		if [ -s "$out" ] && [ "$(cat "$out.inputs" 2>/dev/null)" = "$want" ]; then
			echo "tfa: $out up to date"
			continue
		fi
		build=$work/build-gicv$gic
		gicopt=()
		if [ "$gic" = 3 ]; then
			gicopt=(QEMU_USE_GIC_DRIVER=QEMU_GICV3)
		fi
		# binutils 2.40 warns about RWX segments and TF-A links with
		# --fatal-warnings (Debian's rules pass the same flag).
		echo "tfa: building PLAT=qemu GICv$gic, BL33 $name ($bin)"
		rm -f "$build/qemu/release/fip.bin"
		TF_LDFLAGS=--no-warn-rwx-segments make -C "$src" -j"$jobs" PLAT=qemu \
			CROSS_COMPILE="$cross" BUILD_BASE="$build" BL33="$bin" \
			BUILD_STRING="$(basename "$src")" \
			"${gicopt[@]}" all fip >"$work/build-gicv$gic.log" 2>&1 || {
			tail -n 30 "$work/build-gicv$gic.log" >&2
			echo "tfa: TF-A build failed (log: $work/build-gicv$gic.log)" >&2
			exit 1
		}
		rel=$build/qemu/release
		if [ ! -s "$rel/bl1.bin" ] || [ ! -s "$rel/fip.bin" ]; then
			echo "tfa: the build left no bl1.bin or fip.bin in $rel" >&2
			exit 1
		fi
		dd if="$rel/bl1.bin" of="$out.tmp" bs=4096 conv=notrunc status=none
		dd if="$rel/fip.bin" of="$out.tmp" seek=64 bs=4096 conv=notrunc status=none
		mv "$out.tmp" "$out"
		printf '%s\n' "$want" >"$out.inputs"
		echo "tfa: $out"
	done
done
