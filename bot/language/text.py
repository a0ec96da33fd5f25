"""Text folding for matching what residents type: one definition for every comparison in the project."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORDS = re.compile(r"[^\w\s'+-]")
#: A word: letters and digits, with inner apostrophes or hyphens ("don't", "e-mail").
WORD_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
MAX_CHARS = 1000
"""Only the start of a very long message is read for language and requests; it is plenty to decide."""


def clean_text(text: object, max_chars: int = MAX_CHARS) -> str:
    """``text`` as clean NFC Unicode: no lone surrogates, at most ``max_chars`` characters; "" if not text."""
    if not isinstance(text, str):
        return ""
    text = text[:max_chars].encode("utf-8", "ignore").decode("utf-8")
    return unicodedata.normalize("NFC", text)


def fold(text: str | None, *, drop_punctuation: bool = False) -> str:
    """``text`` case-folded, without accents, with straight apostrophes and single spaces.

    Args:
        text: Any text (None is read as empty).
        drop_punctuation: Also turn punctuation (except ``'``, ``+`` and ``-``) into spaces.

    Returns:
        The folded text, for comparisons only (never for display).
    """
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold().replace("’", "'"))
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    if drop_punctuation:
        bare = _NOT_WORDS.sub(" ", bare)
    return " ".join(bare.split())


def wordset(spaced: str) -> frozenset[str]:
    """The words of a space-separated list (word lists read best written as one string)."""
    return frozenset(spaced.split())
