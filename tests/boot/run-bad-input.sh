#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# The loader's answers to bad input, in a real QEMU, for either
# architecture: each case must print its message and switch the machine
# off (QEMU exits by itself, well before the timeout), never enter the
# payload.
#
# Then the stub's own answer to an unexpected exception at EL2 (HYP mode on
# arm): a diagnostic and a parked CPU (the test stops QEMU once it has
# parked); on arm64 also to an exception from EL1 after a borrower gave EL2
# back with HCR_EL2 and SCTLR_EL2 changed.
#
# The device-tree cases boot a launcher (tests/boot/launch.S, or
# tests/boot/arm/launch.S), which enters the image (loaded with -device
# loader) with a hand-made bad device tree (x0 on arm64, r2 on arm).
#
# One runner, one list of cases per architecture (cases_arm64, cases_arm,
# at the end): what is checked, and how, is the same on both.
#
# usage: run-bad-input.sh arm64 <work dir> <hypstub.bin> <packed good image>
#                         <packed fault image> <launcher> <packed borrow-fault image>
#        run-bad-input.sh arm <work dir> <hypstub.bin> <packed good image>
#                         <packed fault image> <launcher>
set -u
usage() {	# the lines above from "# usage:"
	sed -n '/^# usage:/,/^[^#]/s/^# //p' "$0" >&2
	exit 2
}
[ $# -ge 6 ] || usage
arch=$1 work=$2 bin=$3 good=$4 fault=$5 launcher=$6 borrow=${7:-}
case $arch in
arm64)
	[ $# -eq 7 ] || usage
	QEMU=${QEMU:-qemu-system-aarch64}
	cpu=cortex-a57
	;;
arm)
	[ $# -eq 6 ] || usage
	QEMU=${QEMU:-qemu-system-arm}
	cpu=cortex-a15
	;;
*)
	usage
	;;
esac
mkdir -p "$work"
passed=0
failed=0

pass() {	# pass <name> <evidence line>
	echo "ok - $1: $2"
	passed=$((passed + 1))
}
fail() {	# fail <name> <why>
	echo "not ok - $1: $2"
	failed=$((failed + 1))
}

# case_ <name> <machine> <image> <expected message> [QEMU arguments...]
# The expected message may be several lines: each must be on the console.
case_() {
	local name=$1 machine=$2 image=$3 expect=$4 log="$work/$1.log" rc
	local line missing=
	shift 4
	# 30 s: a switch-off takes well under a second; a hang shows as 124.
	timeout 30 "$QEMU" -M "$machine" -cpu "$cpu" -m 256M -nographic \
		-no-reboot -nic none -kernel "$image" "$@" >"$log" 2>&1 </dev/null
	rc=$?
	while IFS= read -r line; do
		grep -qF "$line" "$log" || missing=$line
	done <<<"$expect"
	if [ "$rc" -ne 0 ]; then
		fail "$name" "QEMU exit $rc$([ "$rc" -eq 124 ] && echo ' (TIMEOUT: hang)')"
	elif [ -n "$missing" ]; then
		fail "$name" "no \"$missing\" on the console"
	elif grep -qF "hypstub: entering the payload at" "$log"; then
		fail "$name" "the payload was entered"
	elif ! grep -qF "not entering the payload; switching off" "$log"; then
		fail "$name" "no switch-off message"
	else
		pass "$name" "$(grep -F "${expect%%$'\n'*}" "$log" | head -1 | tr -d '\r')"
	fi
}

# Byte-patched copies of a good image: the packer refuses such payloads,
# so only a corrupted or hand-made image can bring them to the loader.
# patch_ <from> <offset> <to> <bytes (printf format)>
patch_() {
	cp "$1" "$3"
	printf "$4" | dd of="$3" bs=1 seek=$(($2)) conv=notrunc status=none
}
# read32 <file> <offset>: the little-endian word there, in decimal.
read32() {
	od -An -tu4 -j $(($2)) -N4 "$1" | tr -d ' '
}
payload=0x200000	# HYPSTUB_PAYLOAD_OFFSET, on both architectures
info=64			# HYPSTUB_INFO_OFFSET: magic, payload offset, payload size

# run_until <pattern> <log> <QEMU arguments...>: QEMU until <pattern> is on
# its console (or it exits), then stopped: for runs that end parked, or in
# a payload that would go on.
run_until() {
	local pattern=$1 log=$2 pid i
	shift 2
	"$QEMU" -nographic -no-reboot -nic none "$@" >"$log" 2>&1 </dev/null &
	pid=$!
	for i in $(seq 1 100); do	# up to 20 s; it takes well under one
		grep -q "$pattern" "$log" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}
# run_until_parked <image> <log> [<cpu>]: the stub's report runs.
run_until_parked() {
	run_until "hypstub: CPU parked" "$2" -M virt,virtualization=on \
		-cpu "${3:-$cpu}" -m 256M -kernel "$1"
}

# Device trees: QEMU's own as the good one, and bad ones made from it
# (tests/boot/make-bad-dtbs.py), each given to the image by the launcher.
# dtb_cases <launcher's parameter offset> <struct format of its two words>
dtb_cases() {
	local params_at=$1 format=$2 dtb_at=0x4c000000 image_at=0x50000000
	local bin_size buffer log
	"$QEMU" -M virt,virtualization=on,dumpdtb="$work/qemu.dtb" -cpu "$cpu" -m 1G \
		-nographic -nic none >/dev/null 2>&1 </dev/null
	# The loader fixes the tree up between its end (hypstub.bin's, 8-aligned)
	# and the payload: no-room.dtb is made just too big for that.
	bin_size=$(stat -c %s "$bin")
	buffer=$((payload - (bin_size + 7) / 8 * 8))
	if ! python3 "$(dirname "$0")/make-bad-dtbs.py" "$work/qemu.dtb" "$buffer" "$work"; then
		fail "device trees" "cannot make the bad ones"
	fi
	cp "$launcher" "$work/launch.bin"
	python3 - "$work/launch.bin" "$params_at" "$format" "$dtb_at" "$image_at" <<'PY'
import struct, sys
path, at, fmt = sys.argv[1], int(sys.argv[2], 0), sys.argv[3]
dtb, image = int(sys.argv[4], 0), int(sys.argv[5], 0)
blob = bytearray(open(path, "rb").read())
blob[at:at + struct.calcsize(fmt)] = struct.pack(fmt, dtb, image)
open(path, "wb").write(blob)
PY
	launch_() {	# launch_ <name> <dtb> <expected message>
		case_ "$1" virt,virtualization=on "$work/launch.bin" "$3" -m 1G \
			-device loader,file="$good",addr=$image_at,force-raw=on \
			-device loader,file="$2",addr=$dtb_at,force-raw=on
	}
	launch_ dtb-bad-magic "$work/bad-magic.dtb" "device tree: check: FDT_ERR_BADMAGIC"
	launch_ dtb-bad-struct "$work/bad-struct.dtb" "device tree: check: FDT_ERR_BADSTRUCTURE"
	launch_ dtb-too-big "$work/too-big.dtb" "device tree: check: FDT_ERR_TRUNCATED"
	launch_ dtb-no-room "$work/no-room.dtb" "device tree: open with room: FDT_ERR_NOSPACE"
	# The same launch with the good tree must enter the payload, with the
	# tree fixed up in the image (at 0x500...): the cases above fail because
	# of their trees, not because of the launch.  Stopped there: what the
	# payload does next is other suites' business.
	log="$work/dtb-good.log"
	run_until "hypstub: entering the payload at" "$log" -M virt,virtualization=on \
		-cpu "$cpu" -m 1G -kernel "$work/launch.bin" \
		-device loader,file="$good",addr=$image_at,force-raw=on \
		-device loader,file="$work/qemu.dtb",addr=$dtb_at,force-raw=on
	if grep -qF "hypstub: entering the payload at" "$log" &&
	   grep -qF "DTB 0x00000000500" "$log"; then
		pass dtb-good "$(grep -F "hypstub: entering" "$log" | tr -d '\r')"
	else
		fail dtb-good "the payload was not entered with a fixed-up tree"
	fi
}

# fault_case <name> <vector> <report line (grep pattern, with @ELR@ for the
# address the payload printed)>: the fault payload prints the address of
# its undefined instruction (16 hex digits), then soft-restarts into it at
# EL2 (in HYP mode on arm); the stub must report the exception on <vector>
# with that address as the return address, and park.
fault_case() {
	local name=$1 vector=$2 line log="$work/$1.log" address
	run_until_parked "$fault" "$log"
	address=0x$(grep -o '^[0-9a-f]\{16\}' "$log" | head -1)
	line=${3//@ELR@/$address}
	if ! grep -q "hypstub: CPU parked" "$log"; then
		fail "$name" "no park message"
	elif ! grep -q "hypstub: unexpected ${vector} exception on CPU 0x" "$log"; then
		fail "$name" "vector not named $vector"
	elif [ "$address" = 0x ] || ! grep -q "$line" "$log"; then
		fail "$name" "report line wrong (expected ELR $address: \"$line\")"
	else
		pass "$name" "$(grep "$line" "$log" | tr -d '\r')"
	fi
}

# ---------------------------------------------------------------- arm64
cases_arm64() {
	patch_ "$good" "$payload + 56" "$work/bad-magic.Image" 'XXXX'
	patch_ "$good" "$payload + 24" "$work/big-endian.Image" '\001'
	patch_ "$good" "$payload + 8" "$work/bad-text-offset.Image" '\001'

	case_ entered-at-el1 virt "$good" "hypstub: entered at EL1"
	case_ no-payload virt,virtualization=on "$bin" "no payload in this image"
	case_ bad-magic virt,virtualization=on "$work/bad-magic.Image" "no arm64 Image magic"
	case_ big-endian virt,virtualization=on "$work/big-endian.Image" "big-endian kernel"
	case_ bad-text-offset virt,virtualization=on "$work/bad-text-offset.Image" "text_offset is not a page multiple"
	# An info block whose payload would lie on the stub; a payload bigger than memory.
	patch_ "$good" "$info + 8" "$work/payload-on-stub.Image" '\000\010\000'
	patch_ "$good" "$payload + 16" "$work/too-big.Image" '\000\000\000\100'
	case_ payload-on-stub virt,virtualization=on "$work/payload-on-stub.Image" "payload starts inside the stub and loader"
	case_ too-little-memory virt,virtualization=on "$work/too-big.Image" "too little memory for the payload"
	case_ unknown-mode virt,virtualization=on "$good" "unknown boot mode" -append "hypstub.mode=sideways"

	# tests/boot/launch.S: x0 and the image's address, two quads at 0x58.
	dtb_cases 0x58 "<QQ"

	# sync_el2h: the udf at EL2 (ESR_EL2 EC 0x00, IL).
	fault_case unexpected-el2 sync_el2h \
		"ESR_EL2=0x0000000002000000 ELR_EL2=@ELR@ FAR_EL2=0x[0-9a-f]\{16\} SPSR_EL2=0x[0-9a-f]\{16\}"

	borrow_case cortex-a57 0x80000000
	borrow_case max 0x30080000000
}

# The borrower leaves HCR_EL2.TWI and SCTLR_EL2.SA set: a WFI at EL1 traps to
# the stub (ESR_EL2 EC 0x01, CV, COND 0xe), whose report names both, as they
# are and as the stub sets them on that CPU: with pointer authentication
# (max) HCR_EL2 has APK and API as well.
borrow_case() {
	local cpu=$1 hcr=$2 log="$work/given-back-changed-$1.log" line
	run_until_parked "$borrow" "$log" "$cpu"
	line="hypstub: HCR_EL2=0x$(printf '%016x' $((hcr | 1 << 13))) SCTLR_EL2=0x0000000030c50838, the stub's 0x$(printf '%016x' "$hcr") 0x0000000030c50830: EL2 was given back changed"
	if ! grep -q "hypstub: CPU parked" "$log"; then
		fail "given-back-changed-$cpu" "no park message"
	elif ! grep -q "hypstub: unexpected sync_el1_64 exception on CPU 0x" "$log" ||
	     ! grep -q "hypstub: ESR_EL2=0x0000000007e00000 " "$log"; then
		fail "given-back-changed-$cpu" "not reported as the WFI trapped from EL1"
	elif ! grep -qF "$line" "$log"; then
		fail "given-back-changed-$cpu" "no line \"$line\""
	else
		pass "given-back-changed-$cpu" "$(grep -F 'given back changed' "$log" | tr -d '\r')"
	fi
}

# ---------------------------------------------------------------- arm
# AArch32 (issue 11): the image is a zImage that QEMU -kernel loads at
# 0x40010000 and enters in HYP mode (virtualization=on), else in SVC; the
# payload a zImage (boot/arm/payload.c has every refusal message).
cases_arm() {
	local vhyp=virt,virtualization=on size table size_at
	# Entered in SVC (no virtualization=on: no HYP; QEMU answers HVC as
	# its PSCI conduit): no hypstub's UID answers the loader's probe, so
	# it can neither install a stub nor use one, and must not boot the
	# payload without one.
	case_ entered-in-svc virt "$good" \
		"hypstub: entered in SVC mode, and no hypstub answers below
the stub can only be installed from HYP mode"
	# The bare stub image (make's hypstub.bin): an info block, no payload.
	case_ no-payload "$vhyp" "$bin" "no payload in this image"

	# The payload's zImage header (0x24 magic, 0x28 start, 0x2c end, 0x30
	# endianness), one word broken in each: not a zImage; a big-endian one
	# (0x04030201 stored big-endian); one linked to a fixed address, which
	# cannot run where the image put it; an end field 4 bytes past the
	# payload the info block gives, which would run off it.
	size=$(($(read32 "$good" "$info + 16") + 4))
	patch_ "$good" "$payload + 0x24" "$work/bad-magic.zImage" 'XXXX'
	patch_ "$good" "$payload + 0x30" "$work/big-endian.zImage" '\004\003\002\001'
	patch_ "$good" "$payload + 0x28" "$work/fixed-start.zImage" '\000\200\000\000'
	patch_ "$good" "$payload + 0x2c" "$work/end-past-payload.zImage" \
		"$(printf '\\%03o' $((size & 255)) $((size >> 8 & 255)) \
			$((size >> 16 & 255)) $((size >> 24)))"
	case_ bad-magic "$vhyp" "$work/bad-magic.zImage" \
		"payload has no zImage magic (0x016f2818 at offset 0x24)"
	case_ big-endian "$vhyp" "$work/big-endian.zImage" \
		"payload is a big-endian kernel"
	case_ fixed-start "$vhyp" "$work/fixed-start.zImage" \
		"payload is a zImage linked to a fixed address (start is not 0)"
	case_ end-past-payload "$vhyp" "$work/end-past-payload.zImage" \
		"payload's zImage end field is past the payload"

	# An info block whose payload would start at 0x800: inside the stub
	# and loader, before the room where the device tree is fixed up.
	patch_ "$good" "$info + 8" "$work/payload-on-stub.zImage" '\000\010\000'
	case_ payload-on-stub "$vhyp" "$work/payload-on-stub.zImage" \
		"payload starts inside the stub and loader"

	# Too little memory where the kernel decompresses: the fault payload's
	# KLSZ table (tests/boot/arm/fault.S; the conformance guest has none)
	# with a kernel of 256 MiB, which from RAM base + TEXT_OFFSET 0x8000
	# ends past the 256 MiB -m gives.  The loader must read the table (the
	# size word it points at, TEXT_OFFSET), say where the kernel would go,
	# and refuse before the decompressor could write past memory.
	table=$(read32 "$fault" "$payload + 0x38")
	size_at=$(read32 "$fault" "$payload + $table + 8")
	patch_ "$fault" "$payload + $size_at" "$work/too-big.zImage" '\000\000\000\020'
	case_ too-little-memory "$vhyp" "$work/too-big.zImage" \
		"the kernel decompresses to 0x0000000040008000..0x0000000050008000, outside memory
too little memory for the payload"

	# A boot mode that is neither resident nor handoff, from bootargs.
	case_ unknown-mode "$vhyp" "$good" "unknown boot mode" \
		-append "hypstub.mode=sideways"

	# tests/boot/arm/launch.S: r2 and the image's address, two words at 0x8.
	dtb_cases 0x8 "<II"

	# undef_hyp: the udf taken from HYP on the HYP undef vector (0x04).
	# HSR EC 0x00 (unknown reason), ISS 0; IL is UNK/SBZP on ARMv7 for
	# that EC (QEMU clears it on cortex-a15), so either.  ELR_hyp = the
	# udf itself.  SPSR_hyp's mode HYP (0x1a): the udf ran in HYP, where
	# HYPSTUB_SOFT_RESTART32 entered it.
	fault_case unexpected-hyp undef_hyp \
		"HSR=0x00000000\(00\|02\)000000 ELR_hyp=@ELR@ HDFAR=0x[0-9a-f]\{16\} \
SPSR_hyp=0x00000000[0-9a-f]\{6\}[13579bdf]a\($\|[^0-9a-f]\)"
}

"cases_$arch"
echo "bad-input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
