# SPDX-License-Identifier: BSD-2-Clause
#
# Sphinx configuration for hypstub's documents: `make docs` builds them to
# HTML in $(O)/docs/html with Debian's python3-sphinx, warnings as errors.
# Only Sphinx's own parts: no extension, the alabaster theme it ships with.

import os
import re

project = "hypstub"
author = "hypstub developers"
copyright = "hypstub developers"

# The version shown is the ABI's, read from its one definition.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                       "abi", "hypstub.h")) as header:
    _abi = dict(re.findall(r"#define HYPSTUB_ABI_VERSION_(MAJOR|MINOR)\s+HYPSTUB_U\((\d+)\)",
                           header.read()))
version = release = "ABI %s.%s" % (_abi["MAJOR"], _abi["MINOR"])

root_doc = master_doc = "index"
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = []
extensions = []

# The literal blocks are console transcripts, register lists and C
# fragments; none is to be highlighted as one language.
highlight_language = "none"

html_theme = "alabaster"
html_title = "hypstub documentation"
html_static_path = []
html_show_sourcelink = False
