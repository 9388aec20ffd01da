"""Files a reviewer would send back, shown as drafts in previews: which problems refuse the
archive, and the notice on a draft's page saying what is left to do."""

from __future__ import annotations

from dataclasses import replace

from markupsafe import escape

from ..problems import Problem, printable
from .pages import Page


def refused_and_drafts(
    problems: tuple[Problem, ...], *, preview: bool
) -> tuple[list[Problem], dict[str, list[Problem]]]:
    """The problems that stop the build, and (in a local preview) the unfinished files by path.

    A preview shows a file a reviewer would send back (severity "review") as a page marked as a
    draft, so a contributor sees their work while finishing it; a build to publish refuses it.
    """
    refused = [p for p in problems if p.severity == "error" or (p.severity == "review" and not preview)]
    drafts: dict[str, list[Problem]] = {}
    if preview:
        for problem in problems:
            if problem.severity == "review":
                drafts.setdefault(problem.path, []).append(problem)
    return refused, drafts


def marked_draft(page: Page, drafts: dict[str, list[Problem]]) -> Page:
    """The page with a notice saying what is left, if its file is built as a draft."""
    if page.source not in drafts:
        return page
    return replace(page, markdown=with_notice(page.markdown, draft_notice(drafts[page.source])))


def with_notice(markdown: str, notice: str) -> str:
    """`markdown` with an HTML block at the top of its content (after its front matter)."""
    end = markdown.find("\n---\n", 4) + 5 if markdown.startswith("---\n") else 0
    return f"{markdown[:end]}\n{notice}\n\n{markdown[end:].lstrip(chr(10))}"


def draft_notice(problems: list[Problem]) -> str:
    """The note at the top of a draft's page in a preview: what is left to do. One HTML block."""
    items = "".join(
        f"<li>line {p.line}: {escape(printable(f'{p.field}: ' if p.field else '') + p.message)}</li>"
        for p in problems
    )
    return (
        '<div class="admonition warning leakarchive-draft" role="note"><p class="admonition-title">'
        "Draft: not ready to publish</p><p>Shown in previews only; "
        f"<code>leakarchive validate</code> refuses it until this is done:</p><ul>{items}</ul></div>"
    )
