#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""scripts/pack-image.py on real kernels and on bad payloads.

usage: check-pack-image.py --zimage FILE [--arm-loader FILE] [--trampoline OUT]
                           [--image FILE --arm64-loader FILE]

zImage mode, with the AArch32 hypstub.bin (--arm-loader) and with a
loader made here with just a zImage header, the info block and a branch to
the payload (--trampoline writes the result out): Debian's
zImage packed at 0x200000 byte for byte, the info block and the end field
(0x2c) filled in, the loader's bytes otherwise untouched; then payloads
pack-image must refuse, each with its message and exit status 1: an arm64
Image, a big-endian zImage, one that is not position independent, a
truncated one, no zImage at all, a missing file.  arm64 mode (with
--image and --arm64-loader): the fields of the packed arm64 Image, and a
zImage payload refused.  One "ok"/"not ok" line per assertion, then
"pack-image: P passed, F failed"; exits 0 only if all passed.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.join(HERE, "..", "..", "scripts", "pack-image.py")
PAYLOAD_OFFSET = 0x200000
INFO_OFFSET = 64
INFO_MAGIC = 0x4255545350594821
ZIMAGE_MAGIC = 0x016F2818


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, good, why=""):
        if good:
            self.passed += 1
            print("ok - " + name)
        else:
            self.failed += 1
            print("not ok - %s%s" % (name, ": " + why if why else ""))


def pack(tmp, loader, payload):
    """Run pack-image.py; (exit status, stderr, output bytes or None)."""
    out = os.path.join(tmp, "out")
    if os.path.exists(out):
        os.unlink(out)
    p = subprocess.run([sys.executable, PACK, loader, payload, out],
                       capture_output=True, text=True)
    data = None
    if os.path.exists(out):
        with open(out, "rb") as f:
            data = f.read()
    return p.returncode, p.stderr.strip(), data


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def fake_arm_loader():
    """A zImage-format loader as boot/arm's head lays it out: its first
    instruction, the zImage words, the empty info block, some bytes after
    it.  The instruction is an ARM b to the payload at 0x200000 (offset
    from the instruction + 8, in words): the packed file boots its payload
    as it stands, in the mode it was entered in (--trampoline)."""
    blob = bytearray(0x1400)
    struct.pack_into("<I", blob, 0, 0xea000000 | (PAYLOAD_OFFSET - 8) >> 2)
    struct.pack_into("<4I", blob, 0x24, ZIMAGE_MAGIC, 0, len(blob), 0x04030201)
    struct.pack_into("<QQQ", blob, INFO_OFFSET, INFO_MAGIC, 0, 0)
    for i in range(0x100, len(blob)):
        blob[i] = i * 7 & 0xff
    return bytes(blob)


def refusals(c, tmp, loader, payloads):
    for name, data, message in payloads:
        path = write(tmp, "bad", data) if data is not None else os.path.join(tmp, "missing")
        status, err, out = pack(tmp, loader, path)
        c.check("refused: %s" % name, status == 1 and message in err and out is None,
                "status %d, output %s, stderr %r" % (status, "written" if out else "none", err))


def check_zimage(c, tmp, loader_path, zimage_path, keep=None):
    with open(loader_path, "rb") as f:
        loader = f.read()
    with open(zimage_path, "rb") as f:
        zimage = f.read()
    status, err, out = pack(tmp, loader_path, zimage_path)
    c.check("zImage mode: %s packed" % os.path.basename(zimage_path), status == 0 and out,
            "status %d: %s" % (status, err))
    if not out:
        return
    if keep:
        with open(keep, "wb") as f:
            f.write(out)
    c.check("the payload at 0x200000, byte for byte",
            out[PAYLOAD_OFFSET:PAYLOAD_OFFSET + len(zimage)] == zimage)
    c.check("the file padded to 8 bytes, no more",
            len(out) == PAYLOAD_OFFSET + len(zimage) + (-len(zimage) % 8),
            "length %#x" % len(out))
    magic, start, end, endian = struct.unpack_from("<4I", out, 0x24)
    c.check("the output is a zImage: magic, start 0, little-endian",
            (magic, start, endian) == (ZIMAGE_MAGIC, 0, 0x04030201),
            "%#x %#x %#x" % (magic, start, endian))
    c.check("end field (0x2c) = the whole file", end == len(out),
            "%#x, file %#x" % (end, len(out)))
    info = struct.unpack_from("<QQQ", out, INFO_OFFSET)
    c.check("info block: magic, payload offset 0x200000, payload size",
            info == (INFO_MAGIC, PAYLOAD_OFFSET, len(zimage)),
            "%#x %#x %#x" % info)
    changed = [i for i in range(len(loader)) if out[i] != loader[i] and
               not (0x2c <= i < 0x30 or INFO_OFFSET + 8 <= i < INFO_OFFSET + 24)]
    c.check("the loader otherwise unchanged", not changed,
            "bytes at %s" % ", ".join("%#x" % i for i in changed[:4]))
    c.check("zeros between the loader and the payload",
            out[len(loader):PAYLOAD_OFFSET] == bytes(PAYLOAD_OFFSET - len(loader)))

    def z(**words):
        blob = bytearray(zimage[:0x4000])
        for off, val in words.items():
            struct.pack_into("<I", blob, int(off[1:], 16), val)
        return bytes(blob)
    arm64 = bytearray(0x1000)
    struct.pack_into("<I", arm64, 56, 0x644d5241)
    refusals(c, tmp, loader_path, [
        ("an arm64 Image", bytes(arm64), "is an arm64 Image, not an arm zImage"),
        ("a big-endian zImage", z(x30=0x01020304), "big-endian zImage"),
        ("a bad endianness word", z(x30=0x12345678), "endianness word 0x12345678"),
        ("a zImage with start != 0", z(x28=0x8000),
         "not a position-independent zImage"),
        ("a truncated zImage", zimage[:0x4000], "past the file's 0x4000 bytes"),
        ("no zImage magic", z(x24=0), "no magic 0x016f2818 at offset 0x24"),
        ("a file too small", zimage[:0x20], "too small to be a zImage"),
        ("a missing payload", None, "cannot read payload"),
    ])


def check_arm64(c, tmp, loader_path, image_path, zimage_path):
    with open(image_path, "rb") as f:
        image = f.read()
    status, err, out = pack(tmp, loader_path, image_path)
    c.check("arm64 mode: %s packed" % os.path.basename(image_path), status == 0 and out,
            "status %d: %s" % (status, err))
    if not out:
        return
    text_offset, image_size = struct.unpack_from("<QQ", image, 8)
    offset = PAYLOAD_OFFSET + text_offset
    c.check("arm64: the payload at 2 MiB + text_offset", out[offset:offset + len(image)] == image)
    c.check("arm64: image_size covers the payload's",
            struct.unpack_from("<Q", out, 16)[0] == offset + max(image_size, len(image)))
    c.check("arm64: info block", struct.unpack_from("<QQQ", out, INFO_OFFSET) ==
            (INFO_MAGIC, offset, len(image)))
    with open(zimage_path, "rb") as f:
        head = f.read(0x4000)
    refusals(c, tmp, loader_path, [
        ("a zImage for the arm64 stub", head, "is an arm (AArch32) zImage"),
    ])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zimage", required=True)
    ap.add_argument("--arm-loader")
    ap.add_argument("--image")
    ap.add_argument("--arm64-loader")
    ap.add_argument("--trampoline", metavar="FILE",
                    help="also write there the zImage packed behind a loader that "
                    "only branches to it, for booting (no stub in it)")
    args = ap.parse_args()
    c = Checks()
    with tempfile.TemporaryDirectory() as tmp:
        fake = write(tmp, "fake-hypstub.bin", fake_arm_loader())
        if args.arm_loader:
            check_zimage(c, tmp, args.arm_loader, args.zimage)
        if args.trampoline or not args.arm_loader:
            check_zimage(c, tmp, fake, args.zimage, args.trampoline)
        refusals(c, tmp, write(tmp, "not-a-loader", bytes(0x1000)), [
            ("a loader that is neither image kind", open(args.zimage, "rb").read(0x4000),
             "is not the hypstub loader image")])
        if args.image and args.arm64_loader:
            check_arm64(c, tmp, args.arm64_loader, args.image, args.zimage)
    print("pack-image: %d passed, %d failed" % (c.passed, c.failed))
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
