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

# --- text fields ----------------------------------------------------------------------------

MAX_LINE = 300
"""Longest title, name, alias or byline: a heading, not a paragraph."""
MAX_SLUG = 100
"""Longest id."""
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
