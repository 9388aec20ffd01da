"""The language of a text, by py3langid, with how sure it is."""

from __future__ import annotations

from functools import cache

LANGUAGE_SURE = 0.9
"""Below this confidence the draft says the detected language is uncertain."""


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float, list[tuple[str, float]]]:
    """The language of `text` (ISO 639 code), the confidence, and the runners-up."""
    ranked = _identifier().rank(text)
    best, confidence = ranked[0]
    return best, float(confidence), [(lang, float(score)) for lang, score in ranked[1:3]]
