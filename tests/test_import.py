"""`leakarchive import`: saved pages and copied text -> article drafts that validate.

The pages under tests/fixtures/import/ are written for these tests (see its README): heavy site
clutter around a short invented article, in English, Persian (right to left), Arabic and Spanish.
"""

from __future__ import annotations

import re
import shutil
import socket
from datetime import date
from pathlib import Path

import pytest

from leakarchive.engine.load import parse_text
from leakarchive.engine.pipeline import check_archive
from leakarchive.model import Article, PartialDate
from leakarchive.text import canonical_body, fold, sha256_text
from leakarchive.tools.cli import main
from leakarchive.tools.importer.article import import_page
from leakarchive.tools.importer.cleaning import clean_lines
from leakarchive.tools.importer.lines import end_marker, find_date
from leakarchive.tools.importer.outlets import Outlets

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "import"
SEED = ROOT / "tests" / "fixtures" / "seed" / "000_99875763ef2dd32d.txt"
SEED_ARTICLE = ROOT / "archive" / "articles" / "2010" / "2010-01-12-steady-drip-of-leaks.md"
SEED_URL = (
    "https://www.iranfocus.com/en/iran-general-news/"
    "steady-drip-of-leaks-corrodes-the-core-of-the-iranian-regime/"
)
TODAY = date(2026, 11, 25)

TEST_ACTORS = {
    "the-example-chronicle": """id: the-example-chronicle
name: "The Example Chronicle"
kind: outlet
links:
  - "https://www.chronicle.example/"
""",
    "iran-watch-example": """id: iran-watch-example
name: "Iran Watch Example"
kind: outlet
links:
  - "https://watch.example/"
""",
    "khabar-example": """id: khabar-example
name: "Khabar Example"
kind: outlet
aliases:
  - "خبرنامه نمونه"
links:
  - "https://www.khabar.example/"
""",
    "shabaka-example": """id: shabaka-example
name: "Al-Shabaka Example"
kind: outlet
aliases:
  - "الشبكة المثال"
""",
    "maryam-kazemi": """id: maryam-kazemi
name: "Maryam Kazemi"
kind: person
aliases:
  - "مریم کاظمی"
""",
    "karim-nouri": """id: karim-nouri
name: "Karim Nouri"
kind: person
aliases:
  - "كريم نوري"
""",
}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The real archive's actors and leaks (no articles), plus the invented test outlets and people."""
    folder = tmp_path / "archive"
    shutil.copytree(ROOT / "archive" / "actors", folder / "actors")
    shutil.copytree(ROOT / "archive" / "leaks", folder / "leaks")
    (folder / "articles").mkdir()
    for actor_id, text in TEST_ACTORS.items():
        (folder / "actors" / f"{actor_id}.yml").write_text(text, encoding="utf-8")
    return folder


def run_import(name: str, archive: Path, **options):
    path = SEED if name == "seed" else FIXTURES / name
    return import_page(path.read_bytes(), str(path), archive=archive, today=TODAY, **options)


def expected(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def archived_seed() -> tuple[Article, str]:
    record, problems = parse_text(SEED_ARTICLE.read_text(encoding="utf-8"), "article", "seed")
    assert problems == []
    return Article.model_validate(record.data), canonical_body(record.body or "")


def draft_problems(archive: Path, result) -> list[str]:
    """Write the draft where the importer would, and validate the whole archive."""
    draft = result.draft
    path = archive / "articles" / str(draft.date.year) / f"{draft.id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.text, encoding="utf-8")
    return [str(p) for p in check_archive(archive).problems if p.severity == "error"]


def uncomment_quotes(text: str, speakers: dict[int, str] | None = None) -> str:
    """The draft with its candidate quotes uncommented, as an editor keeping them all would."""
    out, number, inside = [], -1, False
    for line in text.split("\n"):
        if line.startswith("# quotes:"):
            inside = True
            out.append("quotes:")
            continue
        if inside and line.startswith("#          #"):
            continue
        if inside and (line.startswith("#   - ") or line.startswith("#     ")):
            line = line[2:]
            if line.startswith("  - text:"):
                number += 1
            if line.startswith("    speaker:") and speakers and number in speakers:
                line = f"    speaker: {speakers[number]}"
        else:
            inside = False
        out.append(line)
    return "\n".join(out)


# --- the seed -------------------------------------------------------------------------------


def test_seed_text_gives_the_archived_text_byte_for_byte(archive):
    result = run_import("seed", archive, url=SEED_URL, when="2010-01-12")
    article, body = archived_seed()
    assert result.cleaned.body == body
    assert result.draft.body.encode("utf-8") == body.encode("utf-8")
    assert result.draft.checksum == article.text_sha256 == sha256_text(body)
    assert result.text.endswith("\n\n" + body)


def test_seed_fields_match_the_archived_article(archive):
    result = run_import("seed", archive, url=SEED_URL, when="2010-01-12")
    article, _ = archived_seed()
    draft = result.draft
    assert draft.title == article.title
    assert str(draft.date) == str(article.date)
    assert draft.language == article.language == "en"
    # The page is Iran Focus's copy of a New York Times article: the draft says so, like the archive.
    assert draft.publisher == article.source.publisher == "new-york-times"
    assert draft.via.publisher == article.source.via.publisher == "iran-focus"
    assert draft.via.url == SEED_URL
    assert draft.url is None  # --url is the copy's address, not the original's


def test_seed_removes_the_clutter_the_archive_removed(archive):
    result = run_import("seed", archive, url=SEED_URL, when="2010-01-12")
    reasons = {item.line: item.reason for item in result.cleaned.removed}
    assert reasons[1] == "before the article"  # "Iran General NewsSteady drip of..."
    assert reasons[3] == "the headline"
    assert reasons[6] == "image caption"  # "ImageNew York Times: Beatings, ..."
    assert reasons[8] == "outlet name"  # "The New York Times"
    assert reasons[11] == "image marker before a paragraph"  # "ImageDUBAI, ..."
    assert reasons[55].startswith('"latest news" block')
    for clutter in ("Latest news", "Must read", "You might also like", "Image", "Iran General News"):
        assert clutter not in result.cleaned.body


def test_seed_draft_validates_and_says_what_to_check(archive):
    result = run_import("seed", archive, url=SEED_URL, when="2010-01-12")
    assert draft_problems(archive, result) == []
    text = result.text
    assert '#   abbas-milani: "Abbas Milani", "Mr. Milani"' in text
    assert '#   irgc: "Revolutionary Guards", "Guards", "I.R.G.C."' in text
    assert "retrieved: 2026-11-25" in text


def test_seed_candidate_quotes_are_the_archived_quotes_with_their_speakers(archive):
    result = run_import("seed", archive, url=SEED_URL, when="2010-01-12")
    article, _ = archived_seed()
    found = re.findall(r'^#   - text: "(.*)"$', result.text, re.M)
    assert [fold(q) for q in found] == [fold(q.text) for q in article.quotes]
    speakers = re.findall(r"^#     speaker: (\S+)", result.text, re.M)
    archived = [q.speaker for q in article.quotes]
    # Named speakers are found; "the note said" and "the memo said" are left to the editor.
    for index, speaker in enumerate(speakers):
        if speaker != '""':
            assert speaker == archived[index]
    assert speakers.count('""') == 7
    assert speakers[2:7] == [
        "abbas-milani",
        "farideh-farhi",
        "farideh-farhi",
        "alireza-nader",
        "alireza-nader",
    ]
    assert speakers[-1] == "michael-axworthy"
    assert "# the note said (the quotation goes on)" in result.text


def test_uncommented_candidate_quotes_anchor_in_the_text(archive):
    result = run_import("seed", archive, url=SEED_URL, when="2010-01-12")
    article, _ = archived_seed()
    speakers = {i: q.speaker for i, q in enumerate(article.quotes)}
    result.text = uncomment_quotes(result.text, speakers)
    assert "\nquotes:\n  - text:" in result.text
    assert draft_problems(archive, result) == []
    checked = check_archive(archive)
    (linked,) = checked.graph.articles.values()
    assert len(linked.quotes) == 13


# --- saved HTML pages -----------------------------------------------------------------------


def test_html_page_with_heavy_clutter(archive):
    result = run_import("chronicle-leaked-recording.html", archive)
    body = result.cleaned.body
    assert body == expected("chronicle-leaked-recording.expected.txt")
    for clutter in (
        "cookies", "Accept all", "Subscribe", "Middle East", "Share on", "Photograph", "Read more",
        "Oil workers strike", "newsletter", "Latest news", "Rial falls", "Related", "Comments",
        "reader1987", "deputy minister", "©", "Privacy policy", "Topics", "Last modified",
    ):  # fmt: skip
        assert clutter not in body
    draft = result.draft
    assert draft.title == "Leaked recording casts doubt on ministry’s denials"
    assert str(draft.date) == "2021-04-27"
    assert draft.authors == ["Sara Hosseini", "Daniel Brooks"]
    assert draft.language == "en"
    assert draft.publisher == "the-example-chronicle"
    assert draft.url == "https://www.chronicle.example/world/2021/04/27/leaked-recording-ministry-denials"
    assert draft.id == "2021-04-27-leaked-recording-casts-doubt-on-ministrys-denials"
    assert draft_problems(archive, result) == []


def test_html_quote_speakers(archive):
    text = run_import("chronicle-leaked-recording.html", archive).text
    assert (
        "#     speaker: leila-farahani  # said Leila Farahani: NO SUCH ACTOR YET "
        '(`leakarchive new actor "Leila Farahani" --kind person`)' in text
    )
    assert "#     speaker: martin-cole  # he said: Martin Cole" in text
    assert '#     speaker: ""  # one of the speakers says: choose the actor' in text
    assert '#   - text: "a crude montage"\n#     speaker: ""  # no speaker named nearby; 3 words' in text


def test_url_option_wins_over_the_page_address(archive):
    url = "https://www.chronicle.example/world/2021/04/27/leaked-recording-ministry-denials?amp=1"
    result = run_import("chronicle-leaked-recording.html", archive, url=url)
    assert result.draft.url == url
    assert 'url: "' + url + '"  # from --url' in result.text


def test_right_to_left_persian_page(archive):
    result = run_import("khabar-leaked-memo.fa.html", archive)
    body = result.cleaned.body
    assert body == expected("khabar-leaked-memo.fa.expected.txt")
    # trafilatura alone would delete the zero-width non-joiners of Persian spelling.
    assert "می\u200cدهد" in body and "اعتراض\u200cهای" in body
    draft = result.draft
    assert draft.title == "افشای یک صورت\u200cجلسه درباره پوشش خبری اعتراض\u200cها"
    assert draft.language == "fa"
    assert str(draft.date) == "2021-05-03"
    assert draft.authors == ["نسرین احمدی"]
    assert draft.publisher == "khabar-example"
    for clutter in ("کوکی", "صفحه اصلی", "خبر فوری", "بیشتر بخوانید", "آخرین اخبار", "مطالب مرتبط", "حقوق"):
        assert clutter not in body
    assert '#   maryam-kazemi: "مریم کاظمی"' in result.text
    assert "#     speaker: maryam-kazemi  # مریم کاظمی, named next to the quotation" in result.text
    assert draft_problems(archive, result) == []


def test_republished_page_credits_the_original_publisher(archive):
    result = run_import("watch-republished.html", archive)
    assert result.cleaned.body == expected("watch-republished.expected.txt")
    draft = result.draft
    assert draft.publisher == "the-example-chronicle"  # the lone "The Example Chronicle" line
    assert draft.via.publisher == "iran-watch-example"  # the site, by its address
    assert draft.via.url == "https://watch.example/2021/04/leaked-recording-casts-doubt/"
    assert draft.via.retrieved == "2026-11-25"
    assert draft.authors == []  # "admin" is no byline
    assert "guessed by htmldate" in result.text  # no stated publication date: the editor checks
    assert draft_problems(archive, result) == []


def test_import_makes_no_network_request(archive, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the importer tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = run_import("khabar-leaked-memo.fa.html", archive)
    assert result.cleaned.body == expected("khabar-leaked-memo.fa.expected.txt")


# --- copied plain text ----------------------------------------------------------------------


def test_arabic_text_copied_from_a_page(archive):
    result = run_import("shabaka-leaked-minutes.ar.txt", archive)
    assert result.cleaned.body == expected("shabaka-leaked-minutes.ar.expected.txt")
    draft = result.draft
    assert draft.title == "تسريب وثيقة عن اجتماع أمني في طهران"
    assert str(draft.date) == "2021-05-12"
    assert draft.authors == ["سامي الحداد"]
    assert draft.language == "ar"
    assert draft.publisher == "shabaka-example"  # the lone outlet-name line
    reasons = [item.reason for item in result.cleaned.removed]
    assert "link to another article" in reasons and "byline" in reasons and "date" in reasons
    assert reasons[-1].startswith('"الأكثر قراءة" block')
    assert "#     speaker: karim-nouri" in result.text
    assert draft_problems(archive, result) == []


def test_spanish_text_copied_from_a_page(archive):
    result = run_import("diario-grabacion.es.txt", archive, publisher="the-example-chronicle")
    assert result.cleaned.body == expected("diario-grabacion.es.expected.txt")
    draft = result.draft
    assert draft.title == "Una grabación filtrada pone en duda la versión oficial"
    assert str(draft.date) == "2021-05-12"
    assert draft.authors == ["Lucía Ramos", "Diego Ferrer"]
    assert draft.language == "es"
    assert "#     speaker: ana-beltran  # dijo Ana Beltrán: NO SUCH ACTOR YET" in result.text
    assert draft_problems(archive, result) == []


def test_unknown_publisher_leaves_one_problem_to_fix(archive):
    result = run_import("diario-grabacion.es.txt", archive)
    assert result.draft.publisher == "unknown-publisher"
    problems = draft_problems(archive, result)
    assert len(problems) == 1
    assert "source.publisher: expected the id of an actor" in problems[0]


@pytest.mark.parametrize(
    "name",
    ["seed", "shabaka-leaked-minutes.ar.txt", "diario-grabacion.es.txt"],
)
def test_text_lines_are_kept_whole_and_in_order(archive, name):
    """Every paragraph of the draft is a line of the input (less an "Image" marker), in order."""
    source = (SEED if name == "seed" else FIXTURES / name).read_text(encoding="utf-8")
    lines = [line.strip() for line in source.split("\n") if line.strip()]
    position = 0
    for paragraph in run_import(name, archive).cleaned.paragraphs:
        while not (lines[position] == paragraph or lines[position] == "Image" + paragraph):
            position += 1
        position += 1


# --- the pieces -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("Latest news", "latest news"),
        ("You might also likeRELATED", "you might also like"),
        ("Comments (2)", "comments"),
        ("Related", "related"),
        ("Must read", "must read"),
        ("Related to this, the minister said the file was a forgery.", None),
        ("Latest figures show a rise in arrests across the country.", None),
        ("Comments made by the minister were not reported.", None),
        ("Latest developments", None),  # an article's own subheading
        ("More from The Example Chronicle", "more from"),
        ("مطالب مرتبط", "مطالب مرتبط"),
    ],
)
def test_end_markers(line, marker):
    assert end_marker(line) == marker


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("January 12, 2010", "2010-01-12"),
        ("Jan. 12, 2010", "2010-01-12"),
        ("Tuesday 27 April 2021 08.30 BST", "2021-04-27"),
        ("January 2010", "2010-01"),  # a month stays a month: no invented day
        ("12 de mayo de 2021", "2021-05-12"),
        ("١٢ مايو ٢٠٢١", "2021-05-12"),
        ("۱۳ اردیبهشت ۱۴۰۰", "2021-05-03"),  # a Solar Hijri date, converted
        ("Posted on 31 February 2021", None),
    ],
)
def test_dates_keep_their_precision(text, found):
    result = find_date(text)
    assert (str(result) if result else None) == found
    if result:
        assert isinstance(result, PartialDate)


def test_lines_of_the_article_are_never_reworded():
    text = "Header\n\nA headline for the test\n\n" + "\n\n".join(
        f"Paragraph {n}: the  words   stay exactly   as they are, with “quotes” and spacing."
        for n in range(3)
    )
    cleaned = clean_lines(text, Outlets([]))
    assert cleaned.title == "A headline for the test"
    assert cleaned.paragraphs == [line for line in text.split("\n\n")[2:]]


# --- the command ----------------------------------------------------------------------------


def test_command_writes_to_the_archive_path_and_never_overwrites(archive, capsys):
    args = ["import", str(FIXTURES / "chronicle-leaked-recording.html"), "--archive", str(archive)]
    assert main(args) == 0
    target = archive / "articles" / "2021" / "2021-04-27-leaked-recording-casts-doubt-on-ministrys-denials.md"
    assert capsys.readouterr().out.strip() == str(target)
    first = target.read_text(encoding="utf-8")
    target.write_text(first + "edited\n", encoding="utf-8")
    assert main(args) == 2
    assert "exists already" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == first + "edited\n"


def test_command_output_to_stdout(archive, capsys):
    args = ["import", str(SEED), "--archive", str(archive), "--date", "2010-01-12", "--output", "-"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\n# DRAFT made by `leakarchive import`")
    assert out.endswith(archived_seed()[1])
    assert not list((archive / "articles").rglob("*.md"))


def test_command_needs_a_date_to_choose_the_folder(archive, capsys):
    assert main(["import", str(SEED), "--archive", str(archive)]) == 2
    assert "no date found on the page: give it with --date" in capsys.readouterr().err


def test_saved_single_file_page_mhtml(archive):
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://www.chronicle.example/world/2021/04/27/x"
    message["Subject"] = "Leaked recording casts doubt on ministry’s denials"
    message["MIME-Version"] = "1.0"
    message.set_content("x")
    message.make_related()
    html = (FIXTURES / "chronicle-leaked-recording.html").read_text(encoding="utf-8")
    message.add_related(html, subtype="html", cte="quoted-printable")
    raw = message.as_bytes()
    assert b"multipart/related" in raw[:4096]
    result = import_page(raw, "saved.mhtml", archive=archive, today=TODAY)
    assert result.cleaned.body == expected("chronicle-leaked-recording.expected.txt")


def test_text_from_standard_input(archive, monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    args = ["import", "-", "--archive", str(archive), "--date", "2010-01-12", "--output", "-"]
    assert main(args) == 0
    assert capsys.readouterr().out.endswith(archived_seed()[1])


def test_a_page_without_an_article_is_refused(archive, capsys):
    empty = archive.parent / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    assert main(["import", str(empty), "--archive", str(archive), "--output", "-"]) == 2
    assert "found no article text" in capsys.readouterr().err


def test_command_refuses_a_bad_url(archive, capsys):
    assert main(["import", str(SEED), "--archive", str(archive), "--url", "javascript:alert(1)"]) == 2
    assert "--url: expected an http:// or https:// address" in capsys.readouterr().err
