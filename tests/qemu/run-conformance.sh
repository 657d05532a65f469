#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# run-conformance.sh <packed image> <cpu> <gic-version> [<expected config>]
#
# <expected config>: what the build under test must report, as the
# guest's diagnostic lines show it: "flags=<GET_CONFIG flags> std_hyp=yes|no".
# The guest adapts its expectations to what the stub says it has; this
# makes sure the stub says what its build really is.
#
# One fresh QEMU boot of the hypstub conformance guest (tests/qemu/guest)
# packed behind the stub: QEMU virt with EL2 and no EL3 firmware (no
# -bios), so the packed image itself is entered at EL2 (in HYP on an
# AArch32 CPU: QEMU=qemu-system-arm, the image a zImage) and QEMU answers
# PSCI on SMC.  Two CPUs: CPU 1 stays off until the guest starts it with
# PSCI CPU_ON through the stub's PSCI proxy.  The console log is kept next
# to the image as conformance-<cpu>-gic<gic>.log.
#
# Exits 0 only if QEMU exited 0, the plan `1..N` was seen, exactly N
# result lines were seen, none of them `not ok`, and the closing line says
# 0 failed.  Ends with one line: conformance[<cpu>,gic<gic>]: P passed, F failed
set -u

if [ $# -ne 3 ] && [ $# -ne 4 ]; then
	echo "usage: $0 <packed image> <cpu> <gic-version> [flags=0xN std_hyp=yes|no]" >&2
	exit 2
fi
image=$1
cpu=$2
gic=$3
expect_config=${4:-}
QEMU=${QEMU:-qemu-system-aarch64}
# The whole suite boots and finishes in well under 5 s on one core; 60 s
# only ever runs out when the stub or the guest hangs.
TIMEOUT=${CONFORMANCE_TIMEOUT:-60}
# FUZZ_CALLS=N [FUZZ_SEED=S]: the guest's fuzz case as well (guest/fuzz.c).
semihosting=enable=on,target=native,arg=conformance
if [ -n "${FUZZ_CALLS:-}" ]; then
	semihosting="$semihosting,arg=fuzz=$FUZZ_CALLS,arg=seed=${FUZZ_SEED:-1}"
fi

if [ ! -r "$image" ]; then
	echo "conformance: no image $image" >&2
	exit 2
fi
log="$(dirname "$image")/conformance-$cpu-gic$gic.log"
label="conformance[$cpu,gic$gic]"

# -nic none: the default NIC wants a ROM file (efi-virtio.rom) the tests
# have no use for and Debian ships in a separate package.
timeout --kill-after=5 "$TIMEOUT" "$QEMU" \
	-M "virt,virtualization=on,gic-version=$gic" -cpu "$cpu" -smp 2 \
	-m 256M -nographic -no-reboot -nic none \
	-semihosting-config "$semihosting" \
	-kernel "$image" </dev/null >"$log" 2>&1
qemu_status=$?

# The guest ends lines with CR LF for a raw terminal.  The loader's own
# "hypstub: " lines are shown too: they say where the stub went.
tap=$(tr -d '\r' <"$log" |
	grep -E '^(1\.\.[0-9]+$|ok [0-9]|not ok [0-9]|# |Bail out!|conformance: |hypstub: )')
printf '%s\n' "$tap"

plan=$(printf '%s\n' "$tap" | sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' | head -n 1)
results=$(printf '%s\n' "$tap" | grep -cE '^(not )?ok [0-9]')
not_ok=$(printf '%s\n' "$tap" | grep -c '^not ok [0-9]')
passed=$((results - not_ok))
closing_failed=$(printf '%s\n' "$tap" |
	sed -n 's/^conformance: [0-9][0-9]* passed, \([0-9][0-9]*\) failed$/\1/p' |
	tail -n 1)

verdict=0
if [ "$qemu_status" -eq 124 ] || [ "$qemu_status" -eq 137 ]; then
	echo "$label: TIMEOUT after ${TIMEOUT}s (QEMU killed); log: $log"
	verdict=1
elif [ "$qemu_status" -ne 0 ]; then
	echo "$label: QEMU exited $qemu_status; log: $log"
	verdict=1
fi
if [ -z "$plan" ]; then
	echo "$label: no plan line (1..N) in the log"
	verdict=1
	plan=0
elif [ "$results" -ne "$plan" ]; then
	echo "$label: planned $plan cases, saw $results result lines"
	verdict=1
fi
if [ "$not_ok" -ne 0 ]; then
	verdict=1
fi
if [ -n "$expect_config" ]; then
	flags=$(printf '%s\n' "$tap" | sed -n 's/^# GET_CONFIG flags \(0x[0-9a-f]*\)$/\1/p')
	std_hyp=yes
	if printf '%s\n' "$tap" | grep -q '^# PROBE: standard hypervisor service not built'; then
		std_hyp=no
	fi
	if [ "flags=$flags std_hyp=$std_hyp" != "$expect_config" ]; then
		echo "$label: the stub reports flags=$flags std_hyp=$std_hyp, the build is $expect_config"
		verdict=1
		not_ok=$((not_ok + 1))
	fi
fi
if [ -z "$closing_failed" ]; then
	echo "$label: no closing line (conformance: P passed, F failed)"
	verdict=1
elif [ "$closing_failed" -ne 0 ]; then
	echo "$label: the guest's closing line says $closing_failed failed"
	verdict=1
fi
if [ "$verdict" -ne 0 ]; then
	# What the stub or QEMU said that is not TAP: panics, stub reports.
	echo "$label: last lines of $log:"
	tr -d '\r' <"$log" | tail -n 15 | sed 's/^/  | /'
fi

# Cases planned but never reported count as failed.
missing=0
if [ "$plan" -gt "$results" ]; then
	missing=$((plan - results))
fi
echo "$label: $passed passed, $((not_ok + missing)) failed"
exit "$verdict"
