#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# build-uboot.sh <work dir> <hypstub tree> <U-Boot defconfig> <fragment>
#                [<U-Boot tree>]
# U-Boot with hypstub inside (make uboot; docs/u-boot.rst):
#   1. the source: the given U-Boot tree, or else Debian's u-boot source
#      package, fetched with `apt-get source u-boot` into <work dir>/debian.
#      When apt has no deb-src entry for Debian's archive, one is added as
#      /etc/apt/sources.list.d/hypstub-deb-src.sources (the deb entry's
#      mirror and suites, Types: deb-src), then apt-get update;
#   2. the patch series uboot/patches/*.patch, applied unless the tree
#      already has it (a tree of your own is patched in place, and said so;
#      the Debian copy, if it has an older series, is unpacked afresh);
#   3. configured in <work dir>/build (out of tree) from the defconfig plus
#      the fragment, again only when they or the series changed;
#   4. built there (u-boot.bin), with HYPSTUB_SRC=<hypstub tree>: U-Boot's
#      build runs hypstub's `make blob` from that tree.
# CROSS_COMPILE (default aarch64-linux-gnu-) and JOBS (default: all CPUs)
# come from the environment; UBOOT_SOURCE_ONLY=1 stops after step 2.  Step 1 is
# scripts/deb-source.sh's, shared with scripts/build-tfa.sh.
set -euo pipefail

if [ $# -lt 4 ] || [ $# -gt 5 ]; then
	echo "usage: $0 <work dir> <hypstub tree> <U-Boot defconfig> <fragment> [<U-Boot tree>]" >&2
	exit 2
fi
work=$(realpath -m "$1") hypstub=$(realpath "$2") defconfig=$3 fragment=$(realpath "$4")
src=${5:-}
cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
jobs=${JOBS:-$(nproc)}
patches=("$hypstub"/uboot/patches/*.patch)
mkdir -p "$work"

. "$(dirname "$0")/deb-source.sh"

# series <dir> [-R]: the series through patch(1), one patch after the
# other (in reverse order with -R, to take it out), since two patches may
# change the same file (MAINTAINERS).
series() {
	local dir=$1 i
	shift
	if [ "${1:-}" = -R ]; then
		for ((i = ${#patches[@]} - 1; i >= 0; i--)); do
			patch -d "$dir" -p1 -s -f -R <"${patches[i]}" ||
				{ echo "uboot: ${patches[i]##*/} is not in $dir" >&2; return 1; }
		done
	else
		for i in "${patches[@]}"; do
			patch -d "$dir" -p1 -s -f <"$i" ||
				{ echo "uboot: ${i##*/} does not apply to $dir" >&2; return 1; }
		done
	fi
}

# series_try <dir> [-R]: series on a scratch copy of the files the series
# touches, so that <dir> is never left half patched (patch's --dry-run
# cannot follow one file through two patches).
series_try() {
	local dir=$1 scratch f ret=0
	scratch=$(mktemp -d)
	while IFS= read -r f; do
		if [ -e "$dir/$f" ]; then
			mkdir -p "$(dirname "$scratch/$f")"
			cp -p "$dir/$f" "$scratch/$f"
		fi
	done < <(sed -n 's|^--- a/||p; s|^+++ b/||p' "${patches[@]}" | sort -u)
	series "$scratch" "${@:2}" || ret=1
	rm -rf "$scratch"
	return $ret
}

# Whether the tree holds exactly this series.
has_series() {
	series_try "$1" -R >/dev/null 2>&1
}

if [ -n "$src" ]; then
	src=$(realpath "$src")
	if [ ! -f "$src/Makefile" ] || [ ! -d "$src/arch/arm/cpu/armv8" ]; then
		echo "uboot: UBOOT_SRC=$src is not a U-Boot tree (no Makefile, arch/arm/cpu/armv8)" >&2
		exit 1
	fi
else
	src=$(deb_source u-boot "$work/debian" uboot)
	# Our own copy, patched with an older series: unpack it afresh.
	if [ -e "$src/arch/arm/cpu/armv8/hypstub/Kconfig" ] && ! has_series "$src"; then
		echo "uboot: uboot/patches changed: unpacking Debian's source again"
		dpkg-source --no-check -q -x "$(ls "$work"/debian/u-boot_*.dsc | head -n 1)" "$src.new" >/dev/null
		rm -rf "$src" && mv "$src.new" "$src"
	fi
fi
echo "uboot: source $src"
# The tree this build is of, for the tests that run its test/py.
printf '%s\n' "$src" >"$work/source"

# The series: already there, or applied now (all or nothing).
if [ -e "$src/arch/arm/cpu/armv8/hypstub/Kconfig" ]; then
	if ! has_series "$src"; then
		echo "uboot: $src has a hypstub integration other than uboot/patches; building it as it is" >&2
	fi
else
	if ! series_try "$src" >"$work/patch.log" 2>&1; then
		cat "$work/patch.log" >&2
		echo "uboot: uboot/patches do not apply to $src; apply them by hand (docs/u-boot.rst)" >&2
		exit 1
	fi
	echo "uboot: applying ${#patches[@]} patches from uboot/patches to $src"
	series "$src"
fi

# make uboot-source: the patched tree is all that is wanted.
if [ -n "${UBOOT_SOURCE_ONLY:-}" ]; then
	exit 0
fi

build=$work/build
stamp=$build/.hypstub-config
want=$(printf '%s\n%s\n' "$src" "$defconfig"; cat "$fragment" "${patches[@]}" | sha256sum)
if [ ! -f "$build/.config" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	echo "uboot: configuring $defconfig + $(basename "$fragment")"
	mkdir -p "$build"
	make -s -C "$src" O="$build" CROSS_COMPILE="$cross" "$defconfig" >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$build" "$build/.config" "$fragment" >/dev/null
	make -s -C "$src" O="$build" CROSS_COMPILE="$cross" olddefconfig >/dev/null
	while IFS= read -r line; do
		case $line in
		CONFIG_*=*) grep -qxF "$line" "$build/.config" ||
			{ echo "uboot: $line did not stay set (a dependency missing?)" >&2; exit 1; } ;;
		esac
	done <"$fragment"
	printf '%s\n' "$want" >"$stamp"
fi

echo "uboot: building in $build (HYPSTUB_SRC=$hypstub)"
make -s -C "$src" O="$build" CROSS_COMPILE="$cross" HYPSTUB_SRC="$hypstub" -j"$jobs" \
	>"$work/build.log" 2>&1 || {
	grep -v 'LOAD segment with RWX' "$work/build.log" | tail -n 30 >&2
	echo "uboot: U-Boot build failed (log: $work/build.log)" >&2
	exit 1
}
echo "uboot: $build/u-boot.bin"
