# SPDX-License-Identifier: BSD-2-Clause
#
# Sourced by scripts/build-uboot.sh and scripts/build-tfa.sh: a Debian
# source package, unpacked once with `apt-get source`.
#
#   deb_source <package> <dir> <tag>
#
# prints the path of the unpacked <package>-* tree under <dir>, fetching it
# when <dir> holds no complete unpack (<dir>/.unpacked).  When apt has no
# deb-src entry for the package, one is added as
# /etc/apt/sources.list.d/hypstub-deb-src.sources (the deb entry's mirror
# and suites, Types: deb-src), then apt-get update.  Messages go to stderr,
# prefixed with <tag>; a failure exits the calling script.  Uses sudo when
# not root, for apt only.

deb_sudo=
if [ "$(id -u)" -ne 0 ]; then
	deb_sudo=sudo
fi

# The deb-src twin of the deb entry that serves this release from
# Debian's archive (deb822 or one-line form), as a deb822 stanza.
deb_src_stanza() {
	local codename
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	/usr/bin/python3 - "$codename" <<'PY'
import glob, re, sys
codename = sys.argv[1]
uri, suites, signed = None, None, None
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in re.split(r"\n\s*\n", open(path).read()):
        f = dict(re.findall(r"(?m)^([A-Za-z-]+):\s*(.*)$", stanza))
        if "deb" in f.get("Types", "").split() and codename in f.get("Suites", "").split():
            uri, suites, signed = f["URIs"].split()[0], f["Suites"], f.get("Signed-By")
            break
    if uri:
        break
if not uri:
    for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
        try:
            lines = open(path).read().splitlines()
        except OSError:
            continue
        for line in lines:
            m = re.match(r"\s*deb\s+(?:\[[^]]*\]\s+)?(\S+)\s+(\S+)\s", line)
            if m and m.group(2) == codename:
                uri, suites = m.group(1), codename + " " + codename + "-updates"
                break
        if uri:
            break
if not uri:
    sys.exit("no deb entry for %r in apt's sources" % codename)
print("Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main" % (uri, suites))
if signed:
    print("Signed-By: " + signed)
PY
}

deb_source() {
	local pkg=$1 dir=$2 tag=$3 tree
	tree=$(find "$dir" -maxdepth 1 -type d -name "$pkg-*" 2>/dev/null | head -n 1)
	if [ -n "$tree" ] && [ -e "$dir/.unpacked" ]; then
		echo "$tree"
		return
	fi
	if ! apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$"; then
		echo "$tag: apt has no deb-src entry for $pkg: adding /etc/apt/sources.list.d/hypstub-deb-src.sources" >&2
		deb_src_stanza | $deb_sudo tee /etc/apt/sources.list.d/hypstub-deb-src.sources >&2
		$deb_sudo apt-get update -q >&2 || echo "$tag: apt-get update reported errors; trying anyway" >&2
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	echo "$tag: apt-get source $pkg" >&2
	(cd "$dir" && apt-get source -q "$pkg") >"$dir.apt-get-source.log" 2>&1 || {
		tail -n 20 "$dir.apt-get-source.log" >&2
		echo "$tag: apt-get source $pkg failed (log: $dir.apt-get-source.log)" >&2
		exit 1
	}
	tree=$(find "$dir" -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
	[ -n "$tree" ] || { echo "$tag: apt-get source left no $pkg-* tree in $dir" >&2; exit 1; }
	touch "$dir/.unpacked"
	echo "$tree"
}
