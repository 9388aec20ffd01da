"""Attacks through names and aliases: no look-alike, no hidden joiner, no alias that links everything.

Names decide which actor each text mentions. "Jаne Dое" in Cyrillic letters, or "Jane Doe" with
a zero-width joiner, sat beside Jane Doe unremarked; an actor with the alias "the" or "Iran" was
accepted and linked every article of the archive, from one small file a reviewer would wave
through. Persian and Arabic names, short ones included, must still pass.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from sitebuild import SMALL_ARCHIVE, run

from leakarchive import budgets
from leakarchive.engine.pipeline import check_archive
from leakarchive.namecheck import common_word, skeleton, skeletons, stray_joiner
from leakarchive.text import canonical_body, sha256_text


def archive_with(tmp_path: Path, *actors: dict) -> Path:
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    for actor in actors:
        path = archive / "actors" / f"{actor['id']}.yml"
        path.write_text(yaml.safe_dump(actor, allow_unicode=True, sort_keys=False), "utf-8")
    return archive


def problems(archive: Path) -> list[str]:
    return [str(problem) for problem in check_archive(archive, root=archive.parent).problems]


# --- look-alikes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Jаne Rое", None),  # Cyrillic а, о, е
        ("JANE ROE", None),
        ("Jane  Roe", None),
        ("Other Person", "Jаne Rое"),
        ("Other Person", "Ms. Rое"),  # looks like jane-roe's alias "Ms. Roe"
        ("Ⅰane Roe", None),  # not a look-alike: 'Ⅰ' is no 'J'
    ],
    ids=["cyrillic name", "capitals", "double space", "cyrillic alias", "alias like an alias", "control"],
)
def test_a_name_that_looks_like_another_actors_is_refused_with_both_files(tmp_path, name, alias):
    actor = {"id": "impostor", "name": name, "kind": "person"}
    if alias:
        actor["aliases"] = [alias]
    found = problems(archive_with(tmp_path, actor))
    if name.startswith("Ⅰ"):
        assert found == []
        return
    # Each problem names both files. A look-alike is shown at both names (which one is the
    # impostor is for the reviewer to see); the same name twice, once, at the second file.
    assert len(found) == (1 if "  " in name else 2), found
    for line in found:
        assert "archive/actors/impostor.yml" in line and "archive/actors/jane-roe.yml" in line, line


def test_skeletons_follow_unicode_confusables():
    assert skeleton("Jane Doe") == skeleton("Jаne Dое") == skeleton("JANE  DOE")
    assert skeleton("Ali") == skeleton("AIi") == skeleton("A1i")
    assert skeleton("Jane Doe") != skeleton("Jane Roe")
    # One step to the prototype, never a chain: distinct letters stay distinct (joined
    # transitively, 'R' and 'T' looked alike and real, different names were refused).
    assert skeleton("Ramivand Agency") != skeleton("Tamivand Agency")
    assert skeleton("Zoravand") != skeleton("Zozavand") != skeleton("Rofavand")
    assert skeleton("علی") != skeleton("عل")


def test_capitals_alike_do_not_make_their_small_letters_alike():
    # Greek 'Ν' looks like 'N' and Greek 'ν' like 'v': joined through case, every 'v' looked like
    # an 'n', and the transliterated acronyms of two Iranian bodies, VAJA (the intelligence
    # ministry) and NAJA (the police), like each other.
    assert skeleton("VAJA") != skeleton("NAJA") and skeletons("VAJA") != skeletons("NAJA")
    assert skeleton("Rafsanjani") != skeleton("Tafsanjani")
    assert skeletons("NAJA")[1] == skeletons("ΝΑJΑ")[1]  # Greek capitals: the cased skeleton sees it


def test_acronyms_differing_by_a_letter_pass_and_a_greek_capital_copy_does_not(tmp_path):
    police = {"id": "police", "name": "Law Enforcement Force", "kind": "state-body", "aliases": ["NAJA"]}
    ministry = {"id": "ministry", "name": "Intelligence Ministry", "kind": "state-body", "aliases": ["VAJA"]}
    assert problems(archive_with(tmp_path / "a", police, ministry)) == []
    # Greek capitals Ν and Α
    impostor = {"id": "impostor", "name": "Other Body", "kind": "state-body", "aliases": ["ΝΑJΑ"]}
    found = problems(archive_with(tmp_path / "b", police, ministry, impostor))
    # Refused as NAJA's look-alike, at both files; its small letters, 'ναjα', read as 'vaja' too.
    police_lines = [line for line in found if "police.yml" in line]
    assert len(police_lines) == 2 and all("impostor.yml" in line for line in police_lines), found
    assert all("impostor.yml" in line for line in found), found


# --- invisible joiners ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Ja\u200dne Doe", "Jane\u200c Doe", "\u200cJane", "Jane Doe\u200d"])
def test_a_joiner_the_script_does_not_need_is_refused(tmp_path, name):
    found = problems(archive_with(tmp_path, {"id": "joined", "name": name, "kind": "person"}))
    assert len(found) == 1 and "joined.yml:2:7: name: " in found[0], found
    assert "which joins letters only in scripts such as Persian or Arabic" in found[0]


@pytest.mark.parametrize(
    "name", ["محمود احمدی\u200cنژاد", "سپاه", "علی", "می\u200cشود", "نیروی\u200c\u200cقدس"]
)
def test_persian_names_keep_their_joiners_and_short_forms(tmp_path, name):
    assert stray_joiner(name) is None
    actor = {"id": "persian", "name": "Persian Name", "kind": "person", "aliases": [name]}
    assert problems(archive_with(tmp_path, actor)) == []


# --- common words and broad aliases ---------------------------------------------------------------


@pytest.mark.parametrize("alias", ["the", "The", "said", "از", "في"])
def test_a_common_word_as_alias_is_refused_unless_acknowledged(tmp_path, alias):
    actor = {"id": "common", "name": "Common Name", "kind": "organization", "aliases": [alias]}
    found = problems(archive_with(tmp_path, actor))
    assert len(found) == 1 and "common.yml:5:3: aliases[1]: " in found[0], found
    assert "a common word" in found[0] and "broad_aliases" in found[0]
    actor["broad_aliases"] = [alias]
    assert problems(archive_with(tmp_path / "again", actor)) == []


def test_acronyms_and_names_are_no_common_words():
    assert common_word("the") and common_word("Us") and common_word("از")
    assert not common_word("US") and not common_word("UN") and not common_word("Iran")
    assert not common_word("سپاه") and not common_word("Jane")


def short_article(number: int) -> str:
    body = canonical_body(f"The memo number {number} was sent to the archive.")
    front = {
        "id": f"2010-01-copy-{number}",
        "title": f"Memo {number}",
        "date": "2010-01",
        "language": "en",
        "source": {"publisher": "daily-courier"},
        "text_sha256": sha256_text(body),
        "summary": "A memo was sent.",
        "verification": {"status": "unverified"},
    }
    return "---\n" + yaml.safe_dump(front, sort_keys=False) + "---\n" + body


def test_an_alias_in_a_large_share_of_articles_is_refused_unless_acknowledged(tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(SMALL_ARCHIVE, archive)
    copies = budgets.ALIAS_SHARE_FLOOR + 5
    for number in range(copies):
        (archive / "articles" / "2010" / f"2010-01-copy-{number}.md").write_text(
            short_article(number), "utf-8"
        )
    assert problems(archive) == []
    broad = {"id": "broad", "name": "Broad Name", "kind": "organization", "aliases": ["memo"]}
    path = archive / "actors" / "broad.yml"
    path.write_text(yaml.safe_dump(broad, sort_keys=False), "utf-8")
    found = problems(archive)
    assert len(found) == 1, found
    assert found[0].startswith("archive/actors/broad.yml:5:3: aliases[1]: ")
    assert f"found 'memo' in {copies + 2} of the archive's {copies + 3} articles" in found[0]
    broad["broad_aliases"] = ["memo"]
    path.write_text(yaml.safe_dump(broad, sort_keys=False), "utf-8")
    assert problems(archive) == []


def test_an_acknowledgement_must_name_an_alias_of_the_actor(tmp_path):
    actor = {"id": "ack", "name": "Ack Name", "kind": "person", "broad_aliases": ["the"]}
    found = problems(archive_with(tmp_path, actor))
    assert len(found) == 1 and "broad_aliases[1]: expected one of this actor's names" in found[0], found


def test_validate_prints_how_many_articles_each_actor_is_linked_to(tmp_path):
    archive = archive_with(tmp_path)
    result = run(["leakarchive", "validate", "--archive", "archive", "--mentions"], archive.parent)
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "jane-roe: named in 2 articles" and "daily-courier: named in 1 article" in lines
    assert "mentions: articles naming each actor, most first: jane-roe 2, " in result.stderr


def test_validate_prints_the_links_a_change_adds_and_drops_against_its_base(tmp_path):
    # A reviewer sees a diff of one small actor file; the links it makes are everywhere else.
    base = archive_with(tmp_path / "base")
    memo = {"id": "memo-office", "name": "Memo Office", "kind": "organization", "aliases": ["memo"]}
    memo["broad_aliases"] = ["memo"]
    change = archive_with(tmp_path / "change", memo)
    for archive in (base, change):  # three more articles whose text says "memo"
        for number in range(3):
            path = archive / "articles" / "2010" / f"2010-01-copy-{number}.md"
            path.write_text(short_article(number), "utf-8")
    # The change also drops the one article naming both Jane Roe and John Doe.
    (change / "articles" / "2011" / "2011-03-02-doe-tape.md").unlink()
    assert problems(change) == []
    result = run(["leakarchive", "validate", "--archive", "change/archive", "--links-against",
                  "base/archive"], tmp_path)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # The copies, and the courier's memo article ("... the memo ...").
    assert result.stdout.splitlines() == [
        "memo-office: 4 new links, 0 gone",
        "jane-roe: 0 new links, 1 gone",
        "john-doe: 0 new links, 1 gone",
    ]
    summary = [line for line in result.stderr.splitlines() if line.startswith("links: ")]
    expected = "links: +4 new, -2 gone against base/archive (memo-office +4, jane-roe -1, john-doe -1)"
    assert summary == [expected]
    github = run(["leakarchive", "validate", "--archive", "change/archive", "--format", "github",
                  "--links-against", "base/archive"], tmp_path)  # fmt: skip
    assert "::notice title=Mention links::links: +4 new, -2 gone against base/archive (" in github.stdout


def test_links_against_a_path_that_is_no_archive_is_a_usage_error(tmp_path):
    archive = archive_with(tmp_path)
    command = ["leakarchive", "validate", "--archive", "archive", "--links-against", "nowhere"]
    result = run(command, archive.parent)
    assert result.returncode == 2
    assert "--links-against nowhere: expected the archive folder, found nothing" in result.stderr
