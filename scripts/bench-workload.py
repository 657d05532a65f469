#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make bench-workload: what the stub's PSCI proxy costs a real workload.

Under TF-A on cortex-a57, Linux mitigates Spectre v2 through the firmware:
it calls SMCCC ARCH_WORKAROUND_1 when it switches between two address
spaces (check_and_switch_context -> arm64_apply_bp_hardening).  Resident
above the stub, that call is an HVC which the stub passes on with SMC; a
kernel at EL2 (bare, or handed off) makes it with SMC itself.

Three variants of the same kernel and initramfs (tests/bench/workload.c as
/bin/workload), booted by the same TF-A flash image (make tfa: Debian's
U-Boot as BL33) through tests/linux/run-linux.py's uboot@tfa runs, whose
checks every boot must pass:
  bare      the kernel alone, entered at EL2 by U-Boot: the reference
  resident  the hypstub image, the kernel at EL1 above the stub
  handoff   the hypstub image, the kernel handed EL2
The program times each workload with clock_gettime(CLOCK_MONOTONIC).  QEMU
runs with -icount shift=0,sleep=off by default: the guest's clock advances
one nanosecond per guest instruction (of every CPU, EL2 and EL3 included)
and jumps to the next timer when every CPU sleeps, so a nanosecond here is
an instruction, not host time, and the host's load does not change it.
The variants run in interleaved rounds, one QEMU at a time, each round
starting one variant later (bare resident handoff, resident handoff bare,
...).  For each workload: the median cost per iteration of each variant
with its spread over the rounds, the ratios resident/bare and handoff/bare
of the medians with the per-round ratios' range, and a verdict against the
1.02 target.  Then one more resident boot, with smaller counts, under QEMU
-d int: the program marks each timed loop with brk, and the exceptions
logged between the marks say how often the loop called into the stub (HVC
from EL1) and the stub on to TF-A (SMC from EL2), and from how many call
sites; with the resident - bare difference, that gives the proxy's cost
per call.  A missed target is reported, not a failure; a run that does
not boot, fails one of run-linux.py's checks (the stub installed and in
the mode asked, every CPU at the EL of that mode, TF-A below, ...), runs a
stub when bare, or has spectre_v2 unmitigated in a bare or resident boot,
fails the bench.
"""
import argparse
import copy
import importlib.util
import os
import re
import statistics
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "run_linux", os.path.join(HERE, "..", "tests", "linux", "run-linux.py"))
run_linux = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_linux)

VARIANTS = ["bare", "resident", "handoff"]
TARGET = 1.02
WHAT = {
    "pipe-2cpu": "pipe round trip, 2 CPUs",
    "pipe-1cpu": "pipe round trip, 1 CPU",
    "fork": "fork + exit + wait",
}


class Broken(Exception):
    """A run that did not boot as it should: the bench fails."""


def workloads(text):
    """{name: cost per iteration in guest ns} from the program's lines."""
    got = {}
    for name, iterations, ns in re.findall(r"^workload (\S+) (\d+) (\d+)$", text, re.M):
        got[name] = int(ns) / int(iterations)
    return got


def one_run(spec, args, logdir, qemu_args=()):
    """Boot spec through run-linux.py; returns ({workload: cost per
    iteration}, the spectre_v2 line, its report's last line, the console)."""
    run = run_linux.Run(spec)
    run_args = copy.copy(args.run_args)
    run_args.logdir = logdir
    run_args.qemu_arg = run_args.qemu_arg + list(qemu_args)
    os.makedirs(logdir, exist_ok=True)
    ok, out = run_linux.execute(run, run_args)
    log = os.path.join(logdir, "linux-%s.log" % run.name)
    try:
        with open(log, errors="replace") as f:
            # As run-linux.py's checks read it: a kernel message that
            # landed inside a line of the workload's starts one of its own.
            text = run_linux.INTERLEAVED_PRINTK.sub(r"\n\1", f.read())
    except OSError:
        text = ""
    if not ok:
        raise Broken("\n".join(l for l in out if not l.startswith("ok - ")))
    pre = re.split(r"(?m)^.*Booting Linux on physical CPU", text)[0]
    if run.mode == "bare" and "hypstub: " in pre:
        raise Broken("%s: the stub ran in a bare boot (%s)" % (run.label, log))
    spectre = re.search(r"^hypstub-linux: vulnerability spectre_v2: (.*)$", text, re.M)
    spectre = spectre.group(1) if spectre else "(not reported)"
    if run.mode != "handoff" and not spectre.startswith("Mitigation: "):
        raise Broken("%s: spectre_v2 reads \"%s\": ARCH_WORKAROUND_1 is not in use, "
                     "nothing to measure (%s)" % (run.label, spectre, log))
    got = workloads(text)
    if sorted(got) != sorted(WHAT):
        raise Broken("%s: workloads %s, want %s (%s)" % (run.label, sorted(got), sorted(WHAT),
                                                         log))
    return got, spectre, out[-1], text


def calls(int_log, text):
    """The exceptions QEMU -d int logged within each timed loop, between the
    program's brk markers: {workload: (HVCs from EL1 to EL2 per iteration,
    SMCs from EL2 to EL3 per iteration, the HVCs' call sites)}."""
    names = list(WHAT)
    iterations = {name: int(n) for name, n, _ in
                  re.findall(r"^workload (\S+) (\d+) (\d+)$", text, re.M)}
    with open(int_log, errors="replace") as f:
        blocks = f.read().split("Taking exception ")[1:]
    phase = None
    hvc = {w: 0 for w in names}
    smc = {w: 0 for w in names}
    sites = {w: set() for w in names}
    for block in blocks:
        kind = re.match(r"\d+ \[([^\]]+)\]", block)
        levels = re.search(r"\.\.\.from EL(\d) to EL(\d)", block)
        if not kind or not levels:
            continue
        kind, levels = kind.group(1), levels.groups()
        if kind == "Breakpoint" and levels == ("0", "1"):
            mark = re.search(r"ESR 0x[0-9a-f]+/0xf20048([0-9a-f]{2})\b", block)
            if mark and int(mark.group(1), 16) < 2 * len(names):
                n = int(mark.group(1), 16)
                phase = names[n // 2] if n % 2 == 0 else None
        elif phase and kind == "Hypervisor Call" and levels == ("1", "2"):
            hvc[phase] += 1
            elr = re.search(r"ELR (0x[0-9a-f]+)", block)
            sites[phase].add(elr.group(1) if elr else "?")
        elif phase and kind == "Secure Monitor Call" and levels == ("2", "3"):
            smc[phase] += 1
    return {w: (hvc[w] / iterations[w], smc[w] / iterations[w], sites[w])
            for w in names if w in iterations}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--image", required=True, help="the hypstub image with the kernel")
    ap.add_argument("--kernel", required=True, help="the same kernel's Image alone")
    ap.add_argument("--initrd", required=True, help="an initramfs with /bin/workload")
    ap.add_argument("--tfa-dir", required=True, help="make tfa's flash images")
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--cpu", default="cortex-a57")
    ap.add_argument("--gic", default="3")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--counts", default="20000x2000",
                    help="pipe round trips x forks, for each workload pass")
    ap.add_argument("--icount", default="shift=0,sleep=off",
                    help="QEMU -icount options, or none (host time: noisy)")
    ap.add_argument("--count-calls", default="2000x200",
                    help="counts for one more resident boot under QEMU -d int, which counts "
                    "the HVCs into the stub in each loop; none: no such boot")
    ap.add_argument("--logdir", default=".")
    args = ap.parse_args()
    if not re.fullmatch(r"[0-9]+x[0-9]+", args.counts):
        ap.error("--counts: <pipe round trips>x<forks>, e.g. 20000x2000")
    if args.count_calls != "none" and not re.fullmatch(r"[0-9]+x[0-9]+", args.count_calls):
        ap.error("--count-calls: <pipe round trips>x<forks>, or none")
    if args.smp < 2:
        ap.error("--smp: the pipe workloads need 2 CPUs at least")
    if args.rounds < 1:
        ap.error("--rounds: 1 at least")
    qemu_args = [] if args.icount == "none" else ["--qemu-arg=-icount",
                                                  "--qemu-arg=" + args.icount]
    specs = {v: "uboot@tfa:%s:%s:%s:%d:workload%s" % (v, args.cpu, args.gic, args.smp,
                                                       args.counts) for v in VARIANTS}
    # run-linux.py's own command line, so that its runs have its defaults;
    # its reference (the bare boot's vulnerabilities) in the logs.
    args.run_args = run_linux.arguments().parse_args(
        ["--qemu", args.qemu, "--image", args.image, "--kernel", args.kernel,
         "--initrd", args.initrd, "--tfa-dir", args.tfa_dir,
         "--ref-dir", os.path.join(args.logdir, "ref")] + qemu_args + list(specs.values()))
    os.makedirs(args.run_args.ref_dir, exist_ok=True)

    started = time.monotonic()
    cost = {v: {w: [] for w in WHAT} for v in VARIANTS}
    spectre = {}
    # Bare first in round 1: it makes the reference the others are held to.
    schedule = [(rnd + 1, VARIANTS[(i + rnd) % len(VARIANTS)])
                for rnd in range(args.rounds) for i in range(len(VARIANTS))]
    for rnd, variant in schedule:
        logdir = os.path.join(args.logdir, "round-%d" % rnd)
        try:
            got, spectre_v2, summary, _ = one_run(specs[variant], args, logdir)
        except Broken as e:
            print("bench-workload: %s boot, round %d, is broken:\n%s" % (variant, rnd, e))
            return 1
        print("  round %d: %s" % (rnd, summary), flush=True)
        spectre.setdefault(variant, spectre_v2)
        for w in WHAT:
            cost[variant][w].append(got[w])
    counted = None
    if args.count_calls != "none":
        # Not timed: -d int logging changes nothing the guest sees, but the
        # figures above come from boots without it all the same.
        logdir = os.path.join(args.logdir, "calls")
        int_log = os.path.join(logdir, "qemu-int.log")
        spec = "uboot@tfa:resident:%s:%s:%d:workload%s" % (args.cpu, args.gic, args.smp,
                                                          args.count_calls)
        try:
            _, _, summary, text = one_run(spec, args, logdir, ["-d", "int", "-D", int_log])
            counted = calls(int_log, text)
        except (Broken, OSError) as e:
            print("bench-workload: the resident boot under -d int is broken:\n%s" % e)
            return 1
        print("  calls: %s" % summary, flush=True)

    n, forks = args.counts.split("x")
    print()
    print("The proxy's cost on a real workload (%d rounds, interleaved and rotated, "
          "one QEMU at a time)" % args.rounds)
    print("  TF-A (%s) -> Debian's U-Boot -> [stub] -> Linux; QEMU -M virt,secure=on,"
          "virtualization=on,gic-version=%s -cpu %s -smp %d %s" % (
              "stock-gicv%s.bin" % args.gic[0],
              args.gic, args.cpu, args.smp,
              "-icount " + args.icount if qemu_args else "(no -icount: host time)"))
    print("  tests/bench/workload.c: %s pipe round trips, %s forks per boot; cost per "
          "iteration in guest ns%s" % (n, forks, " (= guest instructions, every CPU, EL2 and "
                                       "EL3 included)" if qemu_args else ""))
    for v in ("bare", "resident"):
        print("  spectre_v2, %s: %s" % (v, spectre[v]))
    print()
    print("  %-24s %-9s %10s %10s %10s %7s" % ("workload", "variant", "median", "min", "max",
                                              "spread"))
    spreads = []
    for w, what in WHAT.items():
        for v in VARIANTS:
            c = cost[v][w]
            med = statistics.median(c)
            spread = (max(c) - min(c)) / med * 100
            spreads.append(spread)
            print("  %-24s %-9s %10.0f %10.0f %10.0f %6.2f%%" % (
                what if v == "bare" else "", v, med, min(c), max(c), spread))
    print()

    def verdict(ratio):
        if ratio <= TARGET:
            return "met"
        return "MISSED by %.2f %%" % ((ratio - TARGET) * 100)

    print("  ratio of medians (per-round ratios min..max), target <= %.2f" % TARGET)
    for w, what in WHAT.items():
        bare = statistics.median(cost["bare"][w])
        for v in VARIANTS[1:]:
            med = statistics.median(cost[v][w])
            ratio = med / bare
            rounds = [a / b for a, b in zip(cost[v][w], cost["bare"][w])]
            print("  %-24s %-8s/bare %.4f (%+.2f %%, %+.0f ns per iteration) %.4f..%.4f  %s" % (
                what, v, ratio, (ratio - 1) * 100, med - bare, min(rounds), max(rounds),
                verdict(ratio)))
    if counted:
        print()
        print("  where ARCH_WORKAROUND_1 is called (one more resident boot, %s, under QEMU -d int:"
              % args.count_calls)
        print("  the HVCs from EL1 into the stub within each timed loop, and the stub's SMCs to "
              "TF-A)")
        for w, what in WHAT.items():
            hvc, smc, sites = counted[w]
            extra = statistics.median(cost["resident"][w]) - statistics.median(cost["bare"][w])
            per_call = "; resident - bare: %.0f ns (instructions) per call" % (extra / hvc) \
                if hvc >= 0.5 else ""
            print("  %-24s %.2f HVCs per iteration, %.2f SMCs, from %d call site(s)%s" % (
                what, hvc, smc, len(sites), per_call))
    print()
    print("  A variant's own spread over the rounds is %.2f..%.2f %% here: a ratio closer to 1"
          % (min(spreads), max(spreads)))
    print("  than that is within the run-to-run variation, not a measured cost.")
    print("  (%d boots%s in %.0f s; console logs in %s)" % (
        len(schedule), " and one under -d int" if counted else "",
        time.monotonic() - started, args.logdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
