#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# fetch-debian-arm64.sh <dir> linux|libfdt|headers [arm64|armhf]: Debian's
# packages that hypstub builds with or boots, for one architecture (arm64,
# the default, or armhf for AArch32), fetched from the archive by package
# name (dpkg --add-architecture <arch>; apt-get download) and unpacked into
# <dir>:
#   linux:   <dir>/Image     arm64: the kernel of linux-image-arm64 (an
#                           arm64 Image)
#            <dir>/zImage    armhf: the kernel of linux-image-armmp-lpae (a
#                           zImage, magic 0x016f2818 at 0x24)
#            <dir>/busybox   busybox-static's static binary
#            <dir>/kexec-root/  kexec-tools' /sbin/kexec, the dynamic loader
#                           and every shared library kexec loads, at their
#                           Debian paths (the initramfs copies the tree)
#   libfdt:  <dir>/libfdt/libfdt.a and <dir>/libfdt/include/ (libfdt-dev)
#   headers: <dir>/headers/usr/src/linux-headers-<abi>-{<flavour>,common}:
#            the linux-headers package of the kernel that
#            linux-image-<flavour> names (the one the linux set fetches:
#            -arm64, or -armmp-lpae on armhf), its -common part and
#            linux-kbuild (amd64 tools; Multi-Arch: foreign), unpacked into
#            one tree so that the headers' relative links reach kbuild; for
#            building kernel/ (hypstub.ko) out of tree.  Not installed: the
#            package would pull in gcc-12 of that architecture.
#   and <dir>/<set>.VERSION: which packages they came from.
# Does nothing when <dir> already holds the set.  One directory per
# architecture: the file names of the two sets are the same.
set -euo pipefail

if [ $# -ne 2 ] && [ $# -ne 3 ]; then
	echo "usage: $0 <dir> linux|libfdt|headers [arm64|armhf]" >&2
	exit 2
fi
dir=$1 set=$2 arch=${3:-arm64}
# What differs by architecture: the kernel flavour (its metapackage is
# linux-image-<flavour>), the kernel file's name in <dir>, the multiarch
# triplet of the library paths, and the binutils that read the binaries.
case $arch in
arm64)
	flavour=arm64 kernel_file=Image triplet=aarch64-linux-gnu
	;;
armhf)
	flavour=armmp-lpae kernel_file=zImage triplet=arm-linux-gnueabihf
	;;
*)
	echo "fetch: unknown architecture '$arch' (arm64, armhf)" >&2
	exit 2
	;;
esac
case $set in
linux | libfdt | headers) ;;
*)
	echo "fetch: unknown set '$set' (linux, libfdt, headers)" >&2
	exit 2
	;;
esac
if [ -s "$dir/$set.VERSION" ]; then
	exit 0
fi

sudo=
if [ "$(id -u)" -ne 0 ]; then
	sudo=sudo
fi
if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
	echo "fetch: adding the $arch architecture to dpkg"
	$sudo dpkg --add-architecture "$arch"
fi
if [ -z "$(apt-cache policy "linux-image-$flavour:$arch" 2>/dev/null | sed -n 's/ *Candidate: //p' | grep -v none)" ]; then
	echo "fetch: apt-get update for the $arch package lists"
	$sudo apt-get update -q || echo "fetch: apt-get update reported errors; trying anyway"
fi

# The metapackage names the current kernel package.
current_kernel() {
	apt-cache depends "linux-image-$flavour:$arch" |
		sed -n "s/^ *Depends: \\(linux-image-[0-9][^:]*-$flavour\\).*/\\1/p" | head -n 1
}

case $set in
linux)
	kernel_pkg=$(current_kernel)
	if [ -z "$kernel_pkg" ]; then
		echo "fetch: cannot tell which kernel linux-image-$flavour:$arch depends on" >&2
		exit 1
	fi
	# kexec is dynamically linked: libc6 and zlib1g, and libxenctrl
	# (libxenmisc<ver>), which loads six more Xen libraries; libxentoolcore
	# is what those need besides libc.  The NEEDED walk below fails on any
	# library this list misses.
	xenmisc=$(apt-cache depends "kexec-tools:$arch" |
		sed -n 's/^ *Depends: \(libxenmisc[^:]*\).*/\1/p' | head -n 1)
	packages=("$kernel_pkg:$arch")
	for p in busybox-static kexec-tools libc6 zlib1g ${xenmisc:+"$xenmisc"} \
		libxentoollog1 libxentoolcore1 libxencall1 libxenevtchn1 \
		libxengnttab1 libxenforeignmemory1 libxendevicemodel1; do
		packages+=("$p:$arch")
	done
	;;
libfdt)
	packages=("libfdt-dev:$arch")
	;;
headers)
	# The headers of exactly the kernel the linux set fetches, with the
	# packages they depend on by name (-common, linux-kbuild-<version>).
	kernel_pkg=$(current_kernel)
	if [ -z "$kernel_pkg" ]; then
		echo "fetch: cannot tell which kernel linux-image-$flavour:$arch depends on" >&2
		exit 1
	fi
	headers_pkg=linux-headers-${kernel_pkg#linux-image-}
	# apt-cache lists each dependency, then below it the packages that
	# satisfy it (the arch-all and amd64 ones, without an :$arch).
	deps=$(apt-cache depends "$headers_pkg:$arch" |
		sed -n 's/^ *\(linux-headers-[^:<>]*-common\|linux-kbuild-[^:<>]*\)$/\1/p' |
		sort -u)
	if [ "$(echo "$deps" | wc -w)" -ne 2 ]; then
		echo "fetch: $headers_pkg:$arch does not depend on one -common and one linux-kbuild package: $deps" >&2
		exit 1
	fi
	# shellcheck disable=SC2206
	packages=("$headers_pkg:$arch" $deps)
	;;
esac

echo "fetch: ${packages[*]}"
deb_dir=$dir/deb-$set
rm -rf "$deb_dir" "$dir/root-$set"
mkdir -p "$deb_dir"
(cd "$deb_dir" && apt-get download -q -o APT::Sandbox::User=root \
	"${packages[@]}" >/dev/null)
for deb in "$deb_dir"/*.deb; do
	dpkg-deb -x "$deb" "$dir/root-$set"
done

# copy_with_libraries <root> <binary> <dest>: <binary> (a path inside
# <root>), its ELF interpreter and every shared library it loads, directly
# or through another library (readelf -d NEEDED), copied to the same paths
# under <dest>.  Libraries are looked up where Debian's dynamic loader of
# the architecture looks by default.
copy_with_libraries() {
	local root=$1 bin=$2 dest=$3 readelf=$triplet-readelf
	local todo=("$bin") seen=" " file lib interp found d
	rm -rf "$dest"
	interp=$($readelf -l "$root/$bin" | sed -n 's/.*interpreter: \/\(.*\)\]/\1/p')
	if [ -n "$interp" ]; then	# a symbolic link in libc6: keep it one
		mkdir -p "$dest/$(dirname "$interp")"
		cp -P "$root/$interp" "$dest/$interp"
	fi
	while [ ${#todo[@]} -gt 0 ]; do
		file=${todo[0]}
		todo=("${todo[@]:1}")
		mkdir -p "$dest/$(dirname "$file")"
		cp -L "$root/$file" "$dest/$file"
		for lib in $($readelf -d "$root/$file" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			case $seen in *" $lib "*) continue ;; esac
			seen="$seen$lib "
			found=
			for d in lib/$triplet usr/lib/$triplet lib usr/lib; do
				if [ -e "$root/$d/$lib" ]; then
					found=$d/$lib
					break
				fi
			done
			if [ -z "$found" ]; then
				echo "fetch: $file needs $lib, which no fetched package holds" >&2
				exit 1
			fi
			todo+=("$found")
		done
	done
}

root=$dir/root-$set
case $set in
linux)
	cp "$root"/boot/vmlinuz-*-"$flavour" "$dir/$kernel_file"
	cp "$root/bin/busybox" "$dir/busybox"
	copy_with_libraries "$root" sbin/kexec "$dir/kexec-root"
	;;
libfdt)
	mkdir -p "$dir/libfdt/include"
	cp "$root"/usr/lib/$triplet/libfdt.a "$dir/libfdt/"
	cp "$root"/usr/include/libfdt.h "$root"/usr/include/libfdt_env.h \
		"$root"/usr/include/fdt.h "$dir/libfdt/include/"
	;;
headers)
	rm -rf "$dir/headers"
	mkdir -p "$dir/headers"
	mv "$root/usr" "$dir/headers/"
	;;
esac
rm -rf "$root"
for deb in "$deb_dir"/*.deb; do
	dpkg-deb -f "$deb" Package Version | paste -sd' '
done >"$dir/$set.VERSION"
cat "$dir/$set.VERSION"
