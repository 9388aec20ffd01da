"""Search for the hosted site: the built site indexed with Pagefind (plugin option `search: pagefind`).

Pagefind writes a static index in small pieces, so that the search box (see
docs/overrides/assets/javascripts/leakarchive-search.js) fetches only those a query needs.
`index_pagefind` runs the `pagefind` package's own binary, offline. Pagefind's indexer holds a
whole index in memory while it writes it, so a large site is indexed in shards, one Pagefind run
after the other, and `merge_pagefind_bundles` makes of the shards' bundles the one bundle Pagefind
would have written for the whole site. The same site gives the same bytes.

Nothing here imports MkDocs: it works on the files of any built site.
"""

from __future__ import annotations

import contextlib
import ctypes
import gzip
import hashlib
import heapq
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import LeakArchiveError
from ..text import SEARCH_FOLD_BYTES, fold_for_search

PAGEFIND_DIR = "pagefind"  # Pagefind's bundle in the site; not in the offline copy (no fetch() on file://)
# Pagefind's ready-made search interfaces, which the site does not use (its own search box runs on
# pagefind.js): removed after indexing, so that the site ships no script it never loads.
PAGEFIND_UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
PAGEFIND_TIMEOUT = 1800  # seconds, for one Pagefind run
# At most this many pages per Pagefind run. Pagefind's indexer holds a whole index in memory while
# it writes it (Pagefind#842), and it runs beside MkDocs, so the shards are small: merging makes
# their number cost readers nothing. The memory each shard size took is in the README ("Search").
PAGEFIND_SHARD_PAGES = 1000
_PAGEFIND_BODY = b"data-pagefind-body"  # the attribute that marks what Pagefind indexes
_PAGEFIND_WORK = ".pagefind-shards"  # in the site while indexing: hard links need one file system


class PagefindError(LeakArchiveError):
    """Pagefind could not index the site."""


def pagefind_pages(site_dir: Path) -> list[str]:
    """The pages of the built site at `site_dir` that Pagefind indexes, as sorted site paths
    ('actors/x/index.html'): those with an element marked `data-pagefind-body`, or every HTML
    page if none is marked (Pagefind's own rule). Pagefind's bundle and work folder are left out."""
    skipped = (site_dir / PAGEFIND_DIR, site_dir / _PAGEFIND_WORK)
    pages = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*.html")
        if p.is_file() and not any(p.is_relative_to(folder) for folder in skipped)
    )
    marked = [page for page in pages if _marks_pagefind_body((site_dir / page).read_bytes())]
    return marked or pages


def _marks_pagefind_body(html: bytes) -> bool:
    """Whether a tag in `html` has the attribute `data-pagefind-body` (not text that names it)."""
    start = html.find(_PAGEFIND_BODY)
    while start != -1:
        end = start + len(_PAGEFIND_BODY)
        in_tag = html.rfind(b"<", 0, start) > html.rfind(b">", 0, start)
        if in_tag and html[start - 1 : start].isspace() and html[end : end + 1] in (b" ", b"\n", b">", b"="):
            return True
        start = html.find(_PAGEFIND_BODY, end)
    return False


def pagefind_shards(pages: list[str], shard_pages: int = PAGEFIND_SHARD_PAGES) -> list[list[str]]:
    """`pages` dealt into as few shards of at most `shard_pages` pages as will do, in turn (page 1
    to shard 1, page 2 to shard 2...): each shard gets a like mix of articles, actors and leaks,
    and so a like share of the indexer's memory. The same pages give the same shards."""
    if shard_pages < 1:
        raise ValueError(f"shard_pages must be at least 1, not {shard_pages}")
    count = max(1, -(-len(pages) // shard_pages))
    return [pages[number::count] for number in range(count)]


def index_pagefind(site_dir: Path, shard_pages: int = PAGEFIND_SHARD_PAGES) -> str:
    """Index the built site at `site_dir` with Pagefind (the `pagefind` package's own binary, run
    offline); its bundle goes to `site_dir/pagefind/`. Returns a summary of what it indexed.

    Pagefind reads only the elements marked `data-pagefind-body` (the theme marks each page's
    content, not the navigation, header or footer) and a page's kind from `data-pagefind-meta`.
    A site of more than `shard_pages` such pages is indexed in shards (`pagefind_shards`), so
    that Pagefind's memory stays bounded: one Pagefind run at a time, each on a folder of hard
    links to the shard's pages, then `merge_pagefind_bundles` makes of their bundles the one
    bundle Pagefind would have written for the whole site. The same site gives the same bytes.
    Raises PagefindError if Pagefind fails.
    """
    target = site_dir / PAGEFIND_DIR
    work = site_dir / _PAGEFIND_WORK
    for leftover in (target, work):  # of an earlier build: Pagefind would keep stale files
        if leftover.exists():
            shutil.rmtree(leftover)
    shards = pagefind_shards(pagefind_pages(site_dir), shard_pages)
    release_free_memory()  # for Pagefind's indexer, which runs beside this process
    try:
        if len(shards) == 1:
            totals = _index_pages(site_dir, shards[0], work, target)
        else:
            merged = _index_shards(site_dir, shards, work, target)
            totals = [f"{merged.pages} pages", f"{merged.words} words", f"in {len(shards)} shards"]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name in PAGEFIND_UNUSED:
        (target / name).unlink(missing_ok=True)
    return ", ".join(totals) or "indexed"


def _index_pages(site_dir: Path, pages: list[str], work: Path, target: Path) -> list[str]:
    """Index `pages` of the site in one Pagefind run, its bundle written to `target`; Pagefind's
    totals."""
    mirror = work / "pages"
    _link_pages(site_dir, pages, mirror)
    return _run_pagefind(mirror, target)


def _index_shards(site_dir: Path, shards: list[list[str]], work: Path, target: Path) -> MergedBundle:
    """Index each shard of the site's pages in a Pagefind run of its own, one at a time, and merge
    their bundles into `target`."""
    bundles = []
    mirror = work / "pages"
    for number, pages in enumerate(shards, start=1):
        if mirror.exists():
            shutil.rmtree(mirror)
        _link_pages(site_dir, pages, mirror)
        bundles.append(work / f"bundle-{number}")
        _run_pagefind(mirror, bundles[-1])
    shutil.rmtree(mirror)
    return merge_pagefind_bundles(bundles, target)


def release_free_memory() -> None:
    """Hand back to the system the memory this process has freed, where the C library allows it.

    glibc keeps freed blocks for reuse, so a process that freed much (MkDocs after writing a
    large site) still holds it; `malloc_trim` returns it before Pagefind starts. Elsewhere (not
    glibc) this does nothing."""
    # CDLL(None): the symbols this process has loaded, glibc's among them on Linux.
    with contextlib.suppress(OSError, TypeError, AttributeError):  # no such library or function
        ctypes.CDLL(None).malloc_trim(0)


def _link_pages(site_dir: Path, pages: list[str], mirror: Path) -> None:
    """`mirror`: the site's `pages` at their own paths, as hard links (copies where the file system
    has none), so that Pagefind gives each the URL it has in the site.

    A page holding a spelling that must not matter to search (`text.fold_for_search`: the
    zero-width non-joiner, Arabic yeh and kaf...) is mirrored folded, not linked: Pagefind indexes
    the folded words, which the search box folds queries to (leakarchive-search.js). Readers'
    pages keep their spelling; only the passages shown in results are folded."""
    for page in pages:
        link = mirror / page
        link.parent.mkdir(parents=True, exist_ok=True)
        data = (site_dir / page).read_bytes()
        if any(char in data for char in SEARCH_FOLD_BYTES):
            link.write_bytes(fold_for_search(data.decode("utf-8")).encode("utf-8"))
            continue
        try:
            os.link(site_dir / page, link)
        except OSError:
            shutil.copyfile(site_dir / page, link)


def _run_pagefind(site: Path, bundle: Path) -> list[str]:
    """Index the HTML pages under `site` into the bundle folder `bundle`; return Pagefind's totals
    ("12 pages", "3456 words")."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle)]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise PagefindError(str(error)) from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        raise PagefindError(f"`{' '.join(command)}` failed ({result.returncode}):\n{output}")
    return re.findall(r"Indexed (\d+ (?:page|word)s?)", output)


# --- Merging Pagefind bundles -------------------------------------------------------------------
#
# A bundle (Pagefind 1.5, `pagefind[bin]` pinned in pyproject.toml) is, per language:
# `pagefind.<lang>_<hash>.pf_meta`, the list of pages (fragment name, word count), of index chunks
# (first word, last word, name), of filters and of meta fields; `index/*.pf_index`, chunks of the
# word index in word order, each word with the pages holding it (page numbers as the difference
# from the previous one) and its positions there; `filter/*.pf_filter`, a filter's values and
# their pages; and `fragment/*.pf_fragment`, one per page, its URL, text and meta. All are CBOR
# after a signature, gzipped. Merging concatenates the pages of the bundles, renumbering the later
# ones, and merges their words in order, cutting chunks where Pagefind does: what comes out is what
# Pagefind writes for all the pages at once, up to the order of the pages and the file names
# (tests/test_pagefind_shards.py compares the two, word by word).

PAGEFIND_CHUNK_SIZE = 20_000  # Pagefind's own: positions (plus one per page) in an index chunk
_PF_SIGNATURE = b"pagefind_dcd"
_CBOR_INT = (
    rb"(?:[\x00-\x17\x20-\x37]|[\x18\x38][\x00-\xff]|[\x19\x39][\x00-\xff]{2}"
    rb"|[\x1a\x3a][\x00-\xff]{4}|[\x1b\x3b][\x00-\xff]{8})"
)
_CBOR_ARRAY = rb"(?:[\x80-\x97]|\x98[\x00-\xff]|\x99[\x00-\xff]{2}|\x9a[\x00-\xff]{4})"
# One page of a word: [page number difference, [positions...], [meta field positions...]], all
# integers. Matched whole in C: the positions are most of the index.
_PACKED_PAGE = re.compile(
    rb"\x83(" + _CBOR_INT + rb")(" + _CBOR_ARRAY + rb")" + _CBOR_INT + rb"*(" + _CBOR_ARRAY + rb")"
    + _CBOR_INT + rb"*"
)  # fmt: skip


@dataclass(frozen=True)
class MergedBundle:
    """What `merge_pagefind_bundles` wrote: pages and distinct words, over all languages."""

    pages: int
    words: int


@dataclass
class _Postings:
    """A word's pages in one bundle: the first page's number and its CBOR after it, the CBOR of
    the others as is (their differences stay right), the last page's number."""

    count: int = 0
    first: int = 0
    first_rest: bytes = b""
    others: bytes = b""
    last: int = 0
    size: int = 0  # positions on the pages, plus one per page


def merge_pagefind_bundles(bundles: list[Path], target: Path) -> MergedBundle:
    """Write to `target` one Pagefind bundle holding the pages of all the `bundles`, each written
    by Pagefind for a part of one site, in order: their pages, renumbered one after the other, one
    word index in chunks as Pagefind cuts them, merged filters. Scripts and WebAssembly are the
    first bundle's. Raises PagefindError for bundles it cannot merge (another Pagefind version,
    or sort keys, whose values a bundle does not keep)."""
    entries = [json.loads((bundle / "pagefind-entry.json").read_text("utf-8")) for bundle in bundles]
    versions = {entry["version"] for entry in entries}
    if len(versions) != 1:
        raise PagefindError(f"bundles of different Pagefind versions: {sorted(versions)}")
    target.mkdir(parents=True)
    for folder in ("index", "fragment"):  # and filter/, if there are filters
        (target / folder).mkdir()
    for path in sorted(bundles[0].iterdir()):
        if path.is_file() and not path.name.endswith(".pf_meta") and path.name != "pagefind-entry.json":
            shutil.copyfile(path, target / path.name)  # pagefind.js, its worker, WebAssembly
    languages: dict[str, dict] = {}
    pages = words = 0
    for language in sorted({language for entry in entries for language in entry["languages"]}):
        parts = [
            (bundle, entry["languages"][language])
            for bundle, entry in zip(bundles, entries, strict=True)
            if language in entry["languages"]
        ]
        meta_name, page_count, word_count = _merge_language(language, parts, target)
        wasm = next((info.get("wasm") for _, info in parts if info.get("wasm")), None)
        languages[language] = {"hash": meta_name, "wasm": wasm, "page_count": page_count}
        pages += page_count
        words += word_count
    entry = dict(entries[0], languages=languages)
    (target / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return MergedBundle(pages, words)


def _merge_language(language: str, parts: list[tuple[Path, dict]], target: Path) -> tuple[str, int, int]:
    """Merge one language's index of each bundle in `parts` ((bundle, its entry for the language))
    into `target`. Returns the name of the merged metadata, the pages and the distinct words."""
    metas = [_cbor_decode(_read_pf(bundle / f"pagefind.{info['hash']}.pf_meta")) for bundle, info in parts]
    version = metas[0][0]
    if any(meta[4] for meta in metas):
        raise PagefindError("sort keys (data-pagefind-sort) cannot be merged across shards")
    meta_fields = sorted({field for meta in metas for field in meta[5]})
    offsets, pages = _merge_pages(parts, metas, target)
    filters = _merge_filters(language, parts, metas, offsets, target)
    field_maps = [
        None if meta[5] == meta_fields else [meta_fields.index(field) for field in meta[5]] for meta in metas
    ]
    streams = [
        _bundle_words(bundle, meta[2], field_map)
        for (bundle, _), meta, field_map in zip(parts, metas, field_maps, strict=True)
    ]
    merged = heapq.merge(*(_numbered(number, stream) for number, stream in enumerate(streams)))
    chunks, words = _write_chunks(language, merged, offsets, target)
    _trim_chunk_bounds(chunks)
    meta = _cbor_encode([version, pages, chunks, filters, [], meta_fields])
    meta_name = f"{language}_{hashlib.sha256(meta).hexdigest()[:10]}"
    _write_pf(target / f"pagefind.{meta_name}.pf_meta", meta)
    return meta_name, len(pages), words


def _merge_pages(parts: list[tuple[Path, dict]], metas: list, target: Path) -> tuple[list[int], list[list]]:
    """The pages of every bundle, one list ([fragment name, word count] each), their fragments
    moved to `target`; and the number of pages before each bundle's."""
    offsets = []
    pages: list[list] = []
    fragments: dict[str, bytes] = {}  # fragment name in the merged bundle -> digest of its file
    for (bundle, _), meta in zip(parts, metas, strict=True):
        offsets.append(len(pages))
        moved: dict[str, str] = {}  # fragment name in this bundle -> in the merged bundle
        for name, word_count in meta[1]:
            if name not in moved:
                moved[name] = _move_fragment(bundle, name, target, fragments)
            pages.append([moved[name], word_count])
    return offsets, pages


def _write_chunks(language: str, merged, offsets: list[int], target: Path) -> tuple[list[list], int]:
    """Write the words of every bundle (`merged`: (word, bundle number, postings), in word order)
    as index chunks of about PAGEFIND_CHUNK_SIZE; the chunks ([from, to, name] each) and the
    number of distinct words."""
    chunks: list[list] = []
    names: set[str] = set()
    held: list[bytes] = []
    first_word = ""
    size = words = 0
    for word, group in itertools.groupby(merged, key=lambda item: item[0]):
        encoded, word_size = _merge_word(word, [(offsets[n], postings) for _, n, postings in group])
        if not held:
            first_word = word
        held.append(encoded)
        size += word_size
        words += 1
        if size >= PAGEFIND_CHUNK_SIZE:
            chunks.append([first_word, word, _write_chunk(language, held, target, names)])
            held, size = [], 0
    if held:
        chunks.append([first_word, word, _write_chunk(language, held, target, names)])
    return chunks, words


def _move_fragment(bundle: Path, name: str, target: Path, taken: dict[str, bytes]) -> str:
    """Move a page's fragment to the merged bundle, renamed if another page took its name; the
    name it has there. Identical pages share one fragment, as Pagefind's do."""
    source = bundle / "fragment" / f"{name}.pf_fragment"
    digest = hashlib.sha256(source.read_bytes()).digest()
    unique = name
    extra = hashlib.sha256(digest).hexdigest()
    while unique in taken and taken[unique] != digest:
        unique = name + extra[: len(unique) - len(name) + 1]
    if unique not in taken:
        taken[unique] = digest
        os.replace(source, target / "fragment" / f"{unique}.pf_fragment")
    return unique


def _merge_filters(
    language: str, parts: list[tuple[Path, dict]], metas: list[list], offsets: list[int], target: Path
) -> list[list[str]]:
    """Each filter's values and their pages, renumbered, over all bundles; [filter, file name]s."""
    values: dict[str, dict[str, list[int]]] = {}
    for (bundle, _), meta, offset in zip(parts, metas, offsets, strict=True):
        for _, chunk in meta[3]:
            filter_name, entries = _cbor_decode(_read_pf(bundle / "filter" / f"{chunk}.pf_filter"))
            merged = values.setdefault(filter_name, {})
            for value, pages in entries:
                merged.setdefault(value, []).extend(page + offset for page in pages)
    listed = []
    names: set[str] = set()
    for filter_name in sorted(values):
        data = _cbor_encode([filter_name, [[v, values[filter_name][v]] for v in sorted(values[filter_name])]])
        name = _unique_name(language, data, names)
        _write_pf(target / "filter" / f"{name}.pf_filter", data)
        listed.append([filter_name, name])
    return listed


def _numbered(number: int, words):
    """(word, number, postings) for each (word, postings) of `words`: heapq.merge keeps to the
    order of the bundles for a word that several have."""
    for word, postings in words:
        yield word, number, postings


def _bundle_words(bundle: Path, chunks: list, field_map: list[int] | None):
    """(word, {"": postings, form: postings of that spelling...}) for each word of a bundle's
    index, in order; `field_map` renumbers meta fields when the bundle has not all of them."""
    previous = None
    for _, _, name in chunks:
        data = _read_pf(bundle / "index" / f"{name}.pf_index")
        major, count, pos = _cbor_head(data, 0)
        major_words, words, pos = _cbor_head(data, pos)
        if (major, count, major_words) != (4, 1, 4):
            raise PagefindError(f"{name}.pf_index: not a Pagefind word index")
        for _ in range(words):
            if data[pos] != 0x83:
                raise PagefindError(f"{name}.pf_index: a word is not [word, pages, variants]")
            word, pos = _cbor_item(data, pos + 1)
            postings, pos = _read_postings(data, pos, field_map)
            spellings = {"": postings}
            major, variants, pos = _cbor_head(data, pos)
            for _ in range(variants):
                if data[pos] != 0x82:
                    raise PagefindError(f"{name}.pf_index: a spelling is not [form, pages]")
                form, pos = _cbor_item(data, pos + 1)
                spellings[form], pos = _read_postings(data, pos, field_map)
            if major != 4 or (previous is not None and word <= previous):
                raise PagefindError(f"{name}.pf_index: words out of order or malformed at {word!r}")
            previous = word
            yield word, spellings


def _read_postings(data: bytes, pos: int, field_map: list[int] | None) -> tuple[_Postings, int]:
    """The pages array at `pos` of a word or spelling, and the position after it."""
    major, count, pos = _cbor_head(data, pos)
    if major != 4:
        raise PagefindError("malformed index chunk: a word's pages are not an array")
    postings = _Postings(count=count)
    page = 0
    others = pos
    renumbered = []
    for number in range(count):
        match = _PACKED_PAGE.match(data, pos)
        if match is None:
            raise PagefindError("malformed index chunk: a page is not [number, positions, meta positions]")
        page += _cbor_head(match.group(1), 0)[1]
        positions = _cbor_head(match.group(2), 0)[1]
        meta_positions = _cbor_head(match.group(3), 0)[1]
        postings.size += positions + meta_positions + 1
        if number == 0:
            postings.first = page
            rest = data[match.end(1) : match.end()]
            if field_map is not None:
                rest = _renumber_meta_fields(rest, field_map)
            postings.first_rest = rest
            others = match.end()
        elif field_map is not None:
            rest = _renumber_meta_fields(data[match.end(1) : match.end()], field_map)
            renumbered.append(b"\x83" + match.group(1) + rest)
        pos = match.end()
    postings.last = page
    postings.others = b"".join(renumbered) if field_map is not None else data[others:pos]
    return postings, pos


def _renumber_meta_fields(rest: bytes, field_map: list[int]) -> bytes:
    """[positions][meta positions] of a page with the meta field markers (-1 - field) renumbered."""
    positions, pos = _cbor_item(rest, 0)
    meta_positions, _ = _cbor_item(rest, pos)
    renumbered = [-1 - field_map[-1 - value] if value < 0 else value for value in meta_positions]
    return _cbor_encode(positions) + _cbor_encode(renumbered)


def _merge_word(word: str, parts: list[tuple[int, dict[str, _Postings]]]) -> tuple[bytes, int]:
    """The CBOR of `word` with the postings of each bundle (offset by the pages before it), and its
    size as Pagefind 1.5 counts it to cut chunks: the positions on its pages, plus one per page (not
    those of its other spellings, "café" for "cafe")."""
    spellings: dict[str, list[tuple[int, _Postings]]] = {}
    for offset, bundle in parts:
        for form, postings in bundle.items():
            spellings.setdefault(form, []).append((offset, postings))
    encoded = [b"\x83", _cbor_encode(word)]
    for form, found in spellings.items():  # the word's own spelling ("") first
        if form:
            encoded += [b"\x82", _cbor_encode(form)]
        encoded.append(_cbor_head_bytes(4, sum(postings.count for _, postings in found)))
        last = 0
        for offset, postings in found:
            if postings.count:
                encoded += [b"\x83", _cbor_encode(postings.first + offset - last), postings.first_rest]
                encoded.append(postings.others)
                last = postings.last + offset
        if not form:
            encoded.append(_cbor_head_bytes(4, len(spellings) - 1))
    return b"".join(encoded), sum(postings.size for _, postings in spellings[""])


def _write_chunk(language: str, words: list[bytes], target: Path, names: set[str]) -> str:
    """Write an index chunk of `words` (their CBOR); its name."""
    data = _cbor_head_bytes(4, 1) + _cbor_head_bytes(4, len(words)) + b"".join(words)
    name = _unique_name(language, data, names)
    _write_pf(target / "index" / f"{name}.pf_index", data)
    return name


def _trim_chunk_bounds(chunks: list[list]) -> None:
    """Shorten the first and last words of neighbouring chunks to the prefixes that tell them
    apart, as Pagefind does (its `chunk_meta`): the search looks for a word between them."""
    for before, after in itertools.pairwise(chunks):
        common = next(
            (i for i, (a, b) in enumerate(zip(before[1], after[0], strict=False)) if a != b),
            min(len(before[1]), len(after[0])),
        )
        end, start = before[1][: common + 1], after[0][: common + 1]
        if end >= before[0]:
            before[1] = end
        after[0] = start


def _unique_name(language: str, data: bytes, names: set[str]) -> str:
    """A file name for `data`, from its hash, that no other file of its kind has."""
    digest = hashlib.sha256(data).hexdigest()
    length = 7
    while f"{language}_{digest[:length]}" in names:
        length += 1
    names.add(f"{language}_{digest[:length]}")
    return f"{language}_{digest[:length]}"


def _read_pf(path: Path) -> bytes:
    """The CBOR in one of Pagefind's files (gzipped, after a signature)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(_PF_SIGNATURE):
        raise PagefindError(f"{path.name}: not a Pagefind file")
    return data[len(_PF_SIGNATURE) :]


def _write_pf(path: Path, data: bytes) -> None:
    """Write `data` as Pagefind does: after its signature, gzipped (the same bytes every time)."""
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(gzip.compress(_PF_SIGNATURE + data, compresslevel=6, mtime=0))


def _cbor_head(data: bytes, pos: int) -> tuple[int, int, int]:
    """The major type and argument of the CBOR item at `pos`, and the position after its head."""
    initial = data[pos]
    major, info = initial >> 5, initial & 31
    if info < 24:
        return major, info, pos + 1
    width = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if width is None:
        raise PagefindError(f"unexpected CBOR (indefinite length or reserved) at {pos}")
    return major, int.from_bytes(data[pos + 1 : pos + 1 + width], "big"), pos + 1 + width


def _cbor_decode(data: bytes):
    """The one CBOR item that `data` holds (integers, text, bytes, arrays: what Pagefind writes)."""
    item, end = _cbor_item(data, 0)
    if end != len(data):
        raise PagefindError("malformed Pagefind file: data after its CBOR")
    return item


def _cbor_item(data: bytes, pos: int):
    """The CBOR item at `pos` of `data`, and the position after it."""
    major, value, pos = _cbor_head(data, pos)
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major == 2:
        return data[pos : pos + value], pos + value
    if major == 3:
        return data[pos : pos + value].decode("utf-8"), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _cbor_item(data, pos)
            items.append(item)
        return items, pos
    raise PagefindError(f"unexpected CBOR (major type {major}) in a Pagefind file")


def _cbor_head_bytes(major: int, value: int) -> bytes:
    """The shortest CBOR head of major type `major` with argument `value`, as Pagefind writes it."""
    if value < 24:
        return bytes([major << 5 | value])
    for info, width in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * width):
            return bytes([major << 5 | info]) + value.to_bytes(width, "big")
    raise PagefindError(f"integer too large for CBOR: {value}")


def _cbor_encode(item) -> bytes:
    """CBOR of integers, text, bytes and lists of them."""
    if isinstance(item, bool):
        raise TypeError("no booleans in Pagefind's files")
    if isinstance(item, int):
        return _cbor_head_bytes(0, item) if item >= 0 else _cbor_head_bytes(1, -1 - item)
    if isinstance(item, str):
        encoded = item.encode("utf-8")
        return _cbor_head_bytes(3, len(encoded)) + encoded
    if isinstance(item, bytes):
        return _cbor_head_bytes(2, len(item)) + item
    if isinstance(item, list):
        return _cbor_head_bytes(4, len(item)) + b"".join(_cbor_encode(part) for part in item)
    raise TypeError(f"cannot write {type(item).__name__} as CBOR")
