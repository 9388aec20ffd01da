"""Contributor Markdown (summaries, notes, descriptions): its budgets, and its safe HTML.

One module for both sides, so that what `validate` accepts is exactly what the renderer can
turn into HTML: `markdown_problem` is the check (the model calls it on every Markdown field),
`prose_html` the rendering (the templates' `prose` filter), which refuses what the check refuses.
Python-Markdown recurses once per level of nested lists and block quotes, and reads on from each
'[', '(' or '<' to what closes it; unchecked, a small field could crash or stall the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

import markdown
import nh3
from markupsafe import Markup

from .budgets import (
    MARKDOWN_SCAN_ALLOWANCE,
    MARKDOWN_SCAN_PER_CHARACTER,
    MAX_MARKDOWN,
    MAX_MARKDOWN_DEPTH,
    MAX_MARKDOWN_MARKS,
)
from .errors import LeakArchiveError

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "em", "i", "li", "ol", "p", "pre", "q",
        "s", "strong", "sub", "sup", "ul",
    }
)  # fmt: skip
"""What a contributor's Markdown may become; nh3 drops every other element."""


class MarkdownError(LeakArchiveError, ValueError):
    """A Markdown field over a budget (see `markdown_problem`)."""


def markdown_problem(text: str) -> str | None:
    """Why the renderer would refuse `text`, in a contributor's words, or None.

    Linear in the length of `text`: this runs on every Markdown field of the archive.
    """
    if len(text) > MAX_MARKDOWN:
        return f"expected Markdown of at most {MAX_MARKDOWN:,} characters, found {len(text):,}"
    depth, line = nesting_depth(text)
    if depth > MAX_MARKDOWN_DEPTH:
        return (
            f"expected lists and block quotes nested at most {MAX_MARKDOWN_DEPTH} deep, found "
            f"{depth:,} on line {line} of the field (each '-', '*', '+', '1.', '>' or 4 spaces at "
            "the start of a line opens a level)"
        )
    marks, line = busiest_paragraph(text)
    if marks > MAX_MARKDOWN_MARKS:
        return (
            f"expected at most {MAX_MARKDOWN_MARKS} Markdown marks (* _ ` \\ & < [ ! or a line "
            f"break) in one paragraph, found {marks:,} in the paragraph on line {line} of the field; "
            "split it with blank lines"
        )
    scan, limit = bracket_scan(text), scan_limit(text)
    if scan > limit:
        return (
            "expected brackets that close near where they open ('[' with ']', '(' with ')', "
            f"'<' with '>'): to match them the renderer would read {scan:,} characters, over the "
            f"{limit:,} allowed for this field ({MARKDOWN_SCAN_PER_CHARACTER} per character); "
            "close them, or write the stray ones as \\[ \\( \\<"
        )
    return None


def prose_html(text: str | None) -> Markup:
    """A contributor's Markdown as clean HTML, without blank lines (see `no_blank_lines`).

    nh3 (a maintained allowlist sanitiser) drops scripts, event handlers, styles and every link
    that is not http(s); links open as plain links with rel="noopener noreferrer nofollow".
    Raises MarkdownError on a field `markdown_problem` refuses, which `validate` reports first.
    """
    if not text:
        return Markup("")
    return _prose_html(text)


@lru_cache(maxsize=65536)
def _prose_html(text: str) -> Markup:
    problem = markdown_problem(text)
    if problem:
        raise MarkdownError(problem)
    converter = _markdown()
    converter.reset()
    html = converter.convert(text)
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(no_blank_lines(clean))


@cache
def _markdown() -> markdown.Markdown:
    # No extensions: attribute lists and raw HTML features are exactly what we must not offer.
    return markdown.Markdown(extensions=[], output_format="html")


_BLANK_LINE = re.compile(r"\n[^\S\n]*(?=\n)")


def no_blank_lines(text: str) -> str:
    """`text` without blank lines, which would end an HTML block in Markdown.

    Each empty line becomes `&#10;`: still white space in running text, still an empty line in
    <pre>. Every HTML block of a generated page is thus one run of lines, so Python-Markdown
    passes it through whole and `stash_html_blocks` can find it.
    """
    return _BLANK_LINE.sub("\n&#10;", text)


# --- the budgets' measures --------------------------------------------------------------------

# What may open a level at the start of a line: indentation, a block quote's '>', a list marker.
_LINE_START = re.compile(r"(?:[ \t]|>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))+")
_MARKER = re.compile(r">|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_MARKER_SPACE = re.compile(r"(?:>|[-*+]|\d{1,9}[.)])[ \t]?|[^ \t]")


def nesting_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of lists and block quotes in `text`, and its line (1-based).

    Counted from the start of each line, generously: each '>' and each list marker opens a level,
    and so do each 4 columns of indentation (a tab is 4), whatever Markdown would make of them.
    """
    deepest, where = 0, 1
    for number, line in enumerate(text.split("\n"), start=1):
        prefix = _LINE_START.match(line)
        if prefix is None:
            continue
        markers = len(_MARKER.findall(prefix.group()))
        indent = _MARKER_SPACE.sub("", prefix.group())  # the space a marker needs is no indent
        depth = markers + (indent.count(" ") + 4 * indent.count("\t")) // 4
        if depth > deepest:
            deepest, where = depth, number
    return deepest, where


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_MARKS = re.compile(r"\\.|[*_`&<\[!]| {2,}\n", re.DOTALL)


def busiest_paragraph(text: str) -> tuple[int, int]:
    """The most inline marks (see `budgets.MAX_MARKDOWN_MARKS`) in one paragraph of `text`, and
    the line (1-based) where that paragraph starts; a blank line ends a paragraph."""
    most, where, start, line = 0, 1, 0, 1
    breaks = [(match.start(), match.end()) for match in _PARAGRAPH_BREAK.finditer(text)]
    for end, next_start in [*breaks, (len(text), len(text))]:
        marks = len(_MARKS.findall(text, start, end))
        if marks > most:
            most, where = marks, line
        line += text.count("\n", start, next_start)
        start = next_start
    return most, where


_BRACKETS = re.compile(r"\\.|[\[\]()<>\"']|\n[ \t]*(?=\n)", re.DOTALL)


def bracket_scan(text: str) -> int:
    """How many characters Python-Markdown may read to match the brackets of `text`.

    Its link and image patterns read from each '[' to the matching ']' and from a link's '('
    (after ']') to the matching ')', and its HTML patterns from each '<' to the next '>'. One that
    never closes, or a link's '(' with a quote mark inside (a title, which changes how it counts),
    is read on to the end of its paragraph. This sums those distances (a blank line ends a
    paragraph; an escaped bracket, `\\[`, opens nothing) in one pass over the brackets, three
    times: three patterns try each bracket (a link, a reference, a short reference; or the same
    for an image).
    """
    total = 0
    squares: list[int] = []
    links: list[list] = []  # [where a link's '(' is, whether a quote mark follows it]
    angles: list[int] = []  # '<' not yet closed by a '>'
    to_the_end: list[int] = []  # links' '(' read to the end of the paragraph
    for match in _BRACKETS.finditer(text):
        char, at = match.group(), match.start()
        if char == "[":
            squares.append(at)
        elif char == "]" and squares:
            total += at - squares.pop()
        elif char == "(" and (links or text[at - 1 : at] == "]"):
            links.append([at, False])  # only a link's '(' is read on: after ']', or inside one
        elif char == ")" and links:
            start, quoted = links.pop()
            if quoted and links:
                links[-1][1] = True
            elif quoted:
                to_the_end.append(start)
            else:
                total += at - start
        elif char in "\"'" and links:
            links[-1][1] = True
        elif char == "<":
            angles.append(at)
        elif char == ">":
            total += _read_to(at, angles)
            angles = []
        elif char.startswith("\n"):  # a blank line: whatever is still open was read up to here
            total += _read_to(at, [*squares, *(link[0] for link in links), *angles, *to_the_end])
            squares, links, angles, to_the_end = [], [], [], []
    total += _read_to(len(text), [*squares, *(link[0] for link in links), *angles, *to_the_end])
    return 3 * total


def _read_to(end: int, starts: list[int]) -> int:
    return len(starts) * end - sum(starts)


def scan_limit(text: str) -> int:
    """The most bracket matching (`bracket_scan`) allowed to a field as long as `text`."""
    return MARKDOWN_SCAN_PER_CHARACTER * len(text) + MARKDOWN_SCAN_ALLOWANCE


# --- links between entries -----------------------------------------------------------------

LINK_TARGET = re.compile(r"\]\(\s*<?([^()\s<>]*)")
"""The target of an inline Markdown link `[text](target "title")`."""

REFERENCE_TARGET = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:\s*<?([^\s<>]+)")
"""The target of a reference definition `[name]: target`."""


ID_LINK = re.compile(r"(actor|leak|article):([a-z0-9]+(?:-[a-z0-9]+)*)")
"""A link to an entry of the archive by id, as contributors write it in Markdown fields:
`[Abbas Milani](actor:abbas-milani)`, `[the memo](leak:irib-protest-coverage-memo)`."""

_ID_LINK_TARGET = re.compile(
    r"(\]\(\s*<?|(?m:^ {0,3}\[[^\]\n]+\]:\s*<?))" + ID_LINK.pattern + r"(?=[\s>)]|$)"
)


def id_link(target: str) -> tuple[str, str] | None:
    """The kind and id an id link names (`actor:abbas-milani`), or None for any other target."""
    found = ID_LINK.fullmatch(target)
    return (found.group(1), found.group(2)) if found else None


def resolve_id_links(markdown: str, href: Callable[[str, str], str | None]) -> str:
    """`markdown` with each id link's target replaced by `href(kind, id)` (a target `href`
    gives None for is left as written, and the sanitiser drops it)."""
    if ":" not in markdown:
        return markdown

    def replace(match: re.Match) -> str:
        url = href(match.group(2), match.group(3))
        return match.group(1) + url if url else match.group(0)

    return _ID_LINK_TARGET.sub(replace, markdown)


def link_targets(text: str) -> list[str]:
    """The targets of the links written in a Markdown text, inline and by reference."""
    return [m.group(1) for m in LINK_TARGET.finditer(text)] + [
        m.group(1) for m in REFERENCE_TARGET.finditer(text)
    ]
