#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# The loader's answers to bad input, in a real QEMU: each case must print
# its message and switch the machine off (QEMU exits by itself, well before
# the timeout), never enter the payload.
#
# Then the stub's own answer to an unexpected exception at EL2, and to an
# exception from EL1 after a borrower gave EL2 back with HCR_EL2 and
# SCTLR_EL2 changed: a diagnostic and a parked CPU (the test stops QEMU
# once it has parked).
#
# The device-tree cases boot tests/boot/launch.S, which enters the image
# (loaded with -device loader) with x0 = a hand-made bad device tree.
#
# usage: run-bad-input.sh <hypstub.bin> <packed good image> <packed fault image>
#                         <launcher> <work dir> <packed borrow-fault image>
set -u
bin=$1 good=$2 fault=$3 launcher=$4 work=$5 borrow=$6
QEMU=${QEMU:-qemu-system-aarch64}
mkdir -p "$work"
passed=0
failed=0

# case <name> <machine> <image> <expected message> [QEMU arguments...]
case_() {
	local name=$1 machine=$2 image=$3 expect=$4 log="$work/$1.log" rc
	shift 4
	# 30 s: a switch-off takes well under a second; a hang shows as 124.
	timeout 30 "$QEMU" -M "$machine" -cpu cortex-a57 -m 256M -nographic \
		-no-reboot -nic none -kernel "$image" "$@" >"$log" 2>&1 </dev/null
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "not ok - $name: QEMU exit $rc$([ "$rc" -eq 124 ] && echo ' (TIMEOUT: hang)')"
		failed=$((failed + 1))
	elif ! grep -qF "$expect" "$log"; then
		echo "not ok - $name: no \"$expect\" on the console"
		failed=$((failed + 1))
	elif grep -qF "hypstub: entering the payload at" "$log"; then
		echo "not ok - $name: the payload was entered"
		failed=$((failed + 1))
	elif ! grep -qF "not entering the payload; switching off" "$log"; then
		echo "not ok - $name: no switch-off message"
		failed=$((failed + 1))
	else
		echo "ok - $name: $(grep -F "$expect" "$log" | head -1 | tr -d '\r')"
		passed=$((passed + 1))
	fi
}

# Byte-patched copies of a good image: the packer refuses such payloads,
# so only a corrupted or hand-made image can bring them to the loader.
patch_() {
	cp "$good" "$2"
	printf "$3" | dd of="$2" bs=1 seek=$(($1)) conv=notrunc status=none
}
payload=0x200000
patch_ "$payload + 56" "$work/bad-magic.Image" 'XXXX'
patch_ "$payload + 24" "$work/big-endian.Image" '\001'
patch_ "$payload + 8" "$work/bad-text-offset.Image" '\001'

case_ entered-at-el1 virt "$good" "hypstub: entered at EL1"
case_ no-payload virt,virtualization=on "$bin" "no payload in this image"
case_ bad-magic virt,virtualization=on "$work/bad-magic.Image" "no arm64 Image magic"
case_ big-endian virt,virtualization=on "$work/big-endian.Image" "big-endian kernel"
case_ bad-text-offset virt,virtualization=on "$work/bad-text-offset.Image" "text_offset is not a page multiple"
# An info block whose payload would lie on the stub; a payload bigger than memory.
patch_ "64 + 8" "$work/payload-on-stub.Image" '\000\010\000'
patch_ "$payload + 16" "$work/too-big.Image" '\000\000\000\100'
case_ payload-on-stub virt,virtualization=on "$work/payload-on-stub.Image" "payload starts inside the stub and loader"
case_ too-little-memory virt,virtualization=on "$work/too-big.Image" "too little memory for the payload"
case_ unknown-mode virt,virtualization=on "$good" "unknown boot mode" -append "hypstub.mode=sideways"

# Device trees: QEMU's own as the good one, and bad ones made from it.
dtb_at=0x4c000000 image_at=0x50000000
"$QEMU" -M virt,virtualization=on,dumpdtb="$work/qemu.dtb" -cpu cortex-a57 -m 1G \
	-nographic -nic none >/dev/null 2>&1 </dev/null
bin_size=$(stat -c %s "$bin")
buffer=$((0x200000 - (bin_size + 7) / 8 * 8))
if ! python3 "$(dirname "$0")/make-bad-dtbs.py" "$work/qemu.dtb" "$buffer" "$work"; then
	echo "not ok - device trees: cannot make the bad ones"
	failed=$((failed + 1))
fi
cp "$launcher" "$work/launch.bin"
python3 - "$work/launch.bin" "$dtb_at" "$image_at" <<'PY'
import struct, sys
path, dtb, image = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0)
blob = bytearray(open(path, "rb").read())
blob[0x58:0x68] = struct.pack("<QQ", dtb, image)
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
# The same launch with the good tree must enter the payload: the cases
# above fail because of their trees, not because of the launch.
log="$work/dtb-good.log"
timeout 30 "$QEMU" -M virt,virtualization=on -cpu cortex-a57 -m 1G -nographic -no-reboot \
	-nic none -kernel "$work/launch.bin" \
	-device loader,file="$good",addr=$image_at,force-raw=on \
	-device loader,file="$work/qemu.dtb",addr=$dtb_at,force-raw=on >"$log" 2>&1 </dev/null
if grep -qF "hypstub: entering the payload at" "$log" &&
   grep -qF "DTB 0x00000000500" "$log"; then
	echo "ok - dtb-good: $(grep -F "hypstub: entering" "$log" | tr -d '\r')"
	passed=$((passed + 1))
else
	echo "not ok - dtb-good: the payload was not entered with a fixed-up tree"
	failed=$((failed + 1))
fi

# The fault payload prints the address of its udf (16 hex digits), then soft-restarts
# into it; the stub must report sync_el2h with that ELR and park.
# run_until_parked <image> <log> [<cpu>]: QEMU until the stub parks (or exits).
run_until_parked() {
	local pid i
	"$QEMU" -M virt,virtualization=on -cpu "${3:-cortex-a57}" -m 256M -nographic \
		-no-reboot -nic none -kernel "$1" >"$2" 2>&1 </dev/null &
	pid=$!
	for i in $(seq 1 100); do	# up to 20 s; it takes well under one
		grep -q "hypstub: CPU parked" "$2" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

fault_case() {
	local log="$work/unexpected-el2.log" address
	run_until_parked "$fault" "$log"
	address=0x$(grep -o '^[0-9a-f]\{16\}' "$log" | head -1)
	if ! grep -q "hypstub: CPU parked" "$log"; then
		echo "not ok - unexpected-el2: no park message"
		failed=$((failed + 1))
	elif ! grep -q "hypstub: unexpected sync_el2h exception on CPU 0x" "$log"; then
		echo "not ok - unexpected-el2: vector not named sync_el2h"
		failed=$((failed + 1))
	elif [ "$address" = 0x ] ||
	     ! grep -q "ESR_EL2=0x0000000002000000 ELR_EL2=$address FAR_EL2=0x[0-9a-f]\{16\} SPSR_EL2=0x[0-9a-f]\{16\}" "$log"; then
		echo "not ok - unexpected-el2: ESR/ELR line wrong (expected ELR $address)"
		failed=$((failed + 1))
	else
		echo "ok - unexpected-el2: $(grep 'ESR_EL2=' "$log" | tr -d '\r')"
		passed=$((passed + 1))
	fi
}
fault_case

# The borrower leaves HCR_EL2.TWI and SCTLR_EL2.SA set: a WFI at EL1 traps to
# the stub (ESR_EL2 EC 0x01, CV, COND 0xe), whose report names both, as they
# are and as the stub sets them on that CPU: with pointer authentication
# (max) HCR_EL2 has APK and API as well.
borrow_case() {
	local cpu=$1 hcr=$2 log="$work/given-back-changed-$1.log" line
	run_until_parked "$borrow" "$log" "$cpu"
	line="hypstub: HCR_EL2=0x$(printf '%016x' $((hcr | 1 << 13))) SCTLR_EL2=0x0000000030c50838, the stub's 0x$(printf '%016x' "$hcr") 0x0000000030c50830: EL2 was given back changed"
	if ! grep -q "hypstub: CPU parked" "$log"; then
		echo "not ok - given-back-changed-$cpu: no park message"
		failed=$((failed + 1))
	elif ! grep -q "hypstub: unexpected sync_el1_64 exception on CPU 0x" "$log" ||
	     ! grep -q "hypstub: ESR_EL2=0x0000000007e00000 " "$log"; then
		echo "not ok - given-back-changed-$cpu: not reported as the WFI trapped from EL1"
		failed=$((failed + 1))
	elif ! grep -qF "$line" "$log"; then
		echo "not ok - given-back-changed-$cpu: no line \"$line\""
		failed=$((failed + 1))
	else
		echo "ok - given-back-changed-$cpu: $(grep -F 'given back changed' "$log" | tr -d '\r')"
		passed=$((passed + 1))
	fi
}
borrow_case cortex-a57 0x80000000
borrow_case max 0x30080000000

echo "bad-input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
