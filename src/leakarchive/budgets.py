"""Every limit on what a contributor's files may hold, in one place.

A pull request is untrusted input built by CI, so each input has a budget: the work of every
command stays linear in what it reads, and nothing a contributor writes can crash, stall or
exhaust the build. Each limit is enforced where the input is read, and a value over it is a
problem naming the file, the line, the field, the limit and the size found. The same list is in
docs/contributing.md ("Limits") and the README; a test checks that they agree.
"""

from __future__ import annotations

# --- files ----------------------------------------------------------------------------------

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Largest archive file: no real article is this long, and a parser should not be fed one."""
MAX_YAML_DEPTH = 12
"""Deepest nesting of mappings and lists in a file; the model needs four."""
MAX_YAML_NODES = 20_000
"""Most values in one file's YAML; a defence against files built to exhaust the parser."""
MAX_REPEATED_KEYS = 100
"""Most repeated keys reported in one file (all are reported at once, up to this many): more is a
generated file, and a longer list would drown the rest of the report."""

# --- text fields ----------------------------------------------------------------------------

MAX_LINE = 300
"""Longest title or byline: a heading, not a paragraph."""
MAX_NAME = 120
"""Longest name or alias of an actor ("Islamic Revolutionary Guard Corps Intelligence
Organization" is 63): each is compiled into the pattern that finds mentions in every text."""
MAX_SLUG = 100
"""Longest id."""
MAX_URL = 2_000
"""Longest address; browsers and servers refuse far shorter ones in practice."""
MAX_MARKDOWN = 20_000
"""Longest Markdown field (a summary, note or description), in characters."""
MAX_MARKDOWN_DEPTH = 10
"""Deepest nesting of lists and block quotes in a Markdown field. Python-Markdown recurses once
per level, so a thousand nested list markers would crash the build."""
MAX_MARKDOWN_MARKS = 300
"""Most inline marks (`*`, `_`, backquote, backslash, `&`, `<`, `[`, `!`, a hard line break) in one
paragraph of a Markdown field. Python-Markdown searches a paragraph again from its start after
each one it turns into an element, so its work grows with their number times the paragraph's
length."""
MARKDOWN_SCAN_PER_CHARACTER = 30
"""How many characters Python-Markdown may read, per character of a Markdown field, to match
its brackets. Each '[', '(' or '<' makes it read on to the one that closes it, or to the end of
the paragraph; an unclosed one per few characters makes rendering grow with the square of the
field's length."""
MARKDOWN_SCAN_ALLOWANCE = 3_000
"""Characters of such reading allowed to any Markdown field, however short."""

# --- lists in one file ----------------------------------------------------------------------

MAX_QUOTES = 500
"""Most quotes in one article."""
MAX_ANNOTATIONS = 500
"""Most annotations in one article."""
MAX_ALIASES = 100
"""Most aliases of one actor: every alias is compiled into the pattern that finds mentions."""
MAX_LINKS = 100
"""Most links of one actor, or pieces of evidence of one status change."""

# --- mentions -------------------------------------------------------------------------------

MAX_ALIAS_SHARE = 0.5
"""An alias found in more than this share of the archive's articles (and in at least
`ALIAS_SHARE_FLOOR` of them) is refused unless its actor lists it under `broad_aliases`: one
small file would otherwise link most of the archive to one actor."""
ALIAS_SHARE_FLOOR = 20
"""Articles an alias must be found in before `MAX_ALIAS_SHARE` applies: in a small archive any
actor is in a large share."""

# --- the importer and `new` -----------------------------------------------------------------

MAX_IMPORT_BYTES = 20 * 1024 * 1024
"""Largest page or text given to `leakarchive import` or `leakarchive new --text`. Read with a
cap: `--text /dev/zero` is refused after this many bytes, not read for ever."""
