#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make bench: the stub's resident footprint and guest instructions per call.

Footprint comes from the linked ELF (symbols the linker script defines) and
from GCC's call graph with stack usage (-fcallgraph-info=su).  Instructions
come from tests/bench/bench.S (arm64) or tests/bench/arm/bench.S (AArch32)
run under QEMU with -icount shift=0, where the guest's PMU cycle counter
advances once per guest instruction at EL1 and EL2 alike (on AArch32 with
PMCCFILTR.NSH set, so that HYP counts too).  A guest that counts with a
timer instead prints its frequency first ("bench freq"): then its counts
are scaled to nanoseconds, one instruction each.
"""
import argparse
import glob
import re
import subprocess
import sys

CODE_TARGET = 4096
PERCPU_TARGET = 512
OVERHEAD_TARGET = 40
# The reservation for a 4-CPU machine, and the machine sizes printed.
REGION_TARGET_4 = 8192
REGION_CPUS = [4, 32, 128]
# A slot's MPIDR and the proxy's two entry pairs, below its stack (stub/cpu.c).
SLOT_HEAD = 40
CALLS_MEASURED = ["smccc_version", "vendor_uid", "set_vectors", "unknown_id"]
# Everything that runs on a CPU's stub stack, from its entry points.
EL2_ROOTS = ["stub_handle_lower_sync", "stub_report_unexpected", "stub_prepare_cpu"]
# The queries a kernel makes of its hypervisor are held tighter (issue 9).
CALL_TARGETS = {"smccc_version": 32, "vendor_uid": 32}


def symbols(nm, elf):
    out = subprocess.run([nm, elf], check=True, capture_output=True, text=True).stdout
    table = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            table[parts[2]] = int(parts[0], 16)
    return table


def call_graph(ci_dir):
    """({function: static stack bytes}, {function: {callees}}) from .ci files."""
    frames, calls = {}, {}
    node = re.compile(r'node: \{ title: "([^"]+)" label: "[^"]*?\\n(\d+) bytes \(static\)')
    edge = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
    for path in glob.glob(ci_dir + "/**/*.ci", recursive=True):
        text = open(path).read()
        for name, size in node.findall(text):
            frames[name] = max(frames.get(name, 0), int(size))
        for src, dst in edge.findall(text):
            calls.setdefault(src, set()).add(dst)
    return frames, calls


def deepest(name, frames, calls, seen=()):
    if name in seen:
        raise SystemExit("bench: recursion through %s at EL2" % name)
    below = [deepest(c, frames, calls, seen + (name,)) for c in calls.get(name, ())]
    return frames.get(name, 0) + max(below, default=0)


def run_guest(qemu, image, cpu, timeout):
    """{loop name: guest instructions} of one bench guest run."""
    cmd = [qemu, "-M", "virt,virtualization=on", "-cpu", cpu, "-m", "256M",
           "-nographic", "-no-reboot", "-nic", "none", "-icount", "shift=0",
           "-semihosting-config", "enable=on,target=native", "-kernel", image]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    totals = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"bench (\w+) ([0-9a-f]{16})\s*$", line.strip())
        if m:
            totals[m.group(1)] = int(m.group(2), 16)
    if proc.returncode != 0 or "bench done" not in proc.stdout:
        raise SystemExit("bench: guest on %s failed (exit %d):\n%s" %
                         (cpu, proc.returncode, proc.stdout))
    # A timer count (AArch32): nanoseconds, so instructions, per tick.
    freq = totals.pop("freq", None)
    if freq is not None:
        totals = {k: v * 1e9 / freq for k, v in totals.items()}
    return totals


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", required=True)
    ap.add_argument("--nm", default="aarch64-linux-gnu-nm")
    ap.add_argument("--ci-dir", required=True)
    ap.add_argument("--frame", type=int, required=True)
    ap.add_argument("--slot", type=int, required=True, help="STUB_PERCPU_SIZE")
    ap.add_argument("--max-cpus", type=int, required=True, help="CONFIG_HYPSTUB_MAX_CPUS")
    ap.add_argument("--image", required=True)
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--calls", type=int, default=10000)
    ap.add_argument("--cpus", default="cortex-a57,max")
    args = ap.parse_args()

    sym = symbols(args.nm, args.elf)
    code = sym["stub_code_end"] - sym["stub_code_start"]
    # The CPU table: a 16-byte head, then one slot a CPU for the ceiling.
    table = sym["stub_cpus_limit"] - sym["stub_cpus_start"]
    percpu, max_cpus = args.slot, args.max_cpus
    if table != 16 + max_cpus * percpu:
        raise SystemExit("bench: the CPU table is %d bytes, not 16 + %d slots of %d"
                         % (table, max_cpus, percpu))

    def region(cpus):
        """What a 4 KiB-page kernel reserves for @cpus CPUs (boot/loader.c)."""
        end = sym["stub_cpus_start"] - sym["stub_code_start"] + 16 + cpus * percpu
        return (end + 4095) // 4096 * 4096
    frames, calls = call_graph(args.ci_dir)
    stack = max(deepest(r, frames, calls) for r in EL2_ROOTS)

    missed = []

    def verdict(ok, what="a budget", by=None):
        """met, or MISSED (by how much), noted for the summary line."""
        if ok:
            return "met"
        missed.append(what + (" by " + by if by else ""))
        return "MISSED" + (" by " + by if by else "")

    print("hypstub footprint (from %s)" % args.elf)
    print("  %-44s %6d bytes  target <= %d: %s" % (
        "stub code + rodata, vector table included", code, CODE_TARGET,
        verdict(code <= CODE_TARGET, "code + rodata",
                "%d bytes" % (code - CODE_TARGET))))
    print("  %-44s %6d bytes  target <= %d: %s" % (
        "per-CPU slot (stack; HVC frame at its top)", percpu, PERCPU_TARGET,
        verdict(percpu <= PERCPU_TARGET)))
    print("  %-44s %6d bytes  (fits the slot: %s)" % (
        "  deepest EL2 use: frame + C stack (of 472)", args.frame + stack,
        "yes" if args.frame + stack <= percpu - SLOT_HEAD else "NO"))
    for cpus in REGION_CPUS:
        print("  %-44s %6d bytes  (%d KiB, 4 KiB pages)%s" % (
            "resident region to reserve, %d CPUs" % cpus, region(cpus), region(cpus) // 1024,
            "  target <= %d: %s" % (REGION_TARGET_4, verdict(region(cpus) <= REGION_TARGET_4))
            if cpus == 4 else ""))
    print("  %-44s %6d CPUs  (image room %d KiB, none of it reserved)" % (
        "ceiling (CONFIG_HYPSTUB_MAX_CPUS)", max_cpus, table // 1024))
    print()
    print("guest instructions per call, %d calls each, QEMU -icount shift=0" % args.calls)
    print("  (the call's hvc, everything at EL2, its eret; loop overhead removed)")
    for cpu in args.cpus.split(","):
        totals = run_guest(args.qemu, args.image, cpu, timeout=120)
        # To a tenth: a timer count is exact only to its tick over the loop.
        per = {k: round((v - totals["empty"]) / args.calls, 1) for k, v in totals.items()}
        bare = per["bare"]
        print("  -cpu %s: bare hvc-to-eret round trip %.1f" % (cpu, bare))
        for name in CALLS_MEASURED:
            over = per[name] - bare
            target = CALL_TARGETS.get(name, OVERHEAD_TARGET)
            print("    %-16s %6.1f  (+%.1f over bare; target +%d: %s)" % (
                name, per[name], over, target,
                verdict(over <= target, "%s on %s" % (name, cpu),
                        "%g instructions" % (over - target))))
        # The PSCI proxy's cost: the same firmware call through the stub
        # and with SMC straight from an EL2 handler (cbz, smc, eret).  The
        # firmware here is QEMU's PSCI, which runs no guest instructions.
        for name in ("workaround_1", "psci_version"):
            stub, smc = per["proxy_" + name], per["smc_" + name]
            print("    %-16s %6.1f  through the stub's proxy; %.1f with SMC from EL2: "
                  "proxy +%.1f" % (name, stub, smc, stub - smc))
    print()
    if missed:
        print("budgets: MISSED: " + "; ".join(missed))
    else:
        print("budgets: all met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
