#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make bench, Linux part: boot time with and without the stub, and the
stub's reservation as Linux sees it.

Three variants, all booted by the same U-Boot (QEMU -bios, at EL2) with the
same QEMU flags, the same initramfs and the same kernel:
  bare      Debian's kernel Image alone: booti enters it, no stub
  resident  the hypstub image, kernel at EL1 above the stub (/chosen hypstub,mode)
  handoff   the hypstub image, kernel handed EL2 (/chosen hypstub,mode)
Every run types the same sequence of U-Boot commands (one fdt set and one
fdt print of a /chosen property: hypstub,mode for the stub, a property no
one reads for bare) and is timed from the QEMU process's start to the
console line "hypstub-linux: userspace up" (the headline), and from the
moment booti is typed to that line.  After one untimed warm-up boot, the
variants run in interleaved rounds, one QEMU at a time, each round starting
one variant later (bare resident handoff, resident handoff bare, ...).  The
CPU time the rest of the host used beside each boot is reported, since
other work disturbs TCG timing.  A run that does not reach userspace, or
reaches it in the wrong shape (no stub, the wrong EL), fails the bench; a
missed target does not.

The footprint is what the resident boots' /init (tests/linux/init) reads
from /proc/device-tree/reserved-memory/hypstub@*/reg and /proc/iomem.
"""
import argparse
import os
import re
import statistics
import struct
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "linux"))
from console import Console, Exited, Timeout  # noqa: E402

VARIANTS = ["bare", "resident", "handoff"]
TARGET = 1.02
CMDLINE = "console=ttyAMA0 panic=-1 rdinit=/init"
USERSPACE = "hypstub-linux: userspace up"
STEP_TIMEOUT = 30  # one U-Boot command
BOOT_TIMEOUT = 120  # booti to userspace; a boot takes a few seconds
END_TIMEOUT = 60  # userspace to power-off
IDLE_TIMEOUT = 60
TICK = os.sysconf("SC_CLK_TCK")
BUSY_LIMIT = 0.2  # other work's CPUs, on average, that count as disturbing


class Broken(Exception):
    """A run that did not boot as it should: the bench fails."""


def image_end(path, base):
    """Where an arm64 Image loaded at base ends, by its header's image_size."""
    with open(path, "rb") as f:
        size = struct.unpack_from("<Q", f.read(64), 16)[0]
    return base + max(size, os.path.getsize(path))


def host_busy():
    """CPU seconds the whole host has spent busy so far (/proc/stat)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal (guest time is in user)
    return (sum(fields[:8]) - fields[3] - fields[4]) / TICK


def own_cpu(pid):
    """CPU seconds used by this script and by its QEMU (process pid)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rpartition(")")[2].split()
    t = os.times()
    return (int(fields[11]) + int(fields[12])) / TICK + t.user + t.system


def boot(variant, args, log_path):
    """One QEMU run.  Returns a dict of timings (seconds) and the console text."""
    argv = [args.qemu, "-M", "virt,virtualization=on,gic-version=%s" % args.gic,
            "-cpu", args.cpu, "-smp", str(args.smp), "-m", "1G", "-nographic",
            "-no-reboot", "-nic", "none", "-bios", args.u_boot,
            "-kernel", args.kernel if variant == "bare" else args.image,
            "-initrd", args.initrd]
    t = os.times()
    host_before, self_before = host_busy(), t.user + t.system
    started = time.monotonic()
    # A large machine boots its CPUs before the kernel's console is up: an
    # early console, and time for each CPU under TCG.
    many = args.smp > 8
    con = Console(argv, log_path, idle_timeout=IDLE_TIMEOUT + (args.smp if many else 0))
    try:
        con.uboot_prompt(STEP_TIMEOUT)

        def command(line, want=None):
            out, problem = con.uboot_command(line, STEP_TIMEOUT, want)
            if problem:
                raise Broken(problem)
            return out

        env = dict(re.findall(r"(\w+)=(0x[0-9a-fA-F]+)",
                              command("printenv kernel_addr_r ramdisk_addr_r")))
        kernel_addr = int(env["kernel_addr_r"], 16)
        # One initramfs address for every variant, clear of the larger image.
        end = max(image_end(args.kernel, kernel_addr), image_end(args.image, kernel_addr))
        ramdisk_addr = max(int(env["ramdisk_addr_r"], 16), (end + 0x1fffff) & ~0x1fffff)
        prop, value = ("bench,variant", "bare") if variant == "bare" else \
            ("hypstub,mode", variant)
        command("setenv ramdisk_addr_r %#x" % ramdisk_addr)
        command("qfw load ${kernel_addr_r} ${ramdisk_addr_r}", r"loading kernel to address")
        # Dozens of TCG vCPUs on a small host starve each other past the
        # soft-lockup watchdog's 20 s, stub or not (tests/linux/run-linux.py).
        command('setenv bootargs "%s%s"' % (CMDLINE, " nosoftlockup earlycon" if many else ""))
        command("fdt addr ${fdtcontroladdr}")
        command("fdt set /chosen %s %s" % (prop, value))
        command("fdt print /chosen %s" % prop, r'%s = "%s"' % (prop, value))
        booti = time.monotonic()
        con.send("booti ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}")
        m = con.expect(r"Booting Linux on physical CPU|=> ", STEP_TIMEOUT)
        if m.group(0) == "=> ":
            raise Broken("U-Boot: booti returned to the prompt")
        kernel = time.monotonic()
        con.expect(re.escape(USERSPACE), BOOT_TIMEOUT + (3 * args.smp if many else 0))
        userspace = time.monotonic()
        # What the rest of the host ran meanwhile, in CPUs on average.
        others = (host_busy() - host_before - (own_cpu(con.proc.pid) - self_before)) / \
            (userspace - started)
        # The rest of /init's report (the reservation among it), then its
        # power-off: the next run must not start beside this one.
        status = con.wait_exit(END_TIMEOUT)
        text = con.text
    except (Timeout, Exited) as e:
        raise Broken("%s%s" % ("TIMEOUT: " if isinstance(e, Timeout) else "", e))
    finally:
        con.close()
    check(variant, status, text)
    return {"start": userspace - started, "booti": userspace - booti,
            "prompt": booti - started, "kernel": kernel - booti, "others": others}, text


def check(variant, status, text):
    """The run booted as the variant it claims to be."""
    pre, _, linux = text.partition("Booting Linux on physical CPU")
    el = 1 if variant == "resident" else 2
    want = ["CPU: All CPU(s) started at EL%d" % el, "hypstub-linux: powering off",
            "reboot: Power down"]
    if variant == "bare":
        if "hypstub: " in pre:
            raise Broken("the stub ran in a bare boot")
    else:
        want_pre = "hypstub: mode %s (from /chosen hypstub,mode)" % variant
        if want_pre not in pre:
            raise Broken('no "%s" before the kernel' % want_pre)
    missing = [w for w in want if w not in linux]
    if missing:
        raise Broken('no "%s"' % missing[0])
    bad = re.search(r"WARNING:|Oops|Kernel panic|BUG:|Internal error", linux)
    if bad:
        raise Broken("kernel: " + linux[linux.rfind("\n", 0, bad.start()) + 1:
                                          linux.find("\n", bad.start())])
    if status != 0:
        raise Broken("QEMU exit status %s" % status)


def reservation(text):
    """/init's lines about the stub's reservation, from a resident boot."""
    m = re.search(r"^hypstub-linux: reserved (hypstub@[0-9a-f]+) (0x[0-9a-f]+)\+(0x[0-9a-f]+)"
                  r"( no-map)?$", text, re.M)
    if not m:
        return None
    iomem = re.findall(r"^hypstub-linux: iomem (.*)$", text, re.M)
    return m.group(1), int(m.group(2), 16), int(m.group(3), 16), bool(m.group(4)), iomem


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--image", required=True, help="the hypstub image with the kernel")
    ap.add_argument("--kernel", required=True, help="the same kernel's Image alone")
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--u-boot", default="/usr/lib/u-boot/qemu_arm64/u-boot.bin")
    ap.add_argument("--qemu", default="qemu-system-aarch64")
    ap.add_argument("--cpu", default="cortex-a57")
    ap.add_argument("--gic", default="3")
    ap.add_argument("--smp", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--warm-up", type=int, choices=(0, 1), default=1,
                    help="one untimed bare boot first (1), or none (0)")
    ap.add_argument("--variants", default=",".join(VARIANTS),
                    help="which boots to time (bare first), comma-separated")
    ap.add_argument("--logdir", default=".")
    args = ap.parse_args()
    variants = args.variants.split(",")
    if variants[0] != "bare" or not set(variants) <= set(VARIANTS):
        ap.error("--variants: bare first, then any of %s" % ", ".join(VARIANTS[1:]))
    os.makedirs(args.logdir, exist_ok=True)

    started = time.monotonic()
    times = {v: [] for v in variants}
    first = {}  # each variant's first console text
    resident_texts = []
    # Round 0 is one untimed bare boot, to warm the caches; then each round
    # boots every variant once, starting one variant later each time, so
    # that none always goes first (each equally often with 3n rounds).
    schedule = [(0, "bare")] * args.warm_up + [(rnd + 1, variants[(i + rnd) % len(variants)])
                                for rnd in range(args.rounds) for i in range(len(variants))]
    for rnd, variant in schedule:
        log_path = os.path.join(args.logdir, "bench-%s-%d.log" % (variant, rnd))
        try:
            t, text = boot(variant, args, log_path)
        except Broken as e:
            print("bench: %s boot, %s, is broken: %s" % (
                variant, "round %d" % rnd if rnd else "warm-up", e))
            try:
                with open(log_path, errors="replace") as f:
                    last = f.read().rstrip("\n").split("\n")[-12:]
            except OSError:
                last = []
            print("bench: console log %s; its last lines:" % log_path)
            print("\n".join("  | " + line for line in last))
            return 1
        if rnd == 0:
            continue
        times[variant].append(t)
        first.setdefault(variant, text)
        if variant == "resident":
            resident_texts.append(text)

    def col(variant, key):
        return [t[key] for t in times[variant]]

    def med(variant, key):
        return statistics.median(col(variant, key))

    kernel = re.search(r"Linux version (\S+)", first["bare"])
    uboot = re.search(r"^U-Boot (\S+)", first["bare"], re.M)
    print()
    print("Linux boot time, with and without the stub (%d rounds, interleaved and rotated, "
          "one QEMU at a time)" % args.rounds)
    print("  kernel %s, the same Image alone (bare) and packed in the hypstub image"
          % (kernel.group(1) if kernel else "?"))
    print("  all booted by U-Boot %s (-bios), same commands typed, booti ... ${fdtcontroladdr}"
          % (uboot.group(1) if uboot else "?"))
    print("  QEMU -M virt,virtualization=on,gic-version=%s -cpu %s -smp %d -m 1G -nic none"
          % (args.gic, args.cpu, args.smp))
    print('  until the console line "%s"' % USERSPACE)
    print()
    print("  %-9s %-28s %-28s %s" % ("", "from QEMU start (headline)", "from booti typed",
                                     "U-Boot prompt"))
    print("  %-9s %8s %8s %8s %6s %8s %8s %8s %6s %8s" % (
        "variant", "median", "min", "max", "spread", "median", "min", "max", "spread", "median"))
    spreads = []
    for v in variants:
        row = ["  %-9s" % v]
        for key in ("start", "booti"):
            c = col(v, key)
            spread = (max(c) - min(c)) / statistics.median(c) * 100
            spreads.append(spread)
            row.append("%7.2fs %7.2fs %7.2fs %5.1f%%" % (statistics.median(c), min(c), max(c),
                                                           spread))
        row.append("%7.2fs" % med(v, "prompt"))
        print(" ".join(row))
    print()

    def verdict(ratio):
        if ratio <= TARGET:
            return "met"
        return "MISSED (by %.1f %%)" % ((ratio - TARGET) * 100)

    print("  ratio of medians (per-round ratios min..max)")
    for v in variants[1:]:
        for key, what in (("start", "from QEMU start"), ("booti", "from booti     ")):
            ratio = med(v, key) / med("bare", key)
            rounds = [a[key] / b[key] for a, b in zip(times[v], times["bare"])]
            print("  %-8s/bare %s  %.3f (%+.1f %%)  target <= %.2f: %-20s (%.3f..%.3f)" % (
                v, what, ratio, (ratio - 1) * 100, TARGET, verdict(ratio),
                min(rounds), max(rounds)))
    print("  TCG timing is noisy: a variant's own spread (max-min over median) is %.1f..%.1f %%"
          % (min(spreads), max(spreads)))
    print("  here; a ratio that differs from 1 by less than that is noise, not a measured cost.")
    others = [t["others"] for v in variants for t in times[v]]
    busy = sum(o > BUSY_LIMIT for o in others)
    print("  Host: %d CPUs; other work beside a boot: %.2f CPUs on average at most%s" % (
        os.cpu_count(), max(others),
        "; over %.1f beside %d of the %d boots: those times are disturbed" % (
            BUSY_LIMIT, busy, len(others)) if busy else " (quiet)"))
    print("  Kernel entry (booti typed to \"Booting Linux\") medians: %s." % ", ".join(
        "%s %.2f s" % (v, med(v, "kernel")) for v in variants))
    print("  (%d boots, a warm-up included, in %.0f s; console logs in %s)" % (
        len(schedule), time.monotonic() - started, args.logdir))

    print()
    print("resident footprint as Linux sees it (resident boots' /init: /proc/device-tree, "
          "/proc/iomem)")
    seen = [reservation(t) for t in resident_texts]
    if not seen[0]:
        print("bench: no /reserved-memory/hypstub@ node in the resident boot (log %s)"
              % os.path.join(args.logdir, "bench-resident-1.log"))
        return 1
    name, base, size, nomap, iomem = seen[0]
    same = all(s == seen[0] for s in seen)
    note = ""
    served = re.search(r"hypstub: serving (\d+) CPUs \(/cpus\), resident (0x[0-9a-f]+)\.\.(0x[0-9a-f]+)",
                       resident_texts[0])
    if served:
        start, end = int(served.group(2), 16), int(served.group(3), 16)
        note = "  (the loader: %s CPUs, %d bytes: %s)" % (
            served.group(1), end - start, "same" if (start, end) == (base, base + size)
            else "DIFFERS")
    print("  /reserved-memory/%s reg %#x+%#x%s: %d bytes (%d KiB)%s" % (
        name, base, size, " no-map" if nomap else "", size, size // 1024, note))
    for line in iomem:
        print("  /proc/iomem %s" % line)
    for v in variants:
        online = re.search(r"^hypstub-linux: cpus online (\S+)", first[v], re.M)
        print("  CPUs online, %s: %s of -smp %d" % (v, online.group(1) if online else "?",
                                                   args.smp))
    if not same:
        print("  (the resident boots did not all report the same reservation: see the logs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
