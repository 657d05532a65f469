#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""make-bad-dtbs.py <good.dtb> <buffer bytes> <out dir>

Writes the bad device trees the loader must refuse, each made from a good
one (QEMU's own, dumped with -M ...,dumpdtb=):
  bad-magic.dtb    the header magic broken
  bad-struct.dtb   the first node's FDT_BEGIN_NODE token broken
  too-big.dtb      totalsize claims more than the 2 MiB booting.rst allows
  no-room.dtb      valid, but its contents outgrow the loader's buffer
                   (<buffer bytes>): a property pads it (dtc does the work)
"""
import os
import struct
import subprocess
import sys


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    good = open(argv[1], "rb").read()
    buffer_size = int(argv[2], 0)
    out = argv[3]
    magic, totalsize, off_struct = struct.unpack(">III", good[:12])
    if magic != 0xD00DFEED:
        sys.stderr.write("%s is not a flattened device tree\n" % argv[1])
        return 1

    def write(name, blob):
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)

    write("bad-magic.dtb", b"\xd0\x0d\xfe\xee" + good[4:])
    blob = bytearray(good)
    blob[off_struct:off_struct + 4] = struct.pack(">I", 0xDEADBEEF)
    write("bad-struct.dtb", bytes(blob))
    blob = bytearray(good)
    blob[4:8] = struct.pack(">I", 0x400000)
    write("too-big.dtb", bytes(blob))

    # A 4-byte-aligned property just big enough that the tree cannot be
    # opened into the buffer, but still under 2 MiB.
    # (QEMU's dump is mostly free space: measure the tree's contents.)
    dts = subprocess.run(["dtc", "-q", "-I", "dtb", "-O", "dts", argv[1]],
                         check=True, capture_output=True, text=True).stdout
    compact = subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb"],
                             input=dts.encode(), check=True,
                             capture_output=True).stdout
    pad = os.path.join(out, "pad.bin")
    with open(pad, "wb") as f:
        f.write(b"\0" * ((buffer_size - len(compact) + 4096) & ~3))
    dts += '\n/ { hypstub-test-padding = /incbin/("%s"); };\n' % pad
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o",
                    os.path.join(out, "no-room.dtb")],
                   input=dts, check=True, text=True)
    size = os.path.getsize(os.path.join(out, "no-room.dtb"))
    if not buffer_size < size <= 0x200000:
        sys.stderr.write("no-room.dtb is %d bytes: not between the buffer "
                         "(%d) and 2 MiB\n" % (size, buffer_size))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
