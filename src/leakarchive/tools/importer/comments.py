"""The draft's comment blocks for the editor: the actors the text names, candidate quotes, and
the lines removed from the page."""

from __future__ import annotations

from ...engine.link import MentionFinder
from ...text import normalize
from ..draft import comment_text, yaml_str
from .cleaning import Removed
from .lines import words
from .quotes import CandidateQuote


def actors_comment(body: str, finder: MentionFinder) -> list[str]:
    """The archive's actors the text names, with the forms it names them by."""
    mentions = finder.find(normalize(body))
    if not mentions:
        return ["No actor of the archive is named in the text."]
    forms: dict[str, list[str]] = {}
    for mention in mentions:
        form = " ".join(body[mention.span.start : mention.span.end].split())
        if form not in forms.setdefault(mention.actor, []):
            forms[mention.actor].append(form)
    lines = [
        "Actors of the archive named in the text: the page links them by itself; list under",
        "actors: only those the article concerns without naming them.",
    ]
    for actor in sorted(forms):
        lines.append(f"  {actor}: " + ", ".join(comment_text(yaml_str(f), 60) for f in forms[actor]))
    return lines


def quotes_comment(quotes: list[CandidateQuote]) -> list[str]:
    """The candidate quotes, commented out until an editor checks them."""
    if not quotes:
        return [
            'quotes: []  # direct quotations: - {text: "<the exact words>", speaker: <actor id>} '
            "(none found between quotation marks)"
        ]
    lines = [
        "# quotes:  # CANDIDATES: text found between quotation marks. Keep the real quotations (not",
        "#          # terms in quotation marks), check each speaker, then uncomment what you keep.",
    ]
    for quote in quotes:
        lines.append(f"#   - text: {yaml_str(quote.text)}")
        if quote.prefix:
            lines.append(f"#     prefix: {yaml_str(quote.prefix)}  # the words occur twice: this says which")
        lines.append(_speaker_line(quote))
    return lines


def _speaker_line(quote: CandidateQuote) -> str:
    """The quote's `speaker:` line, saying how sure the guess is (and if it is a mere term)."""
    speaker = quote.speaker
    count = words(quote.text)
    short = (
        f"; {count} word{'s' if count != 1 else ''}: a term rather than a quotation?" if count <= 3 else ""
    )
    if speaker and speaker.actor:
        return f"#     speaker: {speaker.actor}  # {comment_text(speaker.label, 80)}{short}"
    if speaker and speaker.suggested:
        return (
            f"#     speaker: {speaker.suggested}  # {comment_text(speaker.label, 60)}: NO SUCH ACTOR YET "
            f"(`leakarchive new actor {comment_text(yaml_str(speaker.name or ''), 60)} --kind person`)"
            + short
        )
    if speaker:
        return (
            f'#     speaker: ""  # {comment_text(speaker.label, 60)}: '
            f"choose the actor who said or wrote it{short}"
        )
    return f'#     speaker: ""  # no speaker named nearby{short}'


def removed_comment(removed: list[Removed], kind: str) -> list[str]:
    """Every line removed from the page, where it was and why."""
    if not removed:
        return ["Nothing was removed from the page's text."]
    where = "line" if kind == "plain text" else "line of the extracted text"
    lines = ["Removed from the page (check that none of it belongs to the article):"]
    for item in removed:
        lines.append(f"  {where} {item.line}, {item.reason}: {comment_text(item.text, 90)}")
    return lines
