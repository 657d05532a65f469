#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# run-linux.sh <packed image> <initramfs> <cpu> <gic> <smp> resident|handoff
#
# Boots Debian's arm64 Linux packed behind the stub in a fresh QEMU (virt,
# EL2, no EL3) and asserts, from the kernel's console and from what the
# initramfs's /init reports, what the mode promises.  Ends with one line:
# linux[<mode>,<cpu>,gic<gic>,smp<smp>]: P passed, F failed
set -u
if [ $# -ne 6 ]; then
	echo "usage: $0 <image> <initramfs> <cpu> <gic> <smp> resident|handoff" >&2
	exit 2
fi
image=$1 initrd=$2 cpu=$3 gic=$4 smp=$5 mode=$6
QEMU=${QEMU:-qemu-system-aarch64}
label="linux[$mode,$cpu,gic$gic,smp$smp]"
log="$(dirname "$image")/linux-$mode-$cpu-gic$gic-smp$smp.log"
# A boot to userspace and back takes under 10 s here on -cpu max; 180 s
# only runs out on a hang.
timeout --kill-after=5 "${LINUX_TIMEOUT:-180}" "$QEMU" \
	-M "virt,virtualization=on,gic-version=$gic" -cpu "$cpu" -smp "$smp" \
	-m 1G -nographic -no-reboot -nic none \
	-kernel "$image" -initrd "$initrd" \
	-append "console=ttyAMA0 panic=-1 rdinit=/init" </dev/null >"$log" 2>&1
status=$?
tr -d '\r' <"$log" >"$log.txt"

passed=0
failed=0
check() {	# check <name> <fixed string expected on the console>
	if grep -qF -- "$2" "$log.txt"; then
		echo "ok - $1"
		passed=$((passed + 1))
	else
		echo "not ok - $1: no \"$2\""
		failed=$((failed + 1))
	fi
}
absent() {	# absent <name> <extended regex that must not appear>
	if grep -qE -- "$2" "$log.txt"; then
		echo "not ok - $1: $(grep -E -- "$2" "$log.txt" | head -n 1)"
		failed=$((failed + 1))
	else
		echo "ok - $1"
		passed=$((passed + 1))
	fi
}

if [ "$status" -eq 0 ]; then
	echo "ok - QEMU exited by itself (poweroff)"
	passed=$((passed + 1))
else
	echo "not ok - QEMU exit $status$([ "$status" -ge 124 ] && echo ' (TIMEOUT)')"
	failed=$((failed + 1))
fi
cpus=0
if [ "$smp" -gt 1 ]; then
	cpus="0-$((smp - 1))"
fi
if [ "$mode" = resident ]; then
	check "loader entered Linux at EL1" "at EL1, DTB"
	check "all CPUs at EL1" "CPU: All CPU(s) started at EL1"
	check "KVM sees no EL2" "kvm [1]: HYP mode not available"
	check "no /dev/kvm" "hypstub-linux: /dev/kvm absent"
else
	check "loader handed EL2 over" "at EL2 (hand-off through HVC_SOFT_RESTART)"
	check "all CPUs at EL2" "CPU: All CPU(s) started at EL2"
	if [ "$cpu" = max ]; then
		check "KVM up (VHE)" "kvm [1]: VHE mode initialized successfully"
	else
		check "KVM up (nVHE)" "kvm [1]: Hyp mode initialized successfully"
	fi
	check "/dev/kvm exists" "hypstub-linux: /dev/kvm present"
fi
check "userspace reached" "hypstub-linux: userspace up"
check "every CPU online" "hypstub-linux: cpus online $cpus"
check "kernel not tainted" "hypstub-linux: tainted 0"
absent "no warning, oops or panic" "WARNING:|Oops|Kernel panic|BUG:|inconsistent modes"
check "powered off by PSCI" "hypstub-linux: powering off"

if [ "$failed" -ne 0 ]; then
	echo "$label: console log: $log.txt; its last lines:"
	tail -n 12 "$log.txt" | sed 's/^/  | /'
fi
echo "$label: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
