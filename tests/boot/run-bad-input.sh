#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# The loader's answers to bad input, in a real QEMU: each case must print
# its message and switch the machine off (QEMU exits by itself, well before
# the timeout), never enter the payload.
#
# usage: run-bad-input.sh <hypstub.bin> <packed good image> <work dir>
set -u
bin=$1 good=$2 work=$3
QEMU=${QEMU:-qemu-system-aarch64}
mkdir -p "$work"
passed=0
failed=0

# case <name> <machine> <image> <expected message>
case_() {
	local name=$1 machine=$2 image=$3 expect=$4 log="$work/$1.log" rc
	# 30 s: a switch-off takes well under a second; a hang shows as 124.
	timeout 30 "$QEMU" -M "$machine" -cpu cortex-a57 -m 256M -nographic \
		-no-reboot -nic none -kernel "$image" >"$log" 2>&1 </dev/null
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

echo "bad-input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
