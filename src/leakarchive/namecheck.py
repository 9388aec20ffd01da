"""What a name or alias may be: no look-alike of another actor's, no stray invisible joiner, no
common word.

Names decide which actor a text mentions, so a name is an attack surface: "Jаne Dое" in Cyrillic
letters, or "Jane Doe" with a zero-width joiner, would sit beside Jane Doe unremarked, and an alias
"the" would link every article to one actor. The checks here are small and pure; the model and
`validate` apply them.
"""

from __future__ import annotations

import unicodedata
from functools import cache

JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ

# Scripts whose spelling uses the joiners (Persian "می‌شود", Indic conjuncts).
_JOINING_SCRIPTS = (
    "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI", "GUJARATI",
    "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA", "MYANMAR", "KHMER", "TIBETAN",
)  # fmt: skip


def stray_joiner(text: str) -> str | None:
    """Describe the first zero-width joiner or non-joiner of `text` that its script does not
    need (one not between two letters of a joining script such as Persian), or None."""
    for index, char in enumerate(text):
        if char not in JOINERS:
            continue
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if not (_joins(before) and _joins(after)):
            name = unicodedata.name(char)
            return (
                f"an invisible U+{ord(char):04X} ({name}) at character {index + 1}, which joins "
                "letters only in scripts such as Persian or Arabic"
            )
    return None


def _joins(char: str) -> bool:
    if not char or unicodedata.category(char)[0] not in "LM":
        return char in JOINERS  # two joiners in a row: judged by the letters around them
    return unicodedata.name(char, "").startswith(_JOINING_SCRIPTS)


def skeleton(name: str) -> str:
    """What `name` looks like, after Unicode's confusable-detection skeleton (UTS #39): each
    character replaced by the prototype Unicode's confusable data gives it (Cyrillic 'а' by Latin
    'a', capital 'I' and digit '1' by 'l'), case and invisible joiners dropped, white space
    collapsed. Two names with one skeleton look alike."""
    prototypes = _prototypes()
    text = unicodedata.normalize("NFKC", name)
    shown = "".join(prototypes.get(char, char) for char in text if char not in JOINERS)
    shown = "".join(prototypes.get(char, char) for char in shown.casefold())
    return " ".join(shown.split())


def cased_skeleton(name: str) -> str:
    """`skeleton` with case kept: two skeletons compared, so that all-capital copies ('ΝΑJΑ' in
    Greek capitals for 'NAJA') and mixed ones are both caught."""
    prototypes = _prototypes()
    text = unicodedata.normalize("NFKC", name)
    shown = "".join(prototypes.get(char, char) for char in text if char not in JOINERS)
    return " ".join(shown.split())


def skeletons(name: str) -> tuple[str, str]:
    """Both skeletons of `name`: two names look alike when either is the same."""
    return skeleton(name), cased_skeleton(name)


@cache
def _prototypes() -> dict[str, str]:
    """Each character of Unicode's confusables (as the confusable_homoglyphs package ships them)
    mapped to its prototype, the one character the data says it is mistaken for.

    Only one step, as UTS #39 does: the data lists a character that has a prototype with that
    prototype alone, and a prototype with all its look-alikes. Joining look-alikes transitively
    instead would join distinct letters ('R' and 'T' through chains of symbols) and refuse real,
    different names."""
    from confusable_homoglyphs import confusables  # 1 MB of data: loaded only when names are checked

    prototypes: dict[str, str] = {}
    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1 or len(homoglyphs) != 1:
            continue
        prototype = homoglyphs[0]["c"].strip("\u200e")  # the data marks right-to-left ones with LRMs
        if len(prototype) == 1:
            prototypes[char] = prototype
    return {char: prototypes.get(prototype, prototype) for char, prototype in prototypes.items()}


# Closed-class words (articles, pronouns, prepositions, conjunctions, auxiliaries) of the
# archive's main languages: never a name, and found in every text.
_COMMON_WORDS = frozenset(
    """
    a an the this that these those it its he him his she her hers they them their theirs we us our
    you your i me my mine who whom whose which what where when why how there here one ones some any
    all each every both either neither no not nor and or but if then than so as at by for from in
    into of on onto out over to under up upon with without about after against among before
    between during through until via is are was were be been being am do does did done have has had
    having will would shall should can could may might must said says say also just only very
    more most much many such other same own
    از به در با که و را این آن ای یا تا بر برای هم نیز اما اگر چه چون پس است بود شد هست نیست
    او ما شما آنها ایشان من تو وی خود همه هر یک دو بی پیش پس زیر روی درباره
    في من على إلى عن أن إن مع هذا هذه ذلك تلك التي الذي هو هي هم نحن أنت كان كانت قد لا لم لن ما
    ثم أو بل كل بعض بين عند حتى إذا
    """.split()  # noqa: SIM905 (a list of words, easier to read and to extend as text)
)


def common_word(name: str) -> bool:
    """Whether `name` is one of the commonest words of English, Persian or Arabic ("the", "az",
    "fi"), in any case but an acronym's ("US" names a country; "us" and "Us" do not)."""
    if name.isupper() and len(name) > 1:
        return False
    return " ".join(name.split()).casefold() in _COMMON_WORDS
