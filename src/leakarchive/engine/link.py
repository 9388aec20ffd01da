"""Stage 3, link: valid records -> the archive graph.

Resolves every id, anchors quotes and annotations in the verbatim text, finds actor mentions by
name and alias, and builds the backlinks each page needs. Everything here is linear in the size
of the archive: mentions are found in one pass over each text, backlinks in one pass over the
articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from itertools import permutations

from ..budgets import ALIAS_SHARE_FLOOR, MAX_ALIAS_SHARE
from ..model import Actor, Annotation, Leak, Quote, Stance
from ..problems import Problem, did_you_mean
from ..text import JOINER, AnchorError, NormalizedText, find_passage, fold, normalize
from . import parallel
from .load import FieldPath
from .validate import ArticleEntry, Entry, ValidArchive

_WORD = re.compile(r"\w+")
_WORD_CHARACTER = re.compile(r"\w")


@dataclass(frozen=True)
class Span:
    """A stretch of an article's text: character offsets into the canonical body, end exclusive."""

    start: int
    end: int


@dataclass(frozen=True)
class PlacedQuote:
    """A quote found in its article: `#quote-<id>` on the page."""

    number: int  # 1-based, in the order of the front matter: for display, never for anchors
    id: str  # its own `id`, or the one its passage gives (model.passage_id): stable
    text: str
    speaker: str  # actor id
    span: Span
    note: str | None
    leak: str | None = None  # the leak the words come from: one of the article's leaks

    @property
    def anchor(self) -> str:
        """The element id of the highlight in the text: what links and citations point at."""
        return f"quote-{self.id}"


@dataclass(frozen=True)
class PlacedAnnotation:
    """An editorial note anchored to a passage: `#note-<id>` on the page."""

    number: int
    id: str
    text: str
    note: str
    span: Span

    @property
    def anchor(self) -> str:
        """The element id of the highlight in the text: what links and citations point at."""
        return f"note-{self.id}"


@dataclass(frozen=True)
class Mention:
    """An actor named in the text by its name or an alias."""

    actor: str
    span: Span
    name: str = ""  # the name or alias found, folded (see MentionFinder)


@dataclass(frozen=True)
class LinkedArticle:
    """An article with its quotes, notes and mentions placed in the text."""

    entry: ArticleEntry
    quotes: tuple[PlacedQuote, ...]
    annotations: tuple[PlacedAnnotation, ...]
    mentions: tuple[Mention, ...]
    actors: tuple[str, ...]  # every actor concerned: mentioned, listed, or quoted; sorted

    @property
    def id(self) -> str:
        """The article's id."""
        return self.entry.model.id


@dataclass(frozen=True)
class QuoteRef:
    """A quote seen from its speaker's page."""

    article: str
    quote: PlacedQuote


@dataclass(frozen=True)
class LeakReport:
    """An article reporting a leak, with its stance."""

    article: str
    stance: Stance


@dataclass(frozen=True)
class ArchiveGraph:
    """Everything the pages need: entities by id and the links between them, all sorted."""

    articles: Mapping[str, LinkedArticle]  # newest first
    actors: Mapping[str, Entry[Actor]]  # by id
    leaks: Mapping[str, Entry[Leak]]  # by id
    articles_by_actor: Mapping[str, tuple[str, ...]]  # actor -> articles concerning it
    articles_by_publisher: Mapping[str, tuple[str, ...]]  # outlet -> articles it published
    quotes_by_actor: Mapping[str, tuple[QuoteRef, ...]]
    reports_by_leak: Mapping[str, tuple[LeakReport, ...]]  # oldest article first
    quotes_by_leak: Mapping[str, tuple[QuoteRef, ...]]  # words quoted from each leak, newest first
    leaks_by_actor: Mapping[str, tuple[str, ...]]
    co_actors: Mapping[str, tuple[tuple[str, int], ...]]  # actor -> (other actor, articles shared)
    members: Mapping[str, tuple[str, ...]]  # actor -> actors affiliated with it, by name


def link(archive: ValidArchive) -> tuple[ArchiveGraph, list[Problem]]:
    """Resolve references and place annotations; return the graph and every problem found."""
    linker = ArticleLinker.of(archive)
    articles = list(archive.articles)
    found = parallel.map_in_two(linker.places, articles, minimum=PARALLEL_MIN_ARTICLES)
    linked = [
        (LinkedArticle(entry, *parts), problems)
        for entry, (parts, problems) in zip(articles, found, strict=True)
    ]
    return linker.graph(linked)


def _broad_names(articles: list[LinkedArticle], finder: MentionFinder) -> list[Problem]:
    """An alias found in most of the archive's articles, unless its actor acknowledges it
    (`broad_aliases`): one small file would otherwise link most of the archive to one actor."""
    found_in: Counter[str] = Counter()
    for article in articles:
        found_in.update({mention.name for mention in article.mentions})
    problems = []
    for folded, count in sorted(found_in.items()):
        if count < ALIAS_SHARE_FLOOR or count <= MAX_ALIAS_SHARE * len(articles):
            continue
        entry, path, name = finder.sources[folded]
        # An actor's own name is its identity, reviewed as such; an alias is the quiet part.
        if path != ("name",) and name not in entry.model.broad_aliases:
            message = (
                f"expected a name that singles out this actor, found '{name}' in {count} of the archive's "
                f"{len(articles)} articles: every one would be linked to it. If that is right, list "
                "it under broad_aliases; otherwise use a longer form"
            )
            problems.append(entry.problem(path, message))
    return problems


def mention_counts(graph: ArchiveGraph) -> Counter[str]:
    """How many articles name each actor (by name or alias): what a new alias does to the archive."""
    counts: Counter[str] = Counter()
    for article in graph.articles.values():
        counts.update({mention.actor for mention in article.mentions})
    return counts


MentionLink = tuple[str, str]
"""An article's text naming an actor: (article id, actor id), one per pair however often named."""


def mention_links(graph: ArchiveGraph) -> frozenset[MentionLink]:
    """Every article-actor pair that a name or alias in an article's text links."""
    return frozenset(
        (article.id, mention.actor) for article in graph.articles.values() for mention in article.mentions
    )


@dataclass(frozen=True)
class LinkChanges:
    """What a change does to the archive's mention links: the pairs it adds and the ones it drops.

    A reviewer reads this beside the diff: one small actor file with a common alias can link
    thousands of articles, which no line of the diff shows."""

    added: frozenset[MentionLink]
    removed: frozenset[MentionLink]

    def by_actor(self) -> list[tuple[str, int, int]]:
        """(actor id, links added, links removed), the most changed first, then by id."""
        added = Counter(actor for _, actor in self.added)
        removed = Counter(actor for _, actor in self.removed)
        actors = set(added) | set(removed)
        rows = [(actor, added[actor], removed[actor]) for actor in actors]
        return sorted(rows, key=lambda row: (-(row[1] + row[2]), row[0]))

    def summary(self, compared: str, most: int = 5) -> str:
        """One line, e.g. 'links: +3 new, -1 gone since the last build (jane-roe +2, acme -1)',
        where `compared` says with what."""
        line = f"links: +{len(self.added)} new, -{len(self.removed)} gone {compared}"
        rows = self.by_actor()
        shown = [_actor_change(*row) for row in rows[:most]]
        if len(rows) > most:
            shown.append("...")
        return f"{line} ({', '.join(shown)})" if shown else line


def _actor_change(actor: str, added: int, removed: int) -> str:
    return " ".join([actor, *([f"+{added}"] if added else []), *([f"-{removed}"] if removed else [])])


def link_changes(before: frozenset[MentionLink], after: frozenset[MentionLink]) -> LinkChanges:
    """The mention links `after` has that `before` has not, and the other way round."""
    return LinkChanges(added=after - before, removed=before - after)


def _ref_problem(
    entry: Entry,
    path: FieldPath,
    kind: str,
    found: str,
    known,
    broken: Mapping[str, frozenset[str]],
    elsewhere: Mapping[str, Collection[str]] | None = None,
) -> list[Problem]:
    """The problem with a reference to an unknown id: none if a file of that name exists but did
    not validate, since that file's own problem is the one to fix (one mistake, one message).

    Says which kind of entry the id is when it names one of another kind (a leak as a speaker),
    and, when no id is near, the command that makes the missing file."""
    if found in broken.get(kind, frozenset()):
        return []
    folder = "actors" if kind == "actor" else "leaks"
    expected = (
        f"expected the id of {'an' if kind == 'actor' else 'a'} {kind} in archive/{folder}/, found '{found}'"
    )
    other = next((k for k, ids in (elsewhere or {}).items() if found in ids), None)
    if other:
        article = "an" if other[0] in "aeiou" else "a"
        hint = f", which is {article} {other} (archive/{other}s/{found}.yml): {_ROLE[str(path[-1])]}"
        return [entry.problem(path, expected + hint)]
    hint = did_you_mean(found, [*known, *broken.get(kind, ())])
    if not hint:
        hint = f"; if it is new, make its file: {_new_command(kind, found, path)}"
    return [entry.problem(path, f"{expected}, which is none{hint}")]


_ROLE = defaultdict(
    lambda: "this field takes an actor",
    {
        "speaker": "a speaker is the actor (person or body) who said or wrote the words",
        "publisher": "a publisher is an actor of kind outlet",
        "first_reported_by": "who first reported it is an actor (an outlet, usually)",
        "source": "a leak's source is the actor who leaked it (anonymous: true if unnamed)",
        "affiliation": "an affiliation is the actor (organization or state body) it belongs to",
        "leak": "this field takes a leak, the leaked item the article speaks of",
    },
)
"""Why a field takes the kind it takes, by the field's name (said when given the wrong kind)."""


def _new_command(kind: str, found: str, path: FieldPath) -> str:
    """The `leakarchive new` command that makes an entry with the id `found`."""
    name = " ".join(word.capitalize() for word in found.split("-"))
    if kind == "leak":
        return f'leakarchive new leak "{name}" --kind memo --id {found} (then correct its title and kind)'
    actor_kind = {"publisher": "outlet", "first_reported_by": "outlet", "affiliation": "organization"}
    return (
        f'leakarchive new actor "{name}" --kind {actor_kind.get(str(path[-1]), "person")} --id {found} '
        "(then correct its name and kind)"
    )


def _check_entity_refs(
    archive: ValidArchive, actors: Mapping[str, Entry], broken: Mapping[str, frozenset[str]]
) -> list[Problem]:
    """References from actor and leak files to actors."""
    problems = []
    leak_ids = {"leak": {entry.model.id for entry in archive.leaks}}
    for entry in archive.actors:
        ref = entry.model.affiliation
        if ref and ref not in actors:
            problems.extend(_ref_problem(entry, ("affiliation",), "actor", ref, actors, broken, leak_ids))
    for leak_entry in archive.leaks:
        leak = leak_entry.model
        if leak.source and leak.source not in actors:
            found = _ref_problem(leak_entry, ("source",), "actor", leak.source, actors, broken, leak_ids)
            problems.extend(found)
        if leak.first_reported_by and leak.first_reported_by not in actors:
            problems.extend(
                _ref_problem(
                    leak_entry,
                    ("first_reported_by",),
                    "actor",
                    leak.first_reported_by,
                    actors,
                    broken,
                    leak_ids,
                )
            )
        for index, ref in enumerate(leak.actors):
            if ref not in actors:
                problems.extend(
                    _ref_problem(leak_entry, ("actors", index), "actor", ref, actors, broken, leak_ids)
                )
    return problems


PARALLEL_MIN_ARTICLES = 2000
"""From this many articles to link, a forked child links half of them (see parallel.py)."""


@dataclass(frozen=True)
class ArticleLinker:
    """Links articles against the archive's actors and leaks, and joins them into the graph.

    Linking an article depends on the article and on every actor and leak (ids, names, aliases);
    files that did not validate (`broken`) only change the messages about unknown ids.
    """

    actors: Mapping[str, Entry]
    leaks: Mapping[str, Entry]
    broken: Mapping[str, frozenset[str]]
    finder: MentionFinder
    problems: tuple[Problem, ...]  # in actor and leak files: references, aliases

    @classmethod
    def of(cls, archive: ValidArchive) -> ArticleLinker:
        """The linker of `archive`, with the problems of its actor and leak files found."""
        actors = {e.model.id: e for e in archive.actors}
        leaks = {e.model.id: e for e in archive.leaks}
        problems = _check_entity_refs(archive, actors, archive.broken_ids)
        finder = MentionFinder(actors.values())
        problems.extend(finder.problems)
        return cls(actors, leaks, archive.broken_ids, finder, tuple(problems))

    def link(self, entry: ArticleEntry) -> tuple[LinkedArticle, list[Problem]]:
        """One article linked, with the problems found linking it."""
        return _link_article(entry, self.actors, self.leaks, self.broken, self.finder)

    def places(self, entry: ArticleEntry) -> tuple[tuple, list[Problem]]:
        """What linking finds in the article: its places and mentions (small enough to send
        back from a child process, unlike the article) and its problems."""
        article, found = self.link(entry)
        return (article.quotes, article.annotations, article.mentions, article.actors), found

    def graph(self, linked: list[tuple[LinkedArticle, list[Problem]]]) -> tuple[ArchiveGraph, list[Problem]]:
        """The graph of the linked articles (in the archive's order) and every problem found."""
        problems = list(self.problems)
        articles = []
        for article, found in linked:
            problems.extend(found)
            articles.append(article)
        problems.extend(_broad_names(articles, self.finder))
        articles.sort(key=lambda a: (a.entry.model.date.sort_key(), a.id), reverse=True)
        return _backlinks(articles, self.actors, self.leaks), problems


def _link_article(
    entry: ArticleEntry,
    actors: Mapping[str, Entry],
    leaks: Mapping[str, Entry],
    broken: Mapping[str, frozenset[str]],
    finder: MentionFinder,
) -> tuple[LinkedArticle, list[Problem]]:
    """One article linked: its references checked, its quotes and annotations placed in its
    text, the actors it names found; with the problems, in the order of the file."""
    refs = _References(entry, actors, leaks, broken)
    listed = refs.check_article()
    text = normalize(entry.body)
    quotes = _placed_quotes(entry, text, refs)
    notes = _placed_annotations(entry, text, refs.problems)
    mentions = finder.find(text)
    concerned = listed | {m.actor for m in mentions} | {q.speaker for q in quotes}
    linked = LinkedArticle(entry, tuple(quotes), tuple(notes), tuple(mentions), tuple(sorted(concerned)))
    return linked, refs.problems


class _References:
    """Checks one article's references to actors and leaks, gathering a problem for each
    unknown one."""

    def __init__(
        self,
        entry: ArticleEntry,
        actors: Mapping[str, Entry],
        leaks: Mapping[str, Entry],
        broken: Mapping[str, frozenset[str]],
    ):
        self.entry, self.actors, self.leaks, self.broken = entry, actors, leaks, broken
        self.problems: list[Problem] = []

    def actor(self, path: FieldPath, ref: str) -> bool:
        """Whether `ref`, at `path`, is a known actor."""
        if ref in self.actors:
            return True
        others = {"leak": self.leaks}
        self.problems.extend(_ref_problem(self.entry, path, "actor", ref, self.actors, self.broken, others))
        return False

    def check_article(self) -> set[str]:
        """Check the publishers, leaks and actors the article lists; the known actors listed."""
        article = self.entry.model
        self.actor(("source", "publisher"), article.source.publisher)
        if article.source.via:
            self.actor(("source", "via", "publisher"), article.source.via.publisher)
        for index, ref in enumerate(article.leaks):
            if ref.leak not in self.leaks:
                path = ("leaks", index, "leak")
                others = {"actor": self.actors}
                self.problems.extend(
                    _ref_problem(self.entry, path, "leak", ref.leak, self.leaks, self.broken, others)
                )
        return {ref for i, ref in enumerate(article.actors) if self.actor(("actors", i), ref)}


def _placed_quotes(entry: ArticleEntry, text: NormalizedText, refs: _References) -> list[PlacedQuote]:
    """The article's quotes found in its text, whose speaker and leak are known."""
    quotes = []
    for index, quote in enumerate(entry.model.quotes):
        speaker_ok = refs.actor(("quotes", index, "speaker"), quote.speaker)
        leak_ok = quote.leak is None or _quoted_leak(
            entry, index, quote.leak, refs.leaks, refs.broken, refs.problems
        )
        span = _anchor(entry, text, ("quotes", index), quote, refs.problems)
        if span and speaker_ok and leak_ok:
            quotes.append(
                PlacedQuote(index + 1, quote.key, quote.text, quote.speaker, span, quote.note, quote.leak)
            )
    return quotes


def _placed_annotations(
    entry: ArticleEntry, text: NormalizedText, problems: list[Problem]
) -> list[PlacedAnnotation]:
    """The article's annotations found in its text."""
    notes = []
    for index, note in enumerate(entry.model.annotations):
        span = _anchor(entry, text, ("annotations", index), note, problems)
        if span:
            notes.append(PlacedAnnotation(index + 1, note.key, note.text, note.note, span))
    return notes


def _quoted_leak(
    entry: ArticleEntry,
    index: int,
    leak: str,
    leaks: Mapping[str, Entry],
    broken: Mapping[str, frozenset[str]],
    problems: list[Problem],
) -> bool:
    """Whether quote `index`'s leak is known and listed among the article's leaks."""
    article = entry.model
    path = ("quotes", index, "leak")
    if leak not in leaks:
        problems.extend(_ref_problem(entry, path, "leak", leak, leaks, broken))
        return False
    listed = [ref.leak for ref in article.leaks]
    if leak not in listed:
        problems.append(
            entry.problem(
                path,
                f"expected one of the article's leaks ({', '.join(listed) or 'none listed'}), "
                f"found '{leak}': add it under leaks, with its stance",
            )
        )
        return False
    return True


def _anchor(
    entry: ArticleEntry,
    text: NormalizedText,
    path: FieldPath,
    selector: Quote | Annotation,
    problems: list[Problem],
) -> Span | None:
    """Place a quote or annotation in the text, or add a problem saying why it cannot be."""
    if not text.text.strip():
        return None  # an empty body is reported once, by the validator, not once per quote
    try:
        match = find_passage(text, selector.text, selector.prefix, selector.suffix)
    except AnchorError as error:
        problems.append(entry.problem((*path, "text"), str(error)))
        return None
    return Span(match.start, match.end)


class MentionFinder:
    """Finds actors named in a text by name or alias, longest name first, in one pass.

    All names are compiled into one regular expression shaped like a trie (names sharing a
    beginning share a branch), so the text is scanned once by the regex engine: the cost is
    linear in the length of the text, and barely grows with the number of actors.
    """

    def __init__(self, actors):
        self.problems: list[Problem] = []
        self._actor_of: dict[str, str] = {}  # folded name -> actor id
        self.sources: dict[str, tuple[Entry, FieldPath, str]] = {}  # folded name -> where it is written
        for entry in actors:
            actor: Actor = entry.model
            for path, name in actor.every_name():
                folded = fold(name)
                if not _WORD.match(folded):
                    if path != ("name",):
                        self.problems.append(
                            entry.problem(
                                path,
                                f"expected an alias starting with a letter or digit, found '{name}'",
                            )
                        )
                    continue
                self._actor_of.setdefault(folded, actor.id)
                self.sources.setdefault(folded, (entry, path, name))
                if JOINER in folded:  # texts write "رئیس‌جمهور" as "رئیسجمهور" or "رئیس جمهور" too
                    for variant in (folded.replace(JOINER, ""), folded.replace(JOINER, " ")):
                        self._actor_of.setdefault(variant, actor.id)
                        self.sources.setdefault(variant, (entry, path, name))
        pattern = _trie_pattern(sorted(self._actor_of))
        # No "(?<!\w)" in the pattern: a leading lookbehind stops the regex engine from skipping
        # ahead to the names' first letters, which makes the scan several times slower. `find`
        # checks the character before each match instead.
        self._pattern = re.compile(pattern) if pattern else None

    def find(self, text: NormalizedText) -> list[Mention]:
        """Every mention in the text, left to right, never overlapping; a name starts a word."""
        if self._pattern is None:
            return []
        found: list[Mention] = []
        folded, search = text.text, self._pattern.search
        match = search(folded)
        while match is not None:
            start = match.start()
            if start and _WORD_CHARACTER.match(folded, start - 1):
                # Inside a word ("DAli Khamenei"): a name may still start later in this match.
                match = search(folded, start + 1)
                continue
            original_start, original_end = text.span(start, match.end())
            name = match.group()
            found.append(Mention(self._actor_of[name], Span(original_start, original_end), name))
            match = search(folded, match.end())
        return found


def _trie_pattern(names: list[str]) -> str:
    """A regular expression matching any of `names`, preferring the longest.

    A name ending in a letter or digit must end a word: "Iran" is not found in "Iranian".
    Recursion goes one level per point where names diverge, so at most the length of the
    longest name, which the model bounds (`model.MAX_LINE`).
    """
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict, last: str) -> str:
        # Longer continuations come first: the regex engine takes the first branch that fits.
        options = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            run = char
            while len(child) == 1 and "" not in child:  # a chain without choices: one literal
                ((char, child),) = child.items()
                run += char
            options.append(re.escape(run) + branch(child, run[-1]))
        if "" in node:
            options.append(r"(?!\w)" if last.isalnum() or last == "_" else "")
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return branch(trie, "") if trie else ""


def _backlinks(
    articles: list[LinkedArticle], actors: Mapping[str, Entry], leaks: Mapping[str, Entry]
) -> ArchiveGraph:
    """The graph: the articles, newest first, and the links between them, actors and leaks."""
    tallies = _ArticleTallies()
    for article in articles:  # newest first
        tallies.add(article, leaks)
    order = {article.id: i for i, article in enumerate(articles)}
    return ArchiveGraph(
        articles={a.id: a for a in articles},
        actors=dict(sorted(actors.items())),
        leaks=dict(sorted(leaks.items())),
        articles_by_actor={k: tuple(v) for k, v in sorted(tallies.by_actor.items())},
        articles_by_publisher={k: tuple(v) for k, v in sorted(tallies.by_publisher.items())},
        quotes_by_actor={k: tuple(v) for k, v in sorted(tallies.quotes.items())},
        reports_by_leak={
            k: tuple(sorted(v, key=lambda r: -order[r.article])) for k, v in sorted(tallies.reports.items())
        },
        quotes_by_leak={k: tuple(v) for k, v in sorted(tallies.quoted_from.items())},
        leaks_by_actor=_leaks_by_actor(leaks),
        co_actors=_co_actors(tallies.pairs, actors),
        members=_members(actors),
    )


class _ArticleTallies:
    """What the articles say of each actor and leak, gathered in one pass, in the articles' order."""

    def __init__(self) -> None:
        self.by_actor: dict[str, list[str]] = defaultdict(list)
        self.by_publisher: dict[str, list[str]] = defaultdict(list)
        self.quotes: dict[str, list[QuoteRef]] = defaultdict(list)
        self.quoted_from: dict[str, list[QuoteRef]] = defaultdict(list)
        self.reports: dict[str, list[LeakReport]] = defaultdict(list)
        self.pairs: Counter[tuple[str, str]] = Counter()  # (actor, other) -> articles concerning both

    def add(self, article: LinkedArticle, leaks: Mapping[str, Entry]) -> None:
        """Count in one article."""
        source = article.entry.model.source
        self.by_publisher[source.publisher].append(article.id)
        if source.via and source.via.publisher != source.publisher:
            self.by_publisher[source.via.publisher].append(article.id)
        for actor in article.actors:
            self.by_actor[actor].append(article.id)
        self.pairs.update(permutations(article.actors, 2))  # counted in C: k² pairs per article
        for quote in article.quotes:
            self.quotes[quote.speaker].append(QuoteRef(article.id, quote))
            if quote.leak:
                self.quoted_from[quote.leak].append(QuoteRef(article.id, quote))
        for ref in article.entry.model.leaks:
            if ref.leak in leaks:
                self.reports[ref.leak].append(LeakReport(article.id, ref.stance))


def _leaks_by_actor(leaks: Mapping[str, Entry]) -> dict[str, tuple[str, ...]]:
    """The leaks each actor is named in (as an actor, the source or the first to report), by id."""
    found: dict[str, set[str]] = defaultdict(set)
    for leak_id, entry in leaks.items():
        leak: Leak = entry.model
        for actor in (*leak.actors, *(ref for ref in (leak.source, leak.first_reported_by) if ref)):
            found[actor].add(leak_id)
    return {k: tuple(sorted(v)) for k, v in sorted(found.items())}


def _co_actors(
    pairs: Counter[tuple[str, str]], actors: Mapping[str, Entry]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each actor's companions: the other actors of its articles, with how many they share."""
    co_counts: dict[str, dict[str, int]] = defaultdict(dict)
    for (actor, other), count in pairs.items():
        co_counts[actor][other] = count
    return {
        # Most shared articles first; ties by name, as a reader scans them.
        k: tuple(sorted(v.items(), key=lambda item: (-item[1], _name_key(actors, item[0]))))
        for k, v in sorted(co_counts.items())
    }


def _members(actors: Mapping[str, Entry]) -> dict[str, tuple[str, ...]]:
    """The actors affiliated with each actor, by name."""
    members: dict[str, list[str]] = defaultdict(list)
    for actor_id, entry in actors.items():
        if entry.model.affiliation in actors:
            members[entry.model.affiliation].append(actor_id)
    return {
        k: tuple(sorted(v, key=lambda actor: _name_key(actors, actor))) for k, v in sorted(members.items())
    }


def _name_key(actors: Mapping[str, Entry], actor: str) -> tuple[str, str]:
    """Sorts actors by name as a reader scans them, then by id."""
    return actors[actor].model.name.casefold(), actor
