#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""mkinitramfs.py <out.cpio> <path>=<source> ...

Writes a newc cpio archive (the initramfs format Linux unpacks, here
uncompressed) holding the empty directories /dev, /proc, /sys, /tmp, /bin
and /sbin, and for each <path>=<source>:
  - <source> a file: a regular file at <path>, executable if <source> is;
  - <source> a symbolic link: the same link at <path>;
  - <source> a directory: everything under it, below <path> ("." for /).
Directories that a path needs are made too.  Owners are root, times 0.
"""
import os
import stat
import sys


class Cpio:
    def __init__(self, out):
        self.out = out
        self.ino = 0
        self.dirs = set()

    def entry(self, name, mode, data=b""):
        self.ino += 1
        name_b = name.encode() + b"\0"
        # ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor
        # rdevminor namesize check
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_b), 0]
        self.out.write(b"070701" + b"".join(b"%08x" % f for f in fields))
        self.out.write(name_b)
        self.out.write(b"\0" * (-(110 + len(name_b)) % 4))
        self.out.write(data)
        self.out.write(b"\0" * (-len(data) % 4))

    def directory(self, name):
        """name and its parents, each once."""
        if name in ("", ".") or name in self.dirs:
            return
        self.directory(os.path.dirname(name))
        self.dirs.add(name)
        self.entry(name, 0o040755)

    def add(self, name, source):
        name = os.path.normpath(name).lstrip("/")
        st = os.lstat(source)
        if stat.S_ISDIR(st.st_mode):
            self.directory(name)
            for child in sorted(os.listdir(source)):
                self.add(os.path.join(name, child), os.path.join(source, child))
            return
        self.directory(os.path.dirname(name))
        if stat.S_ISLNK(st.st_mode):
            self.entry(name, 0o120777, os.readlink(source).encode())
        elif stat.S_ISREG(st.st_mode):
            with open(source, "rb") as f:
                data = f.read()
            self.entry(name, 0o100755 if st.st_mode & 0o111 else 0o100644, data)
        else:
            raise ValueError("%s: neither a file, a link nor a directory" % source)


def main(argv):
    if len(argv) < 3 or any("=" not in a for a in argv[2:]):
        sys.stderr.write("usage: mkinitramfs.py <out.cpio> <path>=<source> ...\n")
        return 2
    try:
        with open(argv[1], "wb") as out:
            cpio = Cpio(out)
            for d in ("bin", "dev", "proc", "sys", "sbin", "tmp"):
                cpio.directory(d)
            for arg in argv[2:]:
                name, source = arg.split("=", 1)
                cpio.add(name, source)
            cpio.entry("TRAILER!!!", 0)
    except (OSError, ValueError) as e:
        sys.stderr.write("mkinitramfs: %s\n" % e)
        if os.path.exists(argv[1]):
            os.unlink(argv[1])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
