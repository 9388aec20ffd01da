"""Unit tests of the verbatim text: its canonical form, its checksum and typography-tolerant anchoring."""

from __future__ import annotations

import hashlib
import random

import pytest

from leakarchive.text import (
    AnchorError,
    canonical_body,
    closest_passage,
    find_passage,
    fold,
    normalize,
    sha256_text,
)

NBSP, NNBSP, FIGURE_SPACE, ZWNJ = "\u00a0", "\u202f", "\u2007", "\u200c"


def find(text: str, needle: str, prefix: str | None = None, suffix: str | None = None) -> str:
    """The original passage that `needle` anchors to."""
    match = find_passage(normalize(text), needle, prefix, suffix)
    return text[match.start : match.end]


# --- canonical_body and sha256_text -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Text.", "Text.\n"),
        ("Text.\n", "Text.\n"),
        ("\n\n  \nText.\n\n\n", "Text.\n"),
        ("Text.\r\nMore.\r\n", "Text.\nMore.\n"),
        ("Text.\rMore.\r", "Text.\nMore.\n"),
        ("One.\n\n\nTwo.\n", "One.\n\n\nTwo.\n"),  # blank lines inside are kept
        ("  indented\ttabs  \n", "  indented\ttabs  \n"),  # spaces inside lines are kept
        ("Curly “quotes” — dash\u00a0NBSP", "Curly “quotes” — dash\u00a0NBSP\n"),  # never folded
        ("", ""),
        ("\n \n\t\n", ""),
    ],
)
def test_canonical_body(raw: str, canonical: str):
    assert canonical_body(raw) == canonical
    assert canonical_body(canonical) == canonical  # idempotent


def test_sha256_text_is_of_utf8_bytes():
    text = "سه‌شنبه “quoted”\n"
    assert sha256_text(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert sha256_text("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_checksum_is_indifferent_to_line_ends_and_blank_edges_only():
    body = "One.\n\nTwo.\n"
    assert sha256_text(canonical_body("\r\n" + body.replace("\n", "\r\n") + "\r\n")) == sha256_text(body)
    assert sha256_text(canonical_body(body.replace("Two", "two"))) != sha256_text(body)
    assert sha256_text(canonical_body(body.replace(".", "\u2024"))) != sha256_text(body)


# --- normalize and fold -----------------------------------------------------------------------


def test_normalize_folds_typography_and_keeps_a_map_back():
    text = "“Quoted” — it’s\u00a0here,\n\n  twice\tover."
    folded = normalize(text)
    assert folded.text == '"Quoted" - it\'s here, twice over.'
    for index, char in enumerate(folded.text):
        original = text[folded.original(index)]
        assert original == char or fold(original) in (char, "")  # the same, or its typographic twin
    start = folded.text.index("twice")
    assert folded.span(start, start + len("twice over")) == (text.index("twice"), len(text) - 1)


@pytest.mark.parametrize(
    ("typographic", "plain"),
    [
        ("‘single’ ‚low‛", "'single' 'low'"),
        ("“double” „low‟", '"double" "low"'),
        ("«guillemets» ‹single›", "\"guillemets\" 'single'"),
        ("prime′ double″", "prime' double\""),
        ("a‐b‑c‒d–e—f―g−h", "a-b-c-d-e-f-g-h"),
        (f"a{NBSP}b{NNBSP}c{FIGURE_SPACE}d", "a b c d"),
        ("a \t\n\r\n  b", "a b"),
        ("  padded  ", "padded"),
    ],
)
def test_fold(typographic: str, plain: str):
    assert fold(typographic) == plain
    assert normalize(typographic).text.strip() == plain


@pytest.mark.parametrize(
    "kept",
    [
        "سه\u200cشنبه",  # ZWNJ is spelling: never folded away
        "Hello",  # case is a word matter: never folded
        "naïve café",  # accents are letters
        "1,000.5",
        "...",
        "…",
    ],
)
def test_fold_keeps_words(kept: str):
    assert fold(kept) == kept


def test_fold_reads_arabic_yeh_and_kaf_as_persian():
    # Texts and copies write Persian words with either form: "كاظمي" is "کاظمی".
    assert fold("ي ى ك") == "ی ی ک"
    assert fold("كاظمي") == fold("کاظمی")


# --- find_passage: typography forgiven --------------------------------------------------------


def test_find_passage_forgives_quotes_dashes_and_spaces():
    text = "He said: “The cuts will fall — and hard,”\nsaid Ms.\u00a0Doe.   Then   she left."
    assert find(text, '"The cuts will fall - and hard,"') == "“The cuts will fall — and hard,”"
    assert find(text, "“The cuts will fall — and hard,”") == "“The cuts will fall — and hard,”"
    assert find(text, 'hard," said Ms. Doe.') == "hard,”\nsaid Ms.\u00a0Doe."
    assert find(text, "Then she left.") == "Then   she left."
    assert find(text, "  Then\n she\tleft. ") == "Then   she left."  # the needle's own spacing too


def test_find_passage_in_persian():
    text = "جین دو گفت: «این یادداشت جعلی نیست — اما کامل هم نیست.» روز سه\u200cشنبه ۱۲\u00a0دی"
    assert find(text, '"این یادداشت جعلی نیست - اما کامل هم نیست."').startswith("«این")
    assert find(text, "روز سه\u200cشنبه") == "روز سه\u200cشنبه"
    assert find(text, "۱۲ دی") == "۱۲\u00a0دی"
    # With or without the ZWNJ, or a space for it: copies keep or lose it; the text's form is found.
    assert find(text, "روز سه شنبه") == "روز سه\u200cشنبه"
    assert find(text, "روز سهشنبه") == "روز سه\u200cشنبه"
    assert find(text, "جين دو گفت") == "جین دو گفت"  # Arabic yeh in the quote
    with pytest.raises(AnchorError, match="the quote has 'چهارشنبه' where the text has 'سه‌شنبه'"):
        find(text, "روز چهارشنبه")  # a word is never forgiven


def test_find_passage_returns_original_offsets():
    text = "“A” — “B”"
    match = find_passage(normalize(text), '"B"')
    assert (match.start, match.end) == (6, 9)


# --- find_passage: words not forgiven ---------------------------------------------------------


@pytest.mark.parametrize(
    ("changed", "difference"),
    [
        ("The cuts would fall on the provinces first", "the quote has 'would' where the text has 'will'"),
        ("the cuts will fall on the provinces first", "the quote has 'the' where the text has 'The'"),
        (
            "The cuts will fall on provinces first",
            "the text has 'the', which the quote leaves out (after 'on')",
        ),
        ("The cuts will fall, on the provinces first", "the quote has 'fall,' where the text has 'fall'"),
        (
            "The cuts will fall on the province first",
            "the quote has 'province first' where the text has 'provinces first,'",
        ),
    ],
)
def test_find_passage_does_not_forgive_words(changed: str, difference: str):
    text = "“The cuts will fall on the provinces first,” she said."
    with pytest.raises(AnchorError) as error:
        find(text, changed)
    message = str(error.value)
    assert message.startswith(f"expected a passage found in the article text, found none: {difference}; ")
    # The passage in the text, quoted to paste into YAML (the quotation marks around it left out).
    assert message.endswith('the passage in the text, to paste: "The cuts will fall on the provinces first,"')


@pytest.mark.parametrize(
    ("text", "needle", "inside"),
    [
        ("We use software here.", "war", "software"),
        ("The Iranian government.", "Iran", "Iranian"),
        ("He was unverified.", "verified", "unverified"),
    ],
)
def test_find_passage_wants_whole_words(text: str, needle: str, inside: str):
    with pytest.raises(AnchorError) as error:
        find(text, needle)
    assert str(error.value) == (
        f'expected a passage of whole words, found it only inside longer words, as in "{inside}"'
    )


def test_find_passage_whole_words_at_punctuation_and_edges():
    assert find("Iran, and Iranians.", "Iran") == "Iran"  # the whole word wins over the longer one
    assert find("war", "war") == "war"
    assert find("(war)", "war") == "war"
    assert find("“antirevolutionary.”", "antirevolutionary.") == "antirevolutionary."
    assert find("no-one came", "one came") == "one came"  # a hyphen ends a word
    assert find("سه\u200cشنبه", "شنبه") == "شنبه"  # so does a ZWNJ, between the parts of a word


def test_find_passage_empty_needle():
    with pytest.raises(AnchorError, match="expected a passage of the text, found an empty value"):
        find("Text.", " \n ")


# --- find_passage: repeats, prefix and suffix -------------------------------------------------

REPEATED = 'She said: “we will not comment.” Later an official: "we will not comment until the audit."'


def test_find_passage_ambiguous():
    with pytest.raises(AnchorError) as error:
        find(REPEATED, "we will not comment")
    assert str(error.value) == (
        "expected a passage that occurs once in the text, found it 2 times: add a prefix or suffix "
        "(the words just before or after it) to say which one"
    )


def test_find_passage_disambiguated():
    first = find_passage(normalize(REPEATED), "we will not comment", prefix='said: "')
    second = find_passage(normalize(REPEATED), "we will not comment", suffix="until the audit")
    assert REPEATED[first.start - 1] == "“"
    assert REPEATED[second.end :].startswith(" until")
    assert first.start < second.start
    # The prefix is matched with typography forgiven too, and white space around it is free.
    assert find_passage(normalize(REPEATED), "we will not comment", prefix="said:  “").start == first.start
    both = find_passage(normalize(REPEATED), "we will not comment", prefix='official: "', suffix="until")
    assert both == second


def test_find_passage_prefix_and_suffix_that_fit_nowhere():
    with pytest.raises(AnchorError) as error:
        find(REPEATED, "we will not comment", prefix="Nobody said")
    assert str(error.value) == (
        "expected the passage after the prefix 'Nobody said', found it 2 times in the text, never there"
    )
    with pytest.raises(AnchorError) as error:
        find(REPEATED, "until the audit", prefix="x", suffix="y")
    assert str(error.value) == (
        "expected the passage after the prefix 'x' and before the suffix 'y', "
        "found it once in the text, never there"
    )


def test_find_passage_prefix_on_a_unique_passage_is_still_checked():
    with pytest.raises(AnchorError, match="never there"):
        find(REPEATED, "until the audit", prefix="the minister said")
    assert find(REPEATED, "until the audit", prefix="comment") == "until the audit"


def test_prefix_search_is_local():
    """Many candidates and a long text: checking the prefix must not copy the text each time."""
    text = normalize("filler " * 50_000 + "the end")
    with pytest.raises(AnchorError, match="found it 50000 times"):
        find_passage(text, "filler", prefix="nothing")


# --- closest_passage --------------------------------------------------------------------------


def test_closest_passage():
    text = fold("A memo leaked. “The cuts will fall on the provinces first,” said Ms. Doe. The end.")
    assert closest_passage(text, "The cuts will fall on the cities first,") == (
        "The cuts will fall on the provinces first,"
    )
    # A dropped or an added word still shows the whole passage.
    assert closest_passage(text, "The cuts will fall on provinces first,") == (
        "The cuts will fall on the provinces first,"
    )
    assert closest_passage(text, "said Ms. Jane Doe.") == "said Ms. Doe."
    assert closest_passage("", "anything") == ""


def test_closest_passage_keeps_quotes_the_needle_has():
    text = fold("He called it “soft war” twice.")
    assert closest_passage(text, '"soft wars"') == '"soft war"'
    assert closest_passage(text, "soft wars") == "soft war"


def test_closest_passage_is_cut_short_when_long():
    text = " ".join(f"word{i}" for i in range(500))
    found = closest_passage(text, " ".join(f"word{i}" for i in range(100)))
    assert len(found) == 201 and found.endswith("…")


def test_canonical_body_keeps_a_canonical_text_as_it_is():
    rng = random.Random(3)
    pieces = ["a", " ", "\n", "\r", "\r\n", "\t", "\u00a0", "\n\n", "b c"]
    for _ in range(5000):
        canonical = canonical_body("".join(rng.choices(pieces, k=rng.randint(0, 10))))
        assert canonical_body(canonical) is canonical or canonical == ""
