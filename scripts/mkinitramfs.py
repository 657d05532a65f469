#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkinitramfs.py <out.cpio> <busybox> <init script>

Writes a newc cpio archive (the initramfs format Linux unpacks) holding
/bin/busybox, /init and the directories they need.  The init script runs
under busybox and installs its applets itself.
"""
import os
import sys


def entry(out, name, mode, data=b"", ino=[1]):
    ino[0] += 1
    name_b = name.encode() + b"\0"
    fields = [ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0]
    out.write(b"070701" + b"".join(b"%08x" % f for f in fields))
    out.write(name_b)
    out.write(b"\0" * (-(110 + len(name_b)) % 4))
    out.write(data)
    out.write(b"\0" * (-len(data) % 4))


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: mkinitramfs.py <out.cpio> <busybox> <init>\n")
        return 2
    busybox = open(argv[2], "rb").read()
    init = open(argv[3], "rb").read()
    with open(argv[1], "wb") as out:
        for d in ("bin", "dev", "proc", "sys", "sbin", "tmp"):
            entry(out, d, 0o040755)
        entry(out, "bin/busybox", 0o100755, busybox)
        entry(out, "init", 0o100755, init)
        entry(out, "TRAILER!!!", 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
