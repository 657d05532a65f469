#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Pack the stub and loader with a kernel payload into one bootable image.

Usage: pack-image.py <hypstub.bin> <payload> <output>

The loader image's own header says which kind of image to make:
  arm64 (the ARM\\x64 magic at 56): the payload is an arm64 Image, the
        output boots like one (QEMU -kernel, U-Boot booti): the loader's
        header at offset 0, the payload at PAYLOAD_OFFSET + its
        text_offset, the header's image_size covering the payload's whole
        image_size.
  arm   (the zImage magic 0x016f2818 at 0x24): the payload is a
        little-endian, position-independent zImage, the output is one too
        (QEMU -kernel, U-Boot bootz): the payload at PAYLOAD_OFFSET, run
        in place, and the zImage end field (0x2c) covering the whole file.
Either way hypstub's info block at 64 gets the payload's offset and size.
"""
import struct
import sys

PAYLOAD_OFFSET = 0x200000  # boot/image.h HYPSTUB_PAYLOAD_OFFSET
INFO_OFFSET = 64  # boot/image.h HYPSTUB_INFO_OFFSET
INFO_MAGIC = 0x4255545350594821  # "!HYPSTUB"
ARM64_MAGIC = 0x644D5241  # "ARM\x64"
# Linux's arch/arm/boot/compressed/head.S: the zImage header words.
ZIMAGE_MAGIC_OFFSET = 0x24
ZIMAGE_MAGIC = 0x016F2818
ZIMAGE_START_OFFSET = 0x28
ZIMAGE_END_OFFSET = 0x2C
ZIMAGE_ENDIAN_OFFSET = 0x30
ZIMAGE_LE = 0x04030201
ZIMAGE_BE = 0x01020304
ZIMAGE_HEADER_SIZE = 0x34


def header(blob):
    """(text_offset, image_size, flags, magic) of an arm64 Image header."""
    text_offset, image_size, flags = struct.unpack_from("<QQQ", blob, 8)
    (magic,) = struct.unpack_from("<I", blob, 56)
    return text_offset, image_size, flags, magic


def zheader(blob):
    """(magic, start, end, endianness) of a zImage header."""
    return struct.unpack_from("<4I", blob, ZIMAGE_MAGIC_OFFSET)


def is_zimage(blob):
    return len(blob) >= ZIMAGE_HEADER_SIZE and zheader(blob)[0] == ZIMAGE_MAGIC


def fail(message):
    sys.stderr.write("pack-image: %s\n" % message)
    sys.exit(1)


def pack_arm64(loader, payload, name):
    if len(payload) < 64:
        fail("%s is too small to be an arm64 Image (%d bytes)" % (name, len(payload)))
    text_offset, image_size, flags, magic = header(payload)
    if magic != ARM64_MAGIC:
        if is_zimage(payload):
            fail("%s is an arm (AArch32) zImage, not an arm64 Image: build the stub "
                 "with ARCH=arm" % name)
        fail("%s is not an arm64 Image: no ARM\\x64 magic at offset 56" % name)
    if flags & 1:
        fail("%s is a big-endian kernel; hypstub enters little-endian" % name)
    if image_size != 0 and image_size < len(payload):
        fail("%s: image_size %#x is smaller than the file" % (name, image_size))

    # Placed at 2 MiB + text_offset, the payload runs in place whenever the
    # image base is 2 MiB aligned; image_size covers its bss too.
    offset = PAYLOAD_OFFSET + text_offset
    total = offset + max(image_size, len(payload))
    struct.pack_into("<Q", loader, 16, total)
    struct.pack_into("<QQ", loader, INFO_OFFSET + 8, offset, len(payload))

    out = loader + bytes(offset - len(loader)) + payload
    out += bytes(-len(out) % 8)  # the loader copies in 8-byte words
    return out


def pack_zimage(loader, payload, name):
    if len(payload) < ZIMAGE_HEADER_SIZE:
        fail("%s is too small to be a zImage (%d bytes)" % (name, len(payload)))
    magic, start, end, endian = zheader(payload)
    if magic != ZIMAGE_MAGIC:
        if len(payload) >= 64 and header(payload)[3] == ARM64_MAGIC:
            fail("%s is an arm64 Image, not an arm zImage: build the stub with "
                 "ARCH=arm64" % name)
        fail("%s is not a zImage: no magic 0x016f2818 at offset 0x24" % name)
    if endian == ZIMAGE_BE:
        fail("%s is a big-endian zImage; hypstub enters little-endian" % name)
    if endian != ZIMAGE_LE:
        fail("%s: endianness word %#010x at 0x30, not 0x04030201" % (name, endian))
    if start != 0:
        fail("%s: start %#x at 0x28: not a position-independent zImage (start 0), "
             "which hypstub runs in place" % (name, start))
    if end > len(payload):
        fail("%s: its end field %#x is past the file's %#x bytes: truncated?"
             % (name, end, len(payload)))

    # The payload runs in place at PAYLOAD_OFFSET; the decompressor finds
    # its own room from where it runs.  The loader's end field covers the
    # whole file, so that bootz and QEMU reserve and load all of it.
    out = loader + bytes(PAYLOAD_OFFSET - len(loader)) + payload
    out += bytes(-len(out) % 8)  # the loader copies in 8-byte words
    out = bytearray(out)
    struct.pack_into("<I", out, ZIMAGE_END_OFFSET, len(out))
    struct.pack_into("<QQ", out, INFO_OFFSET + 8, PAYLOAD_OFFSET, len(payload))
    return bytes(out)


def main(argv):
    if len(argv) != 4:
        fail("usage: pack-image.py <hypstub.bin> <payload Image or zImage> <output>")
    try:
        with open(argv[1], "rb") as f:
            loader = bytearray(f.read())
    except OSError as e:
        fail("cannot read loader %s: %s" % (argv[1], e.strerror))
    try:
        with open(argv[2], "rb") as f:
            payload = f.read()
    except OSError as e:
        fail("cannot read payload %s: %s" % (argv[2], e.strerror))

    if len(loader) > PAYLOAD_OFFSET:
        fail("stub and loader (%d bytes) exceed the payload offset" % len(loader))
    if len(loader) >= 64 and header(loader)[3] == ARM64_MAGIC:
        pack = pack_arm64
    elif is_zimage(loader):
        if zheader(loader)[1] != 0:
            fail("%s: the loader's zImage start field is not 0" % argv[1])
        pack = pack_zimage
    else:
        fail("%s is not the hypstub loader image (neither the arm64 Image magic at 56 "
             "nor the zImage magic at 0x24)" % argv[1])
    if len(loader) < INFO_OFFSET + 24 or \
            struct.unpack_from("<Q", loader, INFO_OFFSET)[0] != INFO_MAGIC:
        fail("%s has no hypstub info block" % argv[1])
    out = pack(loader, payload, argv[2])
    with open(argv[3], "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
