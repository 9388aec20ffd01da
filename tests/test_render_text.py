"""The highlighted text of an article page: well formed, verbatim, every highlight exactly placed,
whatever the overlaps between quotes, notes and mentions (random cases), and linear in time."""

from __future__ import annotations

import random
import time
from types import SimpleNamespace

from sitebuild import parse_html

from leakarchive.engine.link import Mention, PlacedAnnotation, PlacedQuote, Span
from leakarchive.render.article_text import text_html

WORDS = ["the", "memo", "says", "that", "nobody", "&", "<b>no", "one</b>", "saw", "it", "“then”", "left"]


def article(body: str, quotes=(), notes=(), mentions=()):
    return SimpleNamespace(
        entry=SimpleNamespace(body=body),
        quotes=tuple(
            PlacedQuote(i + 1, str(i + 1), body[s:e], "someone", Span(s, e), None)
            for i, (s, e) in enumerate(quotes)
        ),
        annotations=tuple(
            PlacedAnnotation(i + 1, str(i + 1), body[s:e], "n", Span(s, e)) for i, (s, e) in enumerate(notes)
        ),
        mentions=tuple(Mention("someone", Span(s, e)) for s, e in mentions),
    )


def render(linked) -> str:
    return str(text_html(linked, lambda actor: f"../{actor}/", {"someone": "Someone"}))


def test_random_overlaps_stay_well_formed_and_exact():
    rng = random.Random(20261125)
    for _ in range(300):
        paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(3, 12))) for _ in range(rng.randint(1, 3))]
        body = "\n\n".join(paragraphs) + "\n"
        end = len(body) - 1

        visible = [i for i in range(end) if not body[i].isspace()]

        def span(visible=visible):
            # Like a found passage: it starts and ends on a visible character.
            start = rng.choice(visible)
            return start, rng.choice([i for i in visible if start <= i < start + 40]) + 1

        quotes = [span() for _ in range(rng.randint(0, 3))]
        notes = [span() for _ in range(rng.randint(0, 3))]
        mentions, position = [], 0
        while position < end - 2 and len(mentions) < 5:  # mentions never overlap each other
            start = rng.randint(position, end - 2)
            stop = rng.randint(start + 1, min(end, start + 8))
            if "\n" not in body[start:stop]:
                mentions.append((start, stop))
            position = stop + 1
        html = render(article(body, quotes, notes, mentions))
        root = parse_html(html)
        shown = [p.text for p in root.find_all("p")]
        assert shown == [p.strip() for p in paragraphs], html
        for kind, spans in (("quote", quotes), ("note", notes)):
            for number, (start, stop) in enumerate(spans, start=1):
                anchor = f"{kind}-{number}"
                marks = root.find_all("mark", data_anchor=anchor)
                assert len(root.find_all(id=anchor)) == 1 and marks[0].attrs.get("id") == anchor
                expected = "".join(body[start:stop].split())
                assert "".join("".join(m.text for m in marks).split()) == expected, (anchor, html)
        # A quote in one paragraph, crossed by no other quote, is one element.
        for number, (start, stop) in enumerate(quotes, start=1):
            crossed = any(s < start < e < stop or start < s < stop < e for s, e in quotes)
            if "\n\n" not in body[start:stop] and not crossed:
                assert len(root.find_all("mark", data_anchor=f"quote-{number}")) == 1, html
        assert len(root.find_all("a")) >= len(mentions)


def test_many_mentions_take_linear_time():
    body = " ".join(["Roe said so."] * 20_000) + "\n"
    mentions = [(i * 13, i * 13 + 3) for i in range(20_000)]
    started = time.perf_counter()
    html = render(article(body, quotes=[(4, 12)], notes=[(0, 200)], mentions=mentions))
    assert time.perf_counter() - started < 5.0  # quadratic would take minutes
    assert html.count('class="la-mention"') >= 20_000
