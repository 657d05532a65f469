#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Debian's arm64 and armhf Linux in QEMU (virt, EL2/HYP, no EL3), through hypstub.

usage: run-linux.py --initrd FILE [--image FILE] [--kernel FILE]
                    [--u-boot FILE] [--builtin-u-boot FILE] [--aarch32-uimage FILE]
                    [--kernel-uimage FILE] [--image-initrd FILE] [--module-initrd FILE]
                    [--logdir DIR] [--ref-dir DIR] [--qemu-arg ARG]... [-j N]
                    [--evidence] RUN...

Each RUN is one fresh QEMU, written <path>:<mode>:<cpu>:<gic>:<smp>[:<test>]
  path  kernel  QEMU -kernel <image>: QEMU enters the hypstub image at EL2
        uboot   QEMU -bios u-boot.bin (Debian's u-boot-qemu, at EL2): at its
                prompt, qfw load puts the image and the initramfs in RAM and
                booti enters the image with U-Boot's device tree
        builtin QEMU -bios <U-Boot with hypstub inside> (make uboot): at its
                prompt, at EL1 above the stub, hypstub info is checked,
                qfw load puts the kernel itself (no hypstub image) and the
                initramfs in RAM, and booti enters the kernel through the
                stub
        bare    QEMU -kernel <kernel>: the same Linux without the stub, the
                reference (its mode is "bare")
        uboot and builtin may end in @tfa: the firmware is then Trusted
        Firmware-A at EL3 (make tfa: --tfa-dir holds its flash images),
        QEMU -M virt,secure=on -bios <flash>, with Debian's U-Boot (uboot)
        or make uboot's (builtin) as its BL33; without it QEMU's built-in
        PSCI is the firmware.  (QEMU enters no kernel at EL2 when EL3 is
        on: the bare boot on TF-A is uboot@tfa with mode bare.)
  mode  resident or handoff, or bare (no stub: the bare path, or U-Boot
        booting --kernel itself), optionally followed by how it is chosen:
        /chosen (the /chosen property hypstub,mode, set with U-Boot's fdt
        set: uboot only), /bootargs (hypstub.mode= on the command line),
        /command (U-Boot's hypstub mode command: builtin only) or
        /default (nothing: the Kconfig default).  Without it: uboot runs
        use /chosen, kernel runs /bootargs, builtin runs /command.
  cpu   QEMU -cpu (cortex-a57, max; the AArch32 CPUs cortex-a15 and
        cortex-a7 make it an arm run: qemu-system-arm, Debian's qemu_arm
        U-Boot and bootz, --kernel a zImage, the EL lines in HYP/SVC and
        no KVM: see ARCHES)
  gic   2, 3, or 3-noits (GICv3 without an ITS: Linux 6.1 booted without EFI
        cannot keep its LPI tables through a kexec, with or without the stub)
  smp   CPUs
  test  steps joined by "+" (default basic: report and power off):
        hotplug  offline every CPU but 0, then online them again
        hotplugN N such cycles (a soak); every CPU must come back at the EL
                 it started at (no "inconsistent modes"), online at the end
        kexecN   N kexecs in a row into the same kernel and initramfs
        reboot   end with reboot -f (PSCI SYSTEM_RESET), not power-off
        misplaced (arm uboot only) bootz of the image at U-Boot's own
                 kernel_addr_r, 0x40400000, where its payload would inflate
                 the kernel over the stub: the loader must say so and switch
                 off, no kernel entered
        module   (kernel or uboot path) boot the initramfs of --module-initrd,
                 which holds hypstub.ko (make module): resident, insmod,
                 /sys/firmware/hypstub/* against abi/hypstub.h and the
                 device tree, a borrow the stub must refuse on the last CPU
                 (undone on the others), borrow_el2 on every CPU with each
                 CPU's proof and give-back lines, rmmod, taint 12288 (O, E);
                 hand-off: insmod refused with -ENODEV and the module's
                 reason (the kernel at EL2 with VHE, else no /hypstub node)
        reuse-resident, reuse-handoff  (with kexecN, kernel or uboot path)
                 every kexec goes into the hypstub image itself
                 (/boot/hypstub.Image of --image-initrd, on arm
                 /boot/hypstub.zImage, which is the initramfs then) with
                 hypstub.mode= this mode: the first is entered at EL1 (arm:
                 in SVC) above the resident stub and must use it (no second
                 copy, the same stub and reservation), in that mode; a later
                 one, from a kernel at EL2 (in HYP), installs the stub afresh
        image    (builtin only) booti of the hypstub image (--image) instead
                 of the kernel: entered at EL1 above U-Boot's stub, it must
                 use that stub
        refusals (builtin only) first, at the prompt: an unknown mode, booti
                 (bootm with the bootm step) without a device tree, and bootm
                 of an AArch32 uImage
                 (--aarch32-uimage, put in RAM at 0x50000000), each refused
                 with hypstub's message and U-Boot back at its prompt
        bootm    (builtin only) the kernel as a legacy uImage (--kernel-uimage)
                 entered with bootm instead of booti
        workload, workloadTxF  run the initramfs's /bin/workload
                 (tests/bench/workload.c: --initrd must hold it, as make
                 bench-workload's does) with T pipe round trips and F forks;
                 its "workload <name> <iterations> <ns>" lines must all be
                 there (scripts/bench-workload.py reads them)
The initramfs's /init (tests/linux/init) does the steps and reports.

Every run is checked from its console log, one "ok - " or "not ok - " line
per assertion, and ends with "linux[...]: P passed, F failed".  With
--ref-dir, a bare run that passes saves the kernel's
/sys/devices/system/cpu/vulnerabilities/* lines there as the reference for
its CPU model, and every run through the stub, in every boot, must show the
same lines.  Bare runs go first, then the others, -j at a
time; each run's report is printed whole, in the order given.  Each QEMU
runs under a deadline (and dies on a minute without output): a hang is a
failure, never a stall.  --evidence prints the console's evidence lines
(loader, boot EL, SMCCC, KVM) and the totals instead of every ok line.
Exits 0 only if every run passed.
"""
import argparse
import concurrent.futures
import os
import re
import struct
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Console, Exited, Timeout  # noqa: E402

BASE_CMDLINE = "console=ttyAMA0 panic=-1 rdinit=/init"
# A boot to userspace and back takes 3-10 s here under TCG (-smp 4); a kexec
# adds one more boot.  The deadlines only run out on a hang.
RUN_TIMEOUT = 150
# Above this many CPUs a run is a large machine: see Run.cmdline().
MANY_CPUS = 8
KEXEC_TIMEOUT = 60
WORKLOAD_TIMEOUT = 240
WORKLOADS = ("pipe-2cpu", "pipe-1cpu", "fork")
HOTPLUG_CYCLE_TIMEOUT = 3
IDLE_TIMEOUT = 60
UBOOT_STEP_TIMEOUT = 30
MODE_SOURCES = {
    "chosen": "/chosen hypstub,mode",
    "bootargs": "bootargs hypstub.mode=",
    "command": "hypstub mode",
    "default": "Kconfig default",
}
DEFAULT_HOW = {"uboot": "chosen", "kernel": "bootargs", "builtin": "command"}
AARCH32_UIMAGE_ADDR = 0x50000000
HYPSTUB_INFO_MAGIC = 0x4255545350594821  # boot/image.h: "!HYPSTUB"
UIMAGE_ADDR = 0x48000000
TFA_FDT_ADDR = 0x4f000000
# What differs by architecture, chosen by the run's CPU.  arm: Linux 6.1 has
# no KVM on 32-bit arm, so no /dev/kvm in any mode; the boot mode lines are
# arch/arm/kernel/setup.c's (hyp_mode_check), HYP adding the
# virtualization extensions line; Debian's qemu_arm U-Boot (2023.01) stays
# in HYP and bootz enters the kernel there with r0 = 0, r1 = 0 (the machine
# type), r2 = the device tree.
#   paths     the paths an arch's runs may take (no U-Boot with the stub
#             inside, and no TF-A, for arm)
#   image_at  where U-Boot loads the hypstub image (None: its own
#             kernel_addr_r).  qemu_arm's kernel_addr_r, 0x40400000, is
#             inside where the payload zImage inflates the kernel (RAM base
#             + TEXT_OFFSET 0x208000, about 16 MiB with its bss): the
#             loader refuses an image whose stub would be overwritten, so
#             the image goes below that, at 1 MiB into RAM (the stub then
#             at 0x40101000, the payload at 0x40300000, inflating below it
#             and moving itself up as it does at any address).
#   loader    what the hypstub loader says (boot/loader.c, with the
#             arch's STUB_AT_EL2, STUB_AT_EL1 and STUB_NAME_SOFT_RESTART), as
#             regular expressions: installed, entered at EL1 (in SVC) and
#             using the stub below ("below"), and how it entered the kernel
#             in each mode (1 resident, 2 hand-off)
#   kexec_image  how /init names the hypstub image it kexecs into (the
#             reuse-* steps), as a regular expression: on arm with the room
#             it gives kexec-tools for the payload's kernel (--image-size,
#             from the payload zImage's size table: tests/linux/init)
#   iomem     what /proc/iomem shows where the stub's no-map reservation
#             is: Linux arm64 lists it as "reserved", Linux arm 6.1 not at
#             all (request_standard_resources() skips no-map memory); never
#             System RAM, which kexec-tools would load over
#   psci      the psci: lines every resident boot shows: the firmware's own
#             PSCI version and function IDs reach the kernel through the
#             proxy (arm64 runs check the SMCCC line only)
ARCHES = {
    "arm64": {"qemu": "qemu-system-aarch64", "u_boot": "/usr/lib/u-boot/qemu_arm64/u-boot.bin",
              "boot": "booti", "kvm": True, "el_name": {1: "at EL1", 2: "at EL2"},
              "el": {1: ["CPU: All CPU(s) started at EL1"],
                     2: ["CPU: All CPU(s) started at EL2"]},
              "paths": ("kernel", "uboot", "builtin", "bare"), "image_at": None,
              "loader": {"installed": re.escape("hypstub: stub installed at EL2"),
                         "below": re.escape("hypstub: entered at EL1 above a hypstub (ABI "),
                         1: re.escape(" at EL1, DTB"),
                         2: re.escape(" at EL2 (hand-off through HYPSTUB_SOFT_RESTART)")},
              "kexec_image": re.escape("/boot/hypstub.Image") + "$",
              "psci": [], "iomem": "reserved",
              # kernel/arm64/hypstub-arch.h: the module's names, its table's
              # alignment, and the calls it passes on to the stub while
              # borrowed (the vendor UID, GET_VECTORS: the module's table).
              "module": {"el2": "EL2", "vbar": "VBAR_EL2", "hcr": "HCR_EL2",
                         "level": r"CurrentEL EL(\d)", "level_el2": "2",
                         "align": "HYPSTUB_VECTORS_ALIGN",
                         "others": r"passed on to the stub: UID ([0-9a-f]+), "
                                   r"GET_VECTORS (0x[0-9a-f]+)",
                         "others_want": lambda abi, table: (abi["HYPSTUB_UID_0"], table)}},
    "arm": {"qemu": "qemu-system-arm", "u_boot": "/usr/lib/u-boot/qemu_arm/u-boot.bin",
            "boot": "bootz", "kvm": False, "el_name": {1: "in SVC", 2: "in HYP"},
            "el": {1: ["CPU: All CPU(s) started in SVC mode."],
                   2: ["CPU: All CPU(s) started in HYP mode.",
                       "CPU: Virtualization extensions available.",
                       "hypstub-linux: virtualization extensions available"]},
            "paths": ("kernel", "uboot", "bare"), "image_at": 0x40100000,
            "loader": {"installed": re.escape("hypstub: stub installed in HYP mode"),
                       "below": re.escape("hypstub: entered in SVC mode above a hypstub (ABI "),
                       1: re.escape(" in SVC mode, DTB"),
                       2: re.escape(" in HYP mode (hand-off through HYPSTUB_SOFT_RESTART32)")},
            "kexec_image": re.escape("/boot/hypstub.zImage") + r" \(--image-size=0x[0-9a-f]+\)$",
            "psci": ["psci: PSCIv1.1 detected in firmware.",
                     "psci: Using standard PSCI v0.2 function IDs"], "iomem": None,
            # kernel/arm/hypstub-arch.h: the module's names, its table's
            # alignment, and the calls it passes on to the stub while
            # borrowed, through the pass-on entry of ABI 1.5 (the vendor
            # UID, GET_VECTORS32: the module's table).
            "module": {"el2": "HYP", "vbar": "HVBAR", "hcr": "HCR",
                       "level": r"CPSR mode (0x[0-9a-f]+)", "level_el2": "0x1a",
                       "align": "HYPSTUB_VECTORS_ALIGN_AARCH32",
                       "others": r"passed on to the stub: UID ([0-9a-f]+), "
                                 r"GET_VECTORS32 (0x[0-9a-f]+)",
                       "others_want": lambda abi, table: (abi["HYPSTUB_UID_0"], table)}},
}
ARM32_CPUS = ("cortex-a15", "cortex-a7")
BAD_LINES = re.compile(r"WARNING:|Oops|Kernel panic|BUG:|Internal error|"
                       r"Call trace:|inconsistent modes")
EVIDENCE = re.compile(r"^(?:\[[ 0-9.]+\] )?(U-Boot 20\S+ .*|Linux version \S+ .*|"
                      r"hypstub: .*|U-Boot at: +EL\d|ABI version: .*|"
                      r"CPU: All CPU\(s\) started (?:at EL\d|in (?:HYP|SVC) mode\.)|"
                      r"CPU: Virtualization extensions available\.|"
                      r"psci: SMC Calling Convention v.*|kvm \[1\]: (?:HYP mode not available|"
                      r"Hyp mode initialized successfully|VHE mode initialized successfully))$",
                      re.M)


class Run:
    def __init__(self, spec):
        fields = spec.split(":")
        if len(fields) not in (5, 6):
            raise ValueError("%s: want <path>:<mode>:<cpu>:<gic>:<smp>[:<test>]" % spec)
        self.path, mode, self.cpu, self.gic, smp = fields[:5]
        # The firmware below: QEMU's built-in PSCI, or TF-A (path@tfa).
        self.path, _, firmware = self.path.partition("@")
        self.firmware = firmware or "qemu"
        if self.firmware not in ("qemu", "tfa") or \
                (firmware and self.path not in ("uboot", "builtin")):
            raise ValueError("%s: the firmware is @tfa, on the uboot or builtin path" % spec)
        self.test = fields[5] if len(fields) == 6 else "basic"
        self.mode, _, how = mode.partition("/")
        if self.path not in ("kernel", "uboot", "builtin", "bare"):
            raise ValueError("%s: path is kernel, uboot, builtin or bare" % spec)
        if self.path == "bare" and self.mode != "bare" or \
                self.mode == "bare" and self.path not in ("bare", "uboot"):
            raise ValueError("%s: the bare path has mode bare, and only it and uboot "
                             "have it" % spec)
        if self.mode not in ("resident", "handoff", "bare"):
            raise ValueError("%s: mode is resident, handoff or bare" % spec)
        self.arch = "arm" if self.cpu in ARM32_CPUS else "arm64"
        if self.path not in ARCHES[self.arch]["paths"] or \
                self.arch == "arm" and self.firmware != "qemu":
            raise ValueError("%s: %s runs take the %s paths, on QEMU's PSCI" % (
                spec, self.arch, ", ".join(ARCHES[self.arch]["paths"])))
        self.how = how or (None if self.mode == "bare" else DEFAULT_HOW.get(self.path))
        if self.mode == "bare" and how:
            raise ValueError("%s: a bare run has no mode to choose" % spec)
        if self.mode != "bare" and self.how not in MODE_SOURCES:
            raise ValueError("%s: the mode is chosen by chosen, bootargs, command or default"
                             % spec)
        if self.how == "chosen" and self.path != "uboot":
            raise ValueError("%s: only U-Boot sets /chosen properties" % spec)
        if (self.how == "command") != (self.path == "builtin" and self.how != "default"):
            raise ValueError("%s: the builtin path chooses by command or default, "
                             "and only it by command" % spec)
        if self.gic not in ("2", "3", "3-noits"):
            raise ValueError("%s: gic is 2, 3 or 3-noits" % spec)
        self.smp = int(smp)
        self.hotplug = self.reboot = self.refusals = self.bootm = self.image = False
        self.module = self.misplaced = False
        self.workload = None  # None, or the counts: "" for the program's defaults
        self.reuse = None
        self.kexecs = 0
        self.hotplugs = 0
        for step in self.test.split("+"):
            if step == "hotplug":
                self.hotplug = True
                self.hotplugs = 1
            elif re.fullmatch(r"hotplug[0-9]+", step):
                self.hotplug = True
                self.hotplugs = int(step[7:])
            elif step == "reboot":
                self.reboot = True
            elif step == "refusals" and self.path == "builtin":
                self.refusals = True
            elif step == "bootm" and self.path == "builtin":
                self.bootm = True
            elif step == "image" and self.path == "builtin":
                self.image = True
            elif step == "misplaced" and self.path == "uboot" and self.arch == "arm" and \
                    self.mode != "bare":
                self.misplaced = True
            elif step == "module" and self.path in ("kernel", "uboot"):
                self.module = True
            elif step in ("reuse-resident", "reuse-handoff") and \
                    self.path in ("kernel", "uboot"):
                self.reuse = step[6:]
            elif re.fullmatch(r"workload(?:[0-9]+x[0-9]+)?", step):
                self.workload = step[8:]
            elif re.fullmatch(r"kexec[0-9]+", step):
                self.kexecs = int(step[5:])
            elif step != "basic":
                raise ValueError("%s: unknown test step %s" % (spec, step))
        if self.reuse and not self.kexecs:
            raise ValueError("%s: %s needs kexecN" % (spec, self.test))
        if self.reuse and self.how == "chosen":
            # kexec-tools passes on the tree the kernel booted with
            # (/sys/firmware/fdt), /chosen hypstub,mode included, and that
            # property beats hypstub.mode= in the new command line.
            raise ValueError("%s: the /chosen property would choose the kexec'd image's "
                             "mode too: use %s:%s/bootargs" % (spec, self.path, self.mode))
        if self.module and (self.kexecs or self.reuse):
            raise ValueError("%s: the module's initramfs has no kexec" % spec)
        # The mode of every boot: the first as asked, the kexec'd ones too,
        # or the reuse step's.
        self.modes = [self.mode] + [self.reuse or self.mode] * self.kexecs
        at = "" if self.firmware == "qemu" else "@" + self.firmware
        self.label = "linux[%s%s,%s,%s,gic%s,smp%d%s]" % (
            self.path, at, mode, self.cpu, self.gic, self.smp,
            "" if self.test == "basic" else "," + self.test)
        self.name = "-".join(f for f in (self.path, at[1:], self.mode, self.how, self.cpu,
                                         "gic" + self.gic, "smp%d" % self.smp, self.test) if f)

    def ref_path(self, args):
        """Where the bare boot's vulnerabilities on this CPU model are kept."""
        if not args.ref_dir:
            return None
        return os.path.join(args.ref_dir, "vulnerabilities-%s%s.txt" % (
            "" if self.firmware == "qemu" else self.firmware + "-", self.cpu))

    def cmdline(self):
        words = [BASE_CMDLINE]
        if self.smp > MANY_CPUS:
            # Dozens of TCG vCPUs on this 2-core host starve each other for
            # longer than the soft-lockup watchdog's 20 s, with or without
            # the stub; the lockup report would taint the kernel.
            words.append("nosoftlockup")
        if self.how == "bootargs":
            words.append("hypstub.mode=" + self.mode)
        steps = [s for s, on in (("hotplug", self.hotplug), ("module", self.module),
                                 ("workload", self.workload is not None),
                                 ("kexec", self.kexecs), ("reboot", self.reboot)) if on]
        if steps:
            words.append("hypstub.test=" + ",".join(steps))
        if self.hotplugs > 1:
            words.append("hypstub.hotplug=%d" % self.hotplugs)
        if self.kexecs:
            words.append("hypstub.kexec=0/%d" % self.kexecs)
        if self.reuse:
            words.append("hypstub.kexecimage=" + self.reuse)
        if self.workload:
            words.append("hypstub.workload=" + self.workload)
        return " ".join(words)

    def initrd(self, args):
        if self.module:
            return args.module_initrd
        return args.image_initrd if self.reuse else args.initrd


def image_size(path):
    """The image_size field of an arm64 Image header."""
    with open(path, "rb") as f:
        return struct.unpack_from("<Q", f.read(64), 16)[0]


def zimage_top(path, load):
    """The end of what a zImage loaded at load claims: itself, and where its
    decompressor inflates the kernel (RAM base, 128 MiB aligned below the
    zImage, + TEXT_OFFSET) and then moves itself past it with its malloc
    area, from the extension table (tag 0x5a534c4b), plus 1 MiB for its
    stack and relocation code (tests/linux/init, zimage_room).  Without
    that table (0x45454545 at 0x34 and the tag), only the zImage's end.
    A hypstub image (the info block at 64) claims that of its payload
    zImage too, which runs in place at its offset."""
    with open(path, "rb") as f:
        data = f.read()
    return zimage_claim(data, load)


def zimage_claim(data, load):
    """zimage_top() of the zImage bytes @data loaded at @load."""
    start, end = struct.unpack_from("<2I", data, 0x28)
    info_magic, offset, size = struct.unpack_from("<3Q", data, 64)
    if info_magic == HYPSTUB_INFO_MAGIC and offset and offset + size <= len(data):
        payload = zimage_claim(data[offset:offset + size], load + offset)
        return max(load + end - start, payload)
    end -= start  # start is 0 in a position-independent zImage
    magic2, table = struct.unpack_from("<2I", data, 0x34)
    if magic2 != 0x45454545 or table + 24 > len(data) or \
            struct.unpack_from("<I", data, table + 4)[0] != 0x5a534c4b:
        return load + end
    _, _, size_at, bss, text_offset, malloc = struct.unpack_from("<6I", data, table)
    inflated = struct.unpack_from("<I", data, size_at)[0]
    kernel = (load & ~0x7ffffff) + text_offset
    return max(load + end, kernel + inflated + bss + end + malloc + 0x100000)


def boot(run, args, log_path):
    """One QEMU run.  Returns (exit status or None, problem or None, text)."""
    gic = "gic-version=3,its=off" if run.gic == "3-noits" else "gic-version=" + run.gic
    qemu = args.qemu if run.arch == "arm64" else args.qemu_arm
    # The firmware: QEMU's PSCI below U-Boot at EL2, or TF-A's flash image
    # (EL3 on: secure=on) with that U-Boot as BL33.
    bios = args.builtin_u_boot if run.path == "builtin" else \
        args.u_boot if run.arch == "arm64" else args.u_boot_arm
    machine = "virt,virtualization=on,"
    if run.firmware == "tfa":
        bios = os.path.join(args.tfa_dir, "%s-gicv%s.bin" % (
            "builtin" if run.path == "builtin" else "stock", run.gic[0]))
        machine = "virt,secure=on,virtualization=on,"
    argv = [qemu, "-M", machine + gic, "-cpu", run.cpu,
            "-smp", str(run.smp), "-m", "1G", "-nographic", "-no-reboot",
            # -nic none: no ROM file wanted, and no network boot in U-Boot.
            "-nic", "none"] + args.qemu_arg
    if run.path == "uboot":
        argv += ["-bios", bios, "-kernel", args.kernel if run.mode == "bare" else args.image,
                 "-initrd", run.initrd(args)]
    elif run.path == "builtin":
        argv += ["-bios", bios, "-kernel",
                 args.kernel_uimage if run.bootm else args.image if run.image else args.kernel,
                 "-initrd", args.initrd]
        if run.refusals:
            argv += ["-device", "loader,file=%s,addr=%#x,force-raw=on"
                     % (args.aarch32_uimage, AARCH32_UIMAGE_ADDR)]
    else:
        argv += ["-kernel", args.kernel if run.path == "bare" else args.image,
                 "-initrd", run.initrd(args), "-append", run.cmdline()]
    con = Console(argv, log_path, idle_timeout=IDLE_TIMEOUT)
    timeout = RUN_TIMEOUT + KEXEC_TIMEOUT * run.kexecs + HOTPLUG_CYCLE_TIMEOUT * run.hotplugs + \
        (WORKLOAD_TIMEOUT if run.workload is not None else 0)
    try:
        if run.path in ("uboot", "builtin"):
            problem = drive_uboot(con, run, args)
            if problem:
                con.kill()
                return None, problem, con.text
        return con.wait_exit(timeout), None, con.text
    except (Timeout, Exited) as e:
        return None, "%s%s" % ("TIMEOUT: " if isinstance(e, Timeout) else "", e), con.text
    finally:
        con.close()


def refused(con, line, message):
    """A command hypstub must refuse: its message, then the prompt again."""
    out, _ = con.uboot_command(line, UBOOT_STEP_TIMEOUT)
    if message not in out:
        return "U-Boot: %s: not refused with \"%s\": %s" % (
            line, message, " / ".join(out.split("\n")[1:]).strip())
    return None


def drive_uboot(con, run, args):
    """Stop autoboot, load, choose the mode, booti.  Returns a problem or None."""
    con.uboot_prompt(UBOOT_STEP_TIMEOUT)
    image = args.kernel if run.path == "builtin" and not run.image or run.mode == "bare" \
        else args.image
    boot_cmd = "bootm" if run.bootm else ARCHES[run.arch]["boot"]

    def command(line, want=None):
        out, problem = con.uboot_command(line, UBOOT_STEP_TIMEOUT, want)
        return (None, problem) if problem else (out, None)

    if run.path == "builtin":
        # Checked from the log by assess(); here only that it answers.
        _, problem = command("hypstub info", r"installed: +yes")
        if problem:
            return problem
        if run.how == "command":
            for line, want in (("hypstub mode %s" % run.mode, None),
                               ("hypstub mode", r"\n%s\n" % run.mode)):
                _, problem = command(line, want)
                if problem:
                    return problem
    if run.refusals:
        mode = run.mode if run.how == "command" else "resident"
        for line, message in (
                ("hypstub mode bogus", 'hypstub: unknown mode "bogus"'),
                ("qfw load ${kernel_addr_r} ${ramdisk_addr_r}", None),
                ("%s ${kernel_addr_r} ${ramdisk_addr_r}:${filesize}" % boot_cmd,
                 "hypstub: the kernel needs a device tree"),
                ("bootm %#x - ${fdtcontroladdr}" % AARCH32_UIMAGE_ADDR,
                 "hypstub: only arm64 kernels can be entered above the stub")):
            problem = refused(con, line, message) if message else command(line)[1]
            if problem:
                return problem
        _, problem = command("hypstub mode", r"\n%s\n" % mode)
        if problem:
            return "after the refusals: " + problem

    kernel_addr = UIMAGE_ADDR if run.bootm else \
        None if run.mode == "bare" or run.misplaced else ARCHES[run.arch]["image_at"]
    if kernel_addr:
        # The uImage above where bootm puts the kernel (its load address);
        # the arm hypstub image below where its payload inflates.
        _, problem = command("setenv kernel_addr_r %#x" % kernel_addr)
        if problem:
            return problem
    out, problem = command("printenv kernel_addr_r ramdisk_addr_r")
    if problem:
        return problem
    env = dict(re.findall(r"(\w+)=(0x[0-9a-fA-F]+)", out))
    kernel_addr = int(env["kernel_addr_r"], 16)
    ramdisk_addr = int(env["ramdisk_addr_r"], 16)
    # The initramfs must start clear of all the packed image claims (its
    # image_size covers the kernel's own bss): move it up if it does not.
    if run.arch == "arm":
        end = zimage_top(image, kernel_addr)
    else:
        end = kernel_addr + (os.path.getsize(args.kernel_uimage) if run.bootm
                             else image_size(image))
    if ramdisk_addr < end:
        ramdisk_addr = (end + 0x1fffff) & ~0x1fffff
        steps = ["setenv ramdisk_addr_r %#x" % ramdisk_addr]
    else:
        steps = []
    steps += [
        ("qfw load ${kernel_addr_r} ${ramdisk_addr_r}", r"loading kernel to address"),
        'setenv bootargs "%s"' % run.cmdline(),
        "fdt addr ${fdtcontroladdr}",
    ]
    if run.firmware == "tfa":
        # TF-A's BL2 packs the device tree it edited: a roomier copy (1 MiB,
        # as QEMU's) above the initramfs, booted in place of U-Boot's own.
        steps += ["fdt move ${fdtcontroladdr} %#x 0x100000" % TFA_FDT_ADDR,
                  "setenv fdtcontroladdr %#x" % TFA_FDT_ADDR]
    if run.how == "chosen":
        steps += ["fdt set /chosen hypstub,mode %s" % run.mode,
                  ("fdt print /chosen hypstub,mode", r'hypstub,mode = "%s"' % run.mode)]
    for step in steps:
        line, want = step if isinstance(step, tuple) else (step, None)
        _, problem = command(line, want)
        if problem:
            return problem
    con.send("%s ${kernel_addr_r} ${ramdisk_addr_r}:${filesize} ${fdtcontroladdr}" % boot_cmd)
    m = con.expect(r"hypstub: (?:mode|stub installed)|Starting kernel|=> ",
                   UBOOT_STEP_TIMEOUT)
    if m.group(0) == "=> ":
        return "U-Boot: %s returned to the prompt" % boot_cmd
    return None


class Report:
    def __init__(self):
        self.lines = []
        self.passed = self.failed = 0

    def check(self, name, good, why=""):
        if good:
            self.lines.append("ok - " + name)
            self.passed += 1
        else:
            self.lines.append("not ok - %s%s" % (name, ": " + why if why else ""))
            self.failed += 1

    def has(self, name, text, needle):
        self.check(name, needle in text, 'no "%s"' % needle)

    def each_boot(self, name, boots, test):
        """test(boot number, its text) -> problem or None, for every boot;
        one line for them all."""
        bad = []
        for i, text in enumerate(boots):
            problem = test(i, text)
            if problem:
                bad.append("boot %d: %s" % (i, problem))
        if len(boots) > 1:
            name += " (%d boots)" % len(boots)
        self.check(name, boots and not bad, "; ".join(bad[:3]) or "no boot")


def needs(*needles):
    """A per-boot test: every needle is in the boot's text."""
    def test(_, text):
        missing = [n for n in needles if n not in text]
        return 'no "%s"' % missing[0] if missing else None
    return test


def vulnerabilities(text, firmware="qemu"):
    """What the kernel says of the firmware below, to match the bare boot's:
    /sys/devices/system/cpu/vulnerabilities/* (ARCH_FEATURES of the
    workarounds decide spectre_v2, spec_store_bypass and spectre_bhb), and
    on TF-A also the kernel's psci: lines from its boot (PSCI and SMCCC
    versions: above TF-A's SMCCC 1.2 the stub reports 1.2 too, ABI 1.3).
    On QEMU's PSCI (SMCCC 1.0) the SMCCC line differs by design: the
    stub's is 1.1."""
    lines = re.findall(r"^hypstub-linux: (vulnerability [^:\n]+: .*)$", text, re.M)
    if firmware != "qemu":
        lines += [l for l in re.findall(r"^\[[ 0-9.]+\] (psci: .*)$", text, re.M)
                  if not re.match(r"psci: CPU\d+ killed", l)]
    return lines


def reservation_test(stub_range, iomem_name):
    """The stub's reservation as /init saw it, covering the range the loader
    reported: no-map, and in /proc/iomem a range named @iomem_name over it
    (None: no range there at all), never System RAM."""
    def test(_, text):
        m = re.search(r"hypstub-linux: reserved hypstub@[0-9a-f]+ (0x[0-9a-f]+)\+(0x[0-9a-f]+)"
                      r"( no-map)?$", text, re.M)
        if not m:
            return "no /reserved-memory/hypstub@ node"
        if text.count("hypstub-linux: reserved hypstub@") != 1:
            return "%d /reserved-memory/hypstub@ nodes" % text.count(
                "hypstub-linux: reserved hypstub@")
        if not m.group(3):
            return "the reservation is not no-map"
        base, size = int(m.group(1), 16), int(m.group(2), 16)
        if stub_range and not (base <= stub_range[0] and stub_range[1] <= base + size):
            return "%#x+%#x does not cover the stub at %#x..%#x" % (
                base, size, stub_range[0], stub_range[1])
        iomem = re.findall(r"^hypstub-linux: iomem (.*)$", text, re.M)
        ram = [r for r in iomem if r.endswith(": System RAM")]
        if ram:
            return "/proc/iomem: " + ram[0]
        if iomem_name is None:
            return "/proc/iomem: " + iomem[0] if iomem else None
        if not any(r.endswith(": " + iomem_name) for r in iomem):
            return "no /proc/iomem range %r at the reservation" % iomem_name
        return None
    return test


def abi_version():
    """HYPSTUB_ABI_VERSION_MAJOR.MINOR from abi/hypstub.h, as "M.m"."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                        "abi", "hypstub.h")
    with open(path) as f:
        text = f.read()
    return ".".join(re.search(r"#define HYPSTUB_ABI_VERSION_%s\s+HYPSTUB_U\((\d+)\)" % part,
                              text).group(1) for part in ("MAJOR", "MINOR"))


def assess_builtin(rep, run, pre):
    """U-Boot with the stub inside: U-Boot itself at EL1 above the stub, and
    what hypstub info read back from the stub through its ABI."""
    rep.has("U-Boot goes on at EL1 after installing the stub", pre, "; U-Boot at EL1\n")
    info = pre[pre.find("=> hypstub info\n"):]
    rep.has("hypstub info: U-Boot at EL1", info, "U-Boot at:   EL1\n")
    rep.has("hypstub info: the stub's vendor UID", info, "(hypstub)\n")
    rep.has("hypstub info: ABI version of abi/hypstub.h", info,
            "ABI version: %s\n" % abi_version())
    m = re.search(r"region: +(0x[0-9a-f]+), size (0x[0-9a-f]+)\n(?:.*\n)*?VBAR_EL2: +(0x[0-9a-f]+)",
                  info)
    base, size, vbar = (int(g, 16) for g in m.groups()) if m else (0, 0, 0)
    # The stub's code (under 8 KiB), then a 512-byte slot for each CPU of
    # /cpus, in 4 KiB pages.
    rep.check("hypstub info: region in whole pages, a slot for each CPU, VBAR_EL2 at its start",
              m and base % 0x1000 == 0 and size % 0x1000 == 0 and
              run.smp * 512 < size < 0x3000 + run.smp * 512 and vbar == base,
              "region %#x size %#x VBAR_EL2 %#x" % (base, size, vbar) if m else "no region/VBAR lines")
    rep.has("hypstub info: the CPUs of /cpus", info, "CPUs:        %d from /cpus:" % run.smp)
    rep.has("hypstub info: PSCI proxy", info, "psci-proxy)\n")
    if run.how == "command":
        rep.has("hypstub mode %s at the prompt" % run.mode, pre,
                "=> hypstub mode\n%s\n" % run.mode)
    if run.bootm:
        rep.has("bootm of the kernel's uImage", pre,
                "## Booting kernel from Legacy Image at %x ..." % UIMAGE_ADDR)
    if run.refusals:
        for name, needle in (("an unknown mode", 'hypstub: unknown mode "bogus"'),
                             ("%s without a device tree" % ("bootm" if run.bootm else "booti"),
                              "hypstub: the kernel needs a device tree"),
                             ("an AArch32 uImage",
                              "hypstub: only arm64 kernels can be entered above the stub")):
            rep.has("refused: " + name, pre, needle)


def assess_misplaced(rep, run, text):
    """The image where its payload would inflate the kernel over the image's
    own head (qemu_arm's own kernel_addr_r): the loader must say so and
    switch off before entering anything.  The stub itself has moved to the
    top of memory by then (STUB_RESIDENT_AT_TOP): what the kernel would
    overwrite is the fixed-up device tree, between the loader and the
    payload (HYPSTUB_PAYLOAD_OFFSET, 2 MiB into the image)."""
    m = re.search(r"Kernel image @ (0x[0-9a-f]+) ", text)
    load = int(m.group(1), 16) if m else 0
    rep.check("bootz of the image at U-Boot's kernel_addr_r (0x40400000)", load == 0x40400000,
              "loaded at %#x" % load if m else "no Kernel image line")
    rep.has("stub installed " + ARCHES[run.arch]["el_name"][2], text,
            "hypstub: stub installed in HYP mode, vectors %#018x" % (load + 0x1000))
    m = re.search(r"hypstub: the kernel decompresses to (0x[0-9a-f]+)\.\.(0x[0-9a-f]+), over "
                  r"(0x[0-9a-f]+)\.\.(0x[0-9a-f]+) \(the stub", text)
    kernel, stub = ((int(m.group(1), 16), int(m.group(2), 16)),
                    (int(m.group(3), 16), int(m.group(4), 16))) if m else ((0, 0), (0, 0))
    rep.check("the loader names where the kernel would inflate, over the device tree",
              m and kernel[0] == 0x40208000 and kernel[0] < stub[1] and stub[0] < kernel[1] and
              load + 0x1000 < stub[0] and stub[1] <= load + 0x200000,
              m.group(0) if m else "no such line")
    rep.has("refused: the load address", text,
            "hypstub: load the image where the kernel does not decompress over it\n"
            "hypstub: not entering the payload; switching off")
    rep.check("no kernel entered", "Booting Linux" not in text and
              "hypstub: entering the payload" not in text, "the payload ran")


def abi_version_number():
    """HYPSTUB_ABI_VERSION of abi/hypstub.h, as the stub answers it."""
    major, minor = abi_version().split(".")
    return int(major) << 16 | int(minor)


def assess_reuse(rep, run, boots, stub_range):
    """A chain through the hypstub image itself: the first kexec'd image is
    entered at EL1 (arm: in SVC) above the resident stub and uses it, the
    one at @stub_range that the first loader installed (its /hypstub node
    passed on by kexec); from a kernel at EL2 (in HYP: Linux's own stub)
    the image installs its own.  Each loader's lines end the boot before
    the one it starts."""
    loader = ARCHES[run.arch]["loader"]
    el_name = ARCHES[run.arch]["el_name"]
    for i in range(1, run.kexecs + 1):
        if i > len(boots):
            break
        before, mode = boots[i - 1], run.modes[i]
        at = "boot %d" % i
        kexec = r"^hypstub-linux: kexec into boot %d of %d: %s" % (
            i, run.kexecs, ARCHES[run.arch]["kexec_image"])
        rep.check("boot %d: kexec into the hypstub image" % (i - 1),
                  re.search(kexec, before, re.M), "no /%s/" % kexec)
        if run.modes[i - 1] == "resident":
            rep.check("%s: the image, %s, uses the stub below" % (at, el_name[1]),
                      re.search(loader["below"] + "0x%016x" % abi_version_number(), before),
                      "no /%s0x%016x/" % (loader["below"], abi_version_number()))
            m = re.search(r"hypstub: the stub below is resident at (0x[0-9a-f]+)\.\.(0x[0-9a-f]+) "
                          r"\(/hypstub\)", before)
            below = (int(m.group(1), 16), int(m.group(2), 16)) if m else None
            rep.check("%s: the stub below is the one first installed, where /hypstub says" % at,
                      below and below == stub_range,
                      "%s, first installed %s" % (m.group(0) if m else "no stub-below line",
                                                  "%#x..%#x" % stub_range if stub_range
                                                  else "nowhere seen"))
            rep.check("%s: no second stub installed" % at,
                      not re.search(loader["installed"], before),
                      "the image installed a stub of its own")
        else:
            rep.check("%s: the image, %s, installs the stub" % (at, el_name[2]),
                      re.search(loader["installed"], before), "no /%s/" % loader["installed"])
        rep.has("%s: mode %s from bootargs" % (at, mode), before,
                "hypstub: mode %s (from bootargs hypstub.mode=)" % mode)
        el = 1 if mode == "resident" else 2
        rep.check("%s: loader entered Linux %s" % (at, el_name[el]),
                  re.search(r"hypstub: entering the payload at 0x[0-9a-f]+" + loader[el], before),
                  "no /%s/" % loader[el])


def abi_macros():
    """Every #define NAME HYPSTUB_U[L](value) or NAME (value) of abi/hypstub.h,
    as numbers."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                        "abi", "hypstub.h")
    with open(path) as f:
        return {m.group(1): int(m.group(2), 0) for m in re.finditer(
            r"#define (\w+)\s+(?:HYPSTUB_UL?)?\((0x[0-9a-fA-F]+|-?\d+)\)", f.read())}


def hypstub_uuid(abi):
    """The UUID whose SMCCC reading is HYPSTUB_UID_0..3 (docs/hyp-abi.rst, UID)."""
    raw = b"".join(struct.pack("<I", abi["HYPSTUB_UID_%d" % i]) for i in range(4)).hex()
    return "-".join((raw[0:8], raw[8:12], raw[12:16], raw[16:20], raw[20:32]))


# The module's name for each GET_CONFIG flag of abi/hypstub.h.
CONFIG_NAMES = {"HYPSTUB_CONFIG_LEGACY_PRE_4_12": "legacy-pre-4.12",
                "HYPSTUB_CONFIG_DEBUG_UART": "debug-uart",
                "HYPSTUB_CONFIG_PSCI_PROXY": "psci-proxy"}
MODULE_TAINT = (1 << 12) | (1 << 13)  # TAINT_OOT_MODULE, TAINT_UNSIGNED_MODULE


def assess_module(rep, run, text):
    """The module step (tests/linux/init, kernel/), from /init's lines."""
    said = lambda what: re.findall(r"^hypstub-linux: module %s(.*)$" % what, text, re.M)
    dmesg = "".join(l + "\n" for l in said("dmesg: "))
    cpus = ["cpu%d" % i for i in range(run.smp)]
    if run.mode != "resident":
        # The refusals: -ENODEV, with the module's reason.
        rep.check("module: insmod refused with -ENODEV", any(
            l.startswith("status ") and l != "status 0" and "No such device" in l
            for l in said("insmod ")), "; ".join(said("insmod ")) or "no insmod line")
        if "kvm [1]: VHE mode initialized successfully" in text:
            why = "hypstub: the kernel runs at EL2 (hand-off mode"
        else:
            why = "hypstub: no /hypstub node (compatible \"hypstub,stub\")"
        rep.has("module: its reason in dmesg", dmesg, why)
        rep.has("module: no /sys/firmware/hypstub", text,
                "hypstub-linux: module /sys/firmware/hypstub absent")
        return
    abi = abi_macros()
    names = ARCHES[run.arch]["module"]
    el2 = names["el2"]
    rep.has("module: insmod", text, "hypstub-linux: module insmod status 0\n")
    rep.has("module: taint exactly out-of-tree and unsigned (%d)" % MODULE_TAINT, text,
            "hypstub-linux: module tainted %d\n" % MODULE_TAINT)
    major, minor = abi_version().split(".")
    m = re.search(r"hypstub: stub confirmed: vendor UID hypstub's, ABI (\d+)\.(\d+), region "
                  r"(0x[0-9a-f]+)\+(0x[0-9a-f]+), stub vectors (0x[0-9a-f]+); %s table of "
                  r"the module at (0x[0-9a-f]+)" % el2, dmesg)
    rep.check("module: stub confirmed, ABI of abi/hypstub.h", m and m.group(1, 2) == (
        major, minor), m.group(0) if m else "no confirmation line")
    base, size, stub_vbar, table = (int(g, 16) for g in m.group(3, 4, 5, 6)) if m else (0,) * 4
    rep.check("module: stub vectors inside its region, the module's table aligned (%s)"
              % names["align"], m and base <= stub_vbar < base + size and
              table % abi[names["align"]] == 0 and not base <= table < base + size,
              "region %#x+%#x, stub vectors %#x, table %#x" % (base, size, stub_vbar, table))
    rep.has("module: sysfs abi_version", text,
            "hypstub-linux: module sysfs abi_version: %s.%s\n" % (major, minor))
    rep.has("module: sysfs uid", text,
            "hypstub-linux: module sysfs uid: %s\n" % hypstub_uuid(abi))
    got = (said("sysfs config: ") or ["?"])[0].split()
    proxy = "hypstub-linux: psci method hvc" in text
    rep.check("module: sysfs config, psci-proxy as /psci says", all(
        w in [CONFIG_NAMES[n] for n in CONFIG_NAMES if n in abi] for w in got) and
        ("psci-proxy" in got) == proxy, "config %s, psci method %s" % (
            " ".join(got), "hvc" if proxy else "not hvc"))
    r = re.search(r"^hypstub-linux: reserved hypstub@[0-9a-f]+ (0x[0-9a-f]+\+0x[0-9a-f]+)",
                  text, re.M)
    rep.check("module: sysfs region = the /reserved-memory node", r and said(
        "sysfs region: ") == [r.group(1)] and m and r.group(1) == "%#x+%#x" % (base, size),
        "sysfs %s, device tree %s" % (said("sysfs region: "), r and r.group(1)))
    for when in ("loaded", "after bad borrow", "after borrow"):
        rep.check("module: the stub answers on every CPU (%s)" % when,
                  said(when + " cpus: ") == ["%s stub" % c for c in cpus],
                  "; ".join(said(when + " cpus: ")) or "no cpus lines")
    last = cpus[-1]
    rep.has("module: a misaligned table on %s refused" % last, text,
            "hypstub-linux: module bad borrow on %s: refused" % last)
    rep.check("module: the stub refused it (-3) and the CPUs before were given back",
              re.search(r"hypstub: %s: borrowing %s FAILED: the stub refused SET_VECTORS "
                        r"0x[0-9a-f]+ with %d" % (last, el2, abi["SMCCC_RET_INVALID_PARAMETER"]),
                        dmesg) and
              "hypstub: borrow_el2: undoing: giving %s back on the %d CPU(s) borrowed "
              "before %s" % (el2, run.smp - 1, last) in dmesg, "no such lines")
    rep.has("module: borrow_el2 on every CPU", text, "hypstub-linux: module borrow_el2 accepted")
    rep.has("module: borrow_el2 reads ok", text,
            "hypstub-linux: module after borrow: ok %d cpus" % run.smp)
    bad = []
    for c in cpus:
        proof = re.findall(r"hypstub: %s: borrowed %s: %s, %s (0x[0-9a-f]+) "
                           r"\(the module's table\), %s (0x[0-9a-f]+); %s" % (
                               c, el2, names["level"], names["vbar"], names["hcr"],
                               names["others"]), dmesg)
        back = re.findall(r"hypstub: %s: gave %s back: the stub answers again \(vendor UID "
                          r"([0-9a-f]+), %s (0x[0-9a-f]+)\)" % (c, el2, names["vbar"]), dmesg)
        # Borrowed twice (the refused round before the last CPU), given back twice.
        want = 1 if c == last else 2
        # EL2 (HYP), the module's table; the stub answers what is passed
        # on, and sees the module's table in VBAR_EL2 (HVBAR).
        if len(proof) != want or any(p[0] != names["level_el2"] or int(p[1], 16) != table or
                                     (int(p[3], 16), int(p[4], 16)) !=
                                     names["others_want"](abi, table) for p in proof):
            bad.append("%s: proof %s" % (c, proof or "missing"))
        if len(back) != want or any(int(b[0], 16) != abi["HYPSTUB_UID_0"] or
                                    int(b[1], 16) != stub_vbar for b in back):
            bad.append("%s: give-back %s" % (c, back or "missing"))
    rep.check("module: each CPU %s on the module's table, calls passed on to the stub, "
              "then the stub's table again" % ("at EL2" if el2 == "EL2" else "in HYP"),
              m and not bad, "; ".join(bad[:3]) or "no confirmation line")
    rep.has("module: rmmod", text, "hypstub-linux: module rmmod status 0\n")
    rep.has("module: unload finds the stub as it was on every CPU", dmesg,
            "hypstub: unloaded: the stub as found on %d CPU(s)\n" % run.smp)
    rep.has("module: sysfs gone after rmmod", text,
            "hypstub-linux: module /sys/firmware/hypstub absent")


# A kernel message printed while /init was writing a line lands in the
# middle of it on the shared console ("hypstub-linux: tainted 0[   17.35]
# hrtimer: ..."): execute() starts it on a line of its own again before
# anything reads the console (the checks, a bare boot's reference, the
# evidence).
INTERLEAVED_PRINTK = re.compile(r"(?<=[^\n])(\[\s*\d+\.\d{6}\] )")


def assess(run, status, problem, text, args):
    rep = Report()
    if problem:
        rep.check("QEMU run", False, problem)
    else:
        rep.check("QEMU exited by itself", status == 0, "exit status %s" % status)
    if run.misplaced:
        assess_misplaced(rep, run, text)
        return rep
    # Everything before the first kernel line is QEMU, U-Boot and the loader.
    parts = re.split(r"(?m)^.*Booting Linux on physical CPU", text)
    pre, boots = parts[0], parts[1:]
    el = 1 if run.mode == "resident" else 2

    if run.firmware == "tfa":
        rep.check("TF-A at EL3 below U-Boot (BL1, BL31)", re.search(
            r"BL1: v\d+\.\d+.*\n(?:.*\n)*.*BL31: v\d+\.\d+", pre), "no BL1 and BL31 banners")
    loader = ARCHES[run.arch]["loader"]
    el_name = ARCHES[run.arch]["el_name"]
    if run.mode != "bare":
        rep.check("stub installed " + el_name[2], re.search(loader["installed"], pre),
                  "no /%s/" % loader["installed"])
        rep.has("mode chosen from " + run.how, pre, "hypstub: mode %s (from %s)"
                % (run.mode, MODE_SOURCES[run.how]))
        entered = re.escape(" at EL2 (hand-off through HVC_SOFT_RESTART)") if el == 2 and \
            run.path == "builtin" else loader[el]
        rep.check("%s entered Linux %s" % ("U-Boot" if run.path == "builtin" else "loader",
                                           el_name[el]), re.search(entered, pre),
                  "no /%s/" % entered)
    if run.path == "uboot" and ARCHES[run.arch]["boot"] == "bootz":
        # bootz loads and reserves the zImage from its start to its end
        # field: the whole file, for Debian's zImage as for a hypstub image
        # (make image sets the end field).
        size = os.path.getsize(args.kernel if run.mode == "bare" else args.image)
        rep.has("bootz takes the whole zImage file (%#x bytes)" % size, pre,
                "[ 0x000000 - %#x ]" % size)
    if run.path == "builtin":
        assess_builtin(rep, run, pre)
    if run.image:
        # What the image's loader printed, after U-Boot entered it.
        loader = pre[pre.find("hypstub: entering the kernel at"):]
        rep.check("the hypstub image uses U-Boot's stub", re.search(
            ARCHES[run.arch]["loader"]["below"] + "0x%016x" % abi_version_number(), loader),
                  "no /%s0x%016x/" % (ARCHES[run.arch]["loader"]["below"], abi_version_number()))
        rep.check("no second stub installed",
                  not re.search(ARCHES[run.arch]["loader"]["installed"], loader),
                  "the image installed a stub of its own")
    # Where the first loader put the stub (moved to the top of memory on arm).
    m = re.search(r"resident (0x[0-9a-f]+)\.\.(0x[0-9a-f]+)", pre)
    stub_range = (int(m.group(1), 16), int(m.group(2), 16)) if m else None
    if run.reuse:
        assess_reuse(rep, run, boots, stub_range)
    if run.module:
        assess_module(rep, run, boots[-1] if boots else "")
    rep.check("%d boot(s) seen" % (run.kexecs + 1), len(boots) == run.kexecs + 1,
              "%d kernel boots on the console" % len(boots))
    if run.kexecs:
        rep.each_boot("each boot numbered in order", boots, lambda i, t: needs(
            "hypstub-linux: kexec boot %d of %d" % (i, run.kexecs))(i, t))

    def in_mode(mode, test):
        """@test for the boots in @mode; the others pass it."""
        return lambda i, t: test(i, t) if run.modes[min(i, len(run.modes) - 1)] == mode else None

    def mode_name(name, mode):
        """A check's name, with the boots it is about when the modes differ."""
        if len(set(run.modes)) == 1:
            return name
        return "%s (the %s boots)" % (name, mode)

    for mode in sorted(set(run.modes) - {"bare"}, reverse=True) or ["bare"]:
        el = 1 if mode == "resident" else 2
        lines = ARCHES[run.arch]["el"][el]
        name = "all CPUs " + ARCHES[run.arch]["el_name"][el]
        rep.each_boot(mode_name(name, mode), boots, in_mode(
            mode, needs(*lines, "hypstub-linux: el: " + lines[0].rstrip("."))))
    if "resident" in run.modes:
        smccc = "1.2" if run.firmware == "tfa" else "1.1"
        rep.each_boot(mode_name("SMCCC %s from the stub" % smccc, "resident"), boots, in_mode(
            "resident", needs("psci: SMC Calling Convention v" + smccc)))
        if ARCHES[run.arch]["psci"]:
            rep.each_boot(mode_name("the firmware's PSCI through the proxy", "resident"), boots,
                          in_mode("resident", needs(*ARCHES[run.arch]["psci"])))
        if ARCHES[run.arch]["kvm"]:
            rep.each_boot(mode_name("KVM sees no EL2, no /dev/kvm", "resident"), boots, in_mode(
                "resident", needs("kvm [1]: HYP mode not available",
                                  "hypstub-linux: /dev/kvm absent")))
        rep.each_boot(mode_name("device tree: psci method hvc, /hypstub node", "resident"), boots,
                      in_mode("resident", needs("hypstub-linux: psci method hvc",
                                                "hypstub-linux: /hypstub compatible hypstub,stub")))
        iomem = ARCHES[run.arch]["iomem"]
        rep.each_boot(mode_name("stub reserved (no-map, /proc/iomem %s)" % (
            "'%s'" % iomem if iomem else "has no range there"),
            "resident"), boots, in_mode("resident", reservation_test(stub_range, iomem)))
    if not ARCHES[run.arch]["kvm"]:
        rep.each_boot("no KVM on 32-bit arm in Linux 6.1, no /dev/kvm", boots,
                      needs("hypstub-linux: /dev/kvm absent"))
    elif "handoff" in run.modes or "bare" in run.modes:
        kvm = "VHE" if run.cpu == "max" else "Hyp"
        mode = "bare" if run.mode == "bare" else "handoff"
        rep.each_boot(mode_name("KVM up (%s), /dev/kvm" % ("VHE" if kvm == "VHE" else "nVHE"),
                                mode), boots,
                      in_mode(mode, needs("kvm [1]: %s mode initialized successfully" % kvm,
                                          "hypstub-linux: /dev/kvm present")))
    rep.each_boot("userspace reached", boots, needs("hypstub-linux: userspace up"))
    cpus = "0" if run.smp == 1 else "0-%d" % (run.smp - 1)
    rep.each_boot("every CPU online", boots, needs("hypstub-linux: cpus online %s\n" % cpus))
    rep.each_boot("kernel not tainted", boots, needs("hypstub-linux: tainted 0\n"))

    ref_path = run.ref_path(args)
    if run.mode == "bare":
        rep.each_boot("vulnerabilities reported", boots,
                      lambda _, t: None if vulnerabilities(t) else "none")
    elif ref_path:
        try:
            with open(ref_path) as f:
                ref = f.read().splitlines()
        except OSError:
            ref = None

        def same_vulnerabilities(_, t):
            if ref is None:
                return "no reference %s (a bare run on %s makes it)" % (ref_path, run.cpu)
            got = vulnerabilities(t, run.firmware)
            diff = [l for l in got if l not in ref] + ["missing: " + l for l in ref if l not in got]
            return "differs: " + "; ".join(diff[:2]) if diff else None
        rep.each_boot("vulnerabilities%s as in the bare boot" % (
            "" if run.firmware == "qemu" else ", psci: lines"), boots, same_vulnerabilities)

    if run.hotplug:
        def hotplug(i, t):
            failed = re.findall(r"hypstub-linux: (hotplug .*FAILED.*)", t)
            return failed[0] if failed else needs(
                "hypstub-linux: hotplug cpus online after offline: 0\n",
                "hypstub-linux: hotplug cpus online after online: %s\n" % cpus)(i, t)
        rep.each_boot("hotplug: CPUs offline, then online again%s" % (
            " (%d cycles)" % run.hotplugs if run.hotplugs > 1 else ""), boots, hotplug)
        if run.hotplugs > 1:
            rep.each_boot("hotplug: %d cycles done" % run.hotplugs, boots, needs(
                "hypstub-linux: hotplug %d cycles done\n" % run.hotplugs))
    if run.workload is not None:
        got = re.findall(r"^workload (\S+) \d+ \d+$", text, re.M)
        rep.check("workload: %s timed" % ", ".join(WORKLOADS),
                  got == list(WORKLOADS) and "hypstub-linux: workload status 0\n" in text,
                  (re.findall(r"^(?:hypstub-linux: )?(workload (?:FAILED|status).*)$", text, re.M)
                   or ["workloads seen: %s" % (got or "none")])[0])
    if run.kexecs:
        rep.check("kexec: no failure", "kexec FAILED" not in text,
                  (re.findall(r"hypstub-linux: (kexec FAILED.*)", text) or [""])[0])
        rep.has("kexec: chain of %d done" % run.kexecs, boots[-1] if boots else "",
                "hypstub-linux: kexec chain done: %d kexecs" % run.kexecs)
    bad = BAD_LINES.search(text)
    rep.check("no warning, oops or panic", not bad,
              bad and text[text.rfind("\n", 0, bad.start()) + 1:text.find("\n", bad.start())])
    last = boots[-1] if boots else ""
    if run.reboot:
        rep.check("rebooted by PSCI SYSTEM_RESET", "hypstub-linux: rebooting" in last and
                  "reboot: Restarting system" in last, "no reboot")
    else:
        rep.check("powered off by PSCI SYSTEM_OFF", "hypstub-linux: powering off" in last and
                  "reboot: Power down" in last, "no power-off")
    return rep


def execute(run, args):
    log_path = os.path.join(args.logdir, "linux-%s.log" % run.name)
    if run.mode == "bare" and run.ref_path(args) and os.path.exists(run.ref_path(args)):
        os.unlink(run.ref_path(args))  # made again, or not at all
    started = time.monotonic()
    status, problem, text = boot(run, args, log_path)
    text = INTERLEAVED_PRINTK.sub(r"\n\1", text)
    rep = assess(run, status, problem, text, args)
    if run.mode == "bare" and rep.failed == 0 and run.ref_path(args):
        # Every check passed: this boot is the reference for its CPU model.
        with open(run.ref_path(args), "w") as f:
            f.write("\n".join(vulnerabilities(text, run.firmware)) + "\n")
    out = []
    if args.evidence:
        out.append(run.label + ":")
        out += ["  " + m.group(1) for m in EVIDENCE.finditer(text)]
        out += [l for l in rep.lines if l.startswith("not ok")]
    else:
        out.append("%s: console log %s" % (run.label, log_path))
        out += rep.lines
    if rep.failed:
        out.append("%s: its last lines:" % run.label)
        out += ["  | " + l for l in text.rstrip("\n").split("\n")[-12:]]
    out.append("%s: %d passed, %d failed (%.1f s)" % (run.label, rep.passed, rep.failed,
                                                       time.monotonic() - started))
    return rep.failed == 0, out


def arguments():
    """The command line; scripts/bench-workload.py parses its runs' with it too."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--image", help="the hypstub image (make image KERNEL=...)")
    ap.add_argument("--kernel", help="the kernel Image alone, for bare runs")
    ap.add_argument("--initrd", required=True)
    ap.add_argument("--image-initrd", help="an initramfs holding the hypstub image as "
                    "/boot/hypstub.Image (arm: /boot/hypstub.zImage), for the reuse-* steps")
    ap.add_argument("--module-initrd", help="an initramfs holding hypstub.ko as "
                    "/hypstub.ko, for the module step")
    ap.add_argument("--u-boot", default=ARCHES["arm64"]["u_boot"])
    ap.add_argument("--u-boot-arm", default=ARCHES["arm"]["u_boot"],
                    help="U-Boot for the arm (AArch32) runs")
    ap.add_argument("--builtin-u-boot", help="U-Boot with hypstub inside (make uboot)")
    ap.add_argument("--tfa-dir", help="make tfa's flash images, for the @tfa runs")
    ap.add_argument("--aarch32-uimage", help="an AArch32 uImage, for the refusals step")
    ap.add_argument("--kernel-uimage", help="the kernel as a uImage, for the bootm step")
    ap.add_argument("--qemu", default=os.environ.get("QEMU", ARCHES["arm64"]["qemu"]))
    ap.add_argument("--qemu-arm", default=os.environ.get("QEMU_ARM", ARCHES["arm"]["qemu"]),
                    help="QEMU for the arm (AArch32) runs")
    ap.add_argument("--logdir", default=".")
    ap.add_argument("--ref-dir", help="where bare runs keep the vulnerabilities "
                    "references, and the others find them (none: no comparison)")
    ap.add_argument("-j", type=int, default=1, help="QEMU runs at a time")
    ap.add_argument("--qemu-arg", action="append", default=[], metavar="ARG",
                    help="one more QEMU argument for every run (make bench-workload: -icount)")
    ap.add_argument("--evidence", action="store_true")
    ap.add_argument("runs", nargs="+", metavar="RUN")
    return ap


def main():
    ap = arguments()
    args = ap.parse_args()
    try:
        runs = [Run(spec) for spec in args.runs]
    except ValueError as e:
        ap.error(str(e))
    for run in runs:
        path = "bare" if run.mode == "bare" else run.path
        need = {"bare": ["kernel"], "builtin": ["kernel", "builtin_u_boot"]}.get(
            path, ["image"]) + (["aarch32_uimage"] if run.refusals else []) + \
            (["kernel_uimage"] if run.bootm else []) + \
            (["image_initrd"] if run.reuse else []) + (["image"] if run.image else []) + \
            (["module_initrd"] if run.module else []) + \
            (["tfa_dir"] if run.firmware == "tfa" else [])
        for n in need:
            if not getattr(args, n):
                ap.error("%s needs --%s" % (run.label, n.replace("_", "-")))
    os.makedirs(args.logdir, exist_ok=True)
    if args.ref_dir:
        os.makedirs(args.ref_dir, exist_ok=True)

    good = 0
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        # The references first: the other runs compare with them.
        for phase in ([r for r in runs if r.mode == "bare"],
                      [r for r in runs if r.mode != "bare"]):
            for future in [pool.submit(execute, run, args) for run in phase]:
                ok, out = future.result()
                print("\n".join(out), flush=True)
                good += ok
    if len(runs) > 1:
        print("linux: %d runs, %d passed, %d failed (%.1f s)" % (
            len(runs), good, len(runs) - good, time.monotonic() - started))
    return 0 if good == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
