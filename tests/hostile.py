# ruff: noqa: E501 (the attacks are kept on one line each, as a contributor would write them)
"""A hostile archive: every field a contributor writes, filled with attacks.

It is valid (the attacks are in places the model accepts), so it goes through a real build; the
tests in test_site_hostile.py assert that what comes out is inert.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from leakarchive.text import canonical_body, sha256_text

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
CLOSE = "</script><script>alert(1)</script>"
ATTRIBUTES = '{: onclick="alert(1)" }'

ARTICLE_TITLE = f"{CLOSE} {IMG} {ATTRIBUTES} & &amp; <!-- </title><script>alert(1)</script>"
ACTOR_NAME = SCRIPT
OUTLET_NAME = IMG
ALIAS = 'x"><img src=x onerror=alert(1)>'
ATTRIBUTE_ALIAS = f"Evil {ATTRIBUTES}"
LEAK_TITLE = f"</title><script>alert(1)</script>{IMG}"
ODD_URLS = ["https://[2001:db8::1]/news", "https://خبرگزاری.example/خبر?q=1#x", "http://192.0.2.1:8080/"]
"""Valid, but each once crashed or tripped a step after validate (the offline copy parses links)."""
HOSTILE_URL = 'https://evil.example/?q="><script>alert(1)</script>&x=<img/src/onerror=alert(1)>'

# Markdown fields (summaries, notes, descriptions) with raw HTML and dangerous links.
MARKDOWN = f"""Raw {SCRIPT} and {IMG}.

[click](javascript:alert(1)) [vb](vbscript:msgbox(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [spaced]( JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1))

<a href="data:text/html,<script>alert(1)</script>">data link</a> <a href="javascript:alert(1)">js</a>

A paragraph with an attribute list
{ATTRIBUTES}

## Heading {ATTRIBUTES}

<iframe src="https://evil.example/"></iframe> <object data="x"></object> <embed src="x">

<p style="position:fixed;top:0;left:0;width:100%;height:100%">cover</p> <span onmouseover="alert(1)">hover</span>

<svg onload=alert(1)><circle r=1 /></svg> <math><mi xlink:href="javascript:alert(1)">x</mi></math>

<form action="javascript:alert(1)"><input type=submit><button formaction="javascript:alert(1)">b</button></form>

<meta http-equiv="refresh" content="0;url=javascript:alert(1)"> <base href="https://evil.example/">

![img](javascript:alert(1)) <img src="x" onerror="alert(1)"> [ref][r] <https://evil.example/auto>

[r]: javascript:alert(1)

<style>body{{display:none}}</style> <link rel=stylesheet href="https://evil.example/x.css">

<!-- <script>alert(1)</script> --> <![CDATA[<script>alert(1)</script>]]>

<div markdown="1">*not* markdown</div> <details open ontoggle=alert(1)><summary>s</summary></details>
"""

QUOTE_HTML = '<b onmouseover="alert(1)">bold</b>'
QUOTE_SCRIPT = "<script>alert(2)</script>"
NOTE_LINK = "[x](javascript:alert(1))"
BREAKOUT = "</div></article><script>alert(3)</script>"
ENTITIES = "&lt;script&gt; &amp; &#60;"
PLACEHOLDERS = "\x02wzxhzdk:0\x03 \x02wzxhzdk:1\x03 \x02klzzwxh:0\x03"

BODY = f"""The body has {SCRIPT} in it and a {QUOTE_HTML} claim.

It says {QUOTE_SCRIPT} too, and {NOTE_LINK} and <a href="javascript:alert(1)">a link</a>.

{ATTRIBUTES} <iframe src="https://evil.example/"></iframe> <div style="position:fixed">cover</div>

{BREAKOUT} {ALIAS} named again, and {ATTRIBUTE_ALIAS} too.

{ENTITIES} stay as typed.

    an indented line that Markdown would make code
* a list item *emphasis* `code` <https://evil.example/> **bold**
# a heading
---
{{{{ jinja }}}} {{% raw %}} ${{x}} [[wiki]] {PLACEHOLDERS}
"""


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_hostile_archive(folder: Path) -> Path:
    """Write the hostile archive into `folder` and return it."""
    actors = [
        {
            "id": "evil-name",
            "name": ACTOR_NAME,
            "kind": "person",
            "aliases": [ALIAS, ATTRIBUTE_ALIAS],
            "description": MARKDOWN,
            "affiliation": "evil-close",
            "links": [HOSTILE_URL, *ODD_URLS],
        },
        {"id": "evil-outlet", "name": OUTLET_NAME, "kind": "outlet", "description": NOTE_LINK},
        {
            "id": "evil-close",
            "name": f"{CLOSE} & </title><style>*{{display:none}}</style>",
            "kind": "state-body",
            "description": MARKDOWN,
        },
    ]
    for actor in actors:
        path = folder / "actors" / f"{actor['id']}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_yaml(actor), encoding="utf-8")
    leak = {
        "id": "evil-leak",
        "title": LEAK_TITLE,
        "kind": "memo",
        "date": "2009-12",
        "first_reported_by": "evil-outlet",
        "actors": ["evil-name", "evil-close"],
        "status": "disputed",
        "status_history": [
            {"status": "disputed", "date": "2010-01", "note": MARKDOWN, "evidence": [HOSTILE_URL]}
        ],
        "summary": MARKDOWN,
    }
    (folder / "leaks").mkdir(parents=True, exist_ok=True)
    (folder / "leaks" / "evil-leak.yml").write_text(_yaml(leak), encoding="utf-8")
    body = canonical_body(BODY)
    article = {
        "id": "2010-01-01-evil",
        "title": ARTICLE_TITLE,
        "date": "2010-01-01",
        "language": "en",
        "source": {
            "publisher": "evil-outlet",
            "url": HOSTILE_URL,
            "authors": [SCRIPT, IMG],
            "via": {"publisher": "evil-close", "url": HOSTILE_URL, "retrieved": "2026-11-24"},
            "archived_url": HOSTILE_URL,
        },
        "text_sha256": sha256_text(body),
        "summary": MARKDOWN,
        "leaks": [{"leak": "evil-leak", "stance": "reports", "note": MARKDOWN}],
        "quotes": [
            {"text": QUOTE_HTML, "speaker": "evil-name", "note": MARKDOWN},
            {"text": QUOTE_SCRIPT, "speaker": "evil-outlet"},
        ],
        "annotations": [{"text": NOTE_LINK, "note": MARKDOWN}],
        "verification": {"status": "disputed", "note": MARKDOWN},
        "tags": ["xss"],
    }
    path = folder / "articles" / "2010" / "2010-01-01-evil.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + _yaml(article) + "---\n" + body, encoding="utf-8")
    return folder
