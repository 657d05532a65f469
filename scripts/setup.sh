#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Installs, from Debian's archive by package name, what hypstub's build,
# tests and demonstration need.  Idempotent: packages already installed
# are not fetched again, and nothing is downloaded when all are there.
set -euo pipefail

packages=(
	make gcc libc6-dev python3 python3-kconfiglib   # host build, Kconfiglib
	gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu  # the cross toolchain
	libc6-dev-arm64-cross                             # make bench-workload: a static arm64 program
	gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf  # AArch32 (issue 11)
	libcmocka-dev libfdt-dev                          # host unit tests
	device-tree-compiler                              # bad device trees for tests
	qemu-system-arm                                   # qemu-system-aarch64
	u-boot-qemu                                       # U-Boot for the Linux tests
	dpkg-dev bison flex bc libssl-dev                 # make uboot, make tfa: apt-get source, the builds (TF-A fiptool: libssl-dev)
	libelf1 libssl3                                   # make module: linux-kbuild's libraries
	perl python3-pytest python3-pytest-xdist          # U-Boot's checkpatch.pl and test/py
	python3-filelock python3-pkg-resources
	python3-sphinx                                    # make docs
)

missing=()
for p in "${packages[@]}"; do
	if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	echo "setup: all ${#packages[@]} packages present"
	exit 0
fi

sudo=
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null; then
		echo "setup: need root (or sudo) to install: ${missing[*]}" >&2
		exit 1
	fi
	sudo=sudo
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Third-party lists on a machine may fail to refresh; Debian's must not.
$sudo apt-get update -q || echo "setup: apt-get update reported errors; trying the install anyway"
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
