#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Pack the stub and loader with an arm64 Image payload into one arm64 Image.

Usage: pack-image.py <hypstub.bin> <payload Image> <output>

The output boots like a Linux Image (QEMU -kernel, U-Boot booti): the
loader's own header at offset 0, the payload at PAYLOAD_OFFSET, and the
header's image_size covering the payload's whole image_size.
"""
import struct
import sys

PAYLOAD_OFFSET = 0x200000  # boot/image.h HYPSTUB_PAYLOAD_OFFSET
INFO_OFFSET = 64  # boot/image.h HYPSTUB_INFO_OFFSET
INFO_MAGIC = 0x4255545350594821  # "!HYPSTUB"
ARM64_MAGIC = 0x644D5241  # "ARM\x64"


def header(blob):
    """(text_offset, image_size, flags, magic) of an arm64 Image header."""
    text_offset, image_size, flags = struct.unpack_from("<QQQ", blob, 8)
    (magic,) = struct.unpack_from("<I", blob, 56)
    return text_offset, image_size, flags, magic


def fail(message):
    sys.stderr.write("pack-image: %s\n" % message)
    sys.exit(1)


def main(argv):
    if len(argv) != 4:
        fail("usage: pack-image.py <hypstub.bin> <payload Image> <output>")
    with open(argv[1], "rb") as f:
        loader = bytearray(f.read())
    try:
        with open(argv[2], "rb") as f:
            payload = f.read()
    except OSError as e:
        fail("cannot read payload %s: %s" % (argv[2], e.strerror))

    if len(loader) > PAYLOAD_OFFSET:
        fail("stub and loader (%d bytes) exceed the payload offset" % len(loader))
    if header(loader)[3] != ARM64_MAGIC:
        fail("%s is not the hypstub loader image" % argv[1])
    if struct.unpack_from("<Q", loader, INFO_OFFSET)[0] != INFO_MAGIC:
        fail("%s has no hypstub info block" % argv[1])
    if len(payload) < 64:
        fail("%s is too small to be an arm64 Image (%d bytes)" % (argv[2], len(payload)))
    text_offset, image_size, flags, magic = header(payload)
    if magic != ARM64_MAGIC:
        fail("%s is not an arm64 Image: no ARM\\x64 magic at offset 56" % argv[2])
    if flags & 1:
        fail("%s is a big-endian kernel; hypstub enters little-endian" % argv[2])
    if image_size != 0 and image_size < len(payload):
        fail("%s: image_size %#x is smaller than the file" % (argv[2], image_size))

    # Placed at 2 MiB + text_offset, the payload runs in place whenever the
    # image base is 2 MiB aligned; image_size covers its bss too.
    offset = PAYLOAD_OFFSET + text_offset
    total = offset + max(image_size, len(payload))
    struct.pack_into("<Q", loader, 16, total)
    struct.pack_into("<QQ", loader, INFO_OFFSET + 8, offset, len(payload))

    out = loader + bytes(offset - len(loader)) + payload
    out += bytes(-len(out) % 8)  # the loader copies in 8-byte words
    with open(argv[3], "wb") as f:
        f.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
