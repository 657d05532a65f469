#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# check-relocs.sh <readelf> <nm> <elf>
#
# The conformance guest runs wherever it is placed with no relocation
# step, so the linked ELF (linked with -pie and --emit-relocs) must have:
#  - no dynamic relocation: an address stored in data would need one;
#  - no absolute relocation in its allocated sections except against
#    absolute symbols (link-time constants such as the image size in the
#    header), whatever the linker resolved statically.
set -eu

readelf=$1
nm=$2
elf=$3

# readelf prints "There are no relocations" or an empty .rela.dyn (arm64)
# or .rel.dyn (arm) table.
dynamic=$("$readelf" -W --dyn-syms -d -r "$elf" |
	awk '/^Relocation section .\.rela?\.dyn/ { on = 1; next }
	     /^Relocation section/ { on = 0 }
	     on && /R_(AARCH64|ARM)_/ { print }')
if [ -n "$dynamic" ]; then
	echo "$elf: dynamic relocations (an absolute address in data?):" >&2
	echo "$dynamic" >&2
	exit 1
fi

absolute_symbols=$("$nm" "$elf" | awk '$2 == "A" || $2 == "a" { print $3 }')

bad=$("$readelf" -W -r "$elf" |
	awk -v abs="$absolute_symbols" '
	BEGIN { n = split(abs, list, "\n"); for (i = 1; i <= n; i++) ok[list[i]] = 1 }
	/^Relocation section/ { sec = $3; next }
	$3 ~ /^R_AARCH64_(ABS(16|32|64)|MOVW_[US]ABS_)/ ||
	$3 ~ /^R_ARM_(ABS(8|12|16|32)|MOV[WT]_ABS|THM_MOV[WT]_ABS)/ {
		if (sec ~ /rela?\.dyn/) next
		sym = $5
		if (!(sym in ok)) print sec ": " $0
	}')
if [ -n "$bad" ]; then
	echo "$elf: absolute relocations against addresses:" >&2
	echo "$bad" >&2
	exit 1
fi
exit 0
