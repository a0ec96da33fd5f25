"""Which language (English or Spanish) a resident's conversation is in.

Residents text in fragments: "hola", "si", "ok", "SE 82nd", "tents on 82nd". A general
detector guesses wildly on such input (plain langdetect calls "hola" English), so the
decision here is a log-odds score for Spanish over English built from three signals:

* a curated lexicon of common SMS words and phrases in each language, plus a list of
  neutral tokens (ok, no, street names, car makes) that carry no evidence at all;
* characters only Spanish uses (ñ, ¿, ¡ and accented vowels);
* for every other word, langdetect's English and Spanish n-gram profiles, scored in full
  (every n-gram, no random sampling) so the result is deterministic and its size says how
  sure it is.

The conversation's language so far (``previous``) is a prior: a message only switches it
when the score is large and comes from at least two independent words, or from a phrase
such as "no entiendo"; one word ("yes", "gracias") never does. An explicit request
("español", "english please") always wins.
"""

from __future__ import annotations

import logging
import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from bot.language.i18n import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES
from bot.language.lexicon import DIRECTIONS, ENGLISH_FRAME, NEUTRAL, PHRASES, SPANISH_FRAME, WORDS
from bot.language.requests import requested_language
from bot.language.text import WORD_RE, clean_text, fold

__all__ = ["SUPPORTED_LANGUAGES", "detect_language", "requested_language"]

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = SOURCE_LANGUAGE

MAX_WORD_CHARS = 30
"""Longer runs of letters are not words ("aaaaaaaa…") and carry no evidence."""

SWITCH_SCORE = 4.0
"""Log-odds a message needs to move a conversation away from its language."""

WORD_CAP = 2.0
"""Most evidence one word outside the lexicon can give (n-gram scores overcount)."""

NGRAM_SCALE = 0.5
"""Shrinks the n-gram log-likelihood ratio: overlapping n-grams are not independent."""

NGRAM_ORDER_WEIGHTS = {1: 0.25, 2: 0.5, 3: 1.0}
"""Longer n-grams say more about a word's language, so they count for more."""

SPANISH_MARKS_SCORE = 1.5
"""Bonus once per message for ñ, ¿, ¡ or an accented vowel."""

FRAME_MARGIN = 2
"""How many more framing words one language needs to decide a mixed first message."""
UNIT_SCORE = 1.0
"""Least evidence a word must carry to count as one independent signal."""

_SPANISH_MARKS = frozenset("ñáéíóú¿¡")
_SENTENCE_BREAKS = frozenset(".!?¿¡\n")
_STRIP_RE = re.compile(r"(?<!\S)(?:https?://|www\.|[^\s@]+@)\S+|\b[a-z]{2,4}-\d{4}-\d+\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Token:
    """A word of the message: its folded form and whether it names a place or thing."""

    word: str
    is_name: bool


@dataclass(frozen=True)
class _Evidence:
    """The Spanish-over-English score of a message and how many signals back each side."""

    score: float
    spanish_units: int
    english_units: int


def detect_language(text: str, previous: str | None = None) -> str:
    """The conversation's language after this message.

    Args:
        text: The resident's message, any length, possibly empty or malformed.
        previous: The conversation's language so far, or None for a new conversation.

    Returns:
        "en" or "es". An explicit request wins; otherwise ``previous`` (or "en") is kept
        unless the message is confidently in the other language.
    """
    current = previous if previous in SUPPORTED_LANGUAGES else None
    clean = clean_text(text)
    requested = requested_language(clean)
    if requested is not None:
        return requested
    evidence = _evidence(clean)
    if current is None:
        if evidence.spanish_units and evidence.english_units:
            framed = _frame(clean)  # a mixed first message: the language its sentence is built in
            if framed is not None:
                return framed
        return "es" if evidence.score > 0 else DEFAULT_LANGUAGE
    if current == "en" and _switches(evidence.score, evidence.spanish_units):
        return "es"
    if current == "es" and _switches(-evidence.score, evidence.english_units):
        return "en"
    return current


def _frame(text: str) -> str | None:
    """The language whose grammatical words frame ``text``, by two or more (None otherwise).

    One such word proves little: names carry them ("El Burrito Loco", "plaza del sol apts").
    """
    words = [t.word for t in _tokens(text) if not t.is_name]
    spanish = sum(word in SPANISH_FRAME for word in words)
    english = sum(word in ENGLISH_FRAME for word in words)
    if abs(spanish - english) < FRAME_MARGIN:
        return None
    return "es" if spanish > english else "en"


def _switches(score: float, units: int) -> bool:
    """Whether evidence for the other language is strong enough to switch to it."""
    return score >= SWITCH_SCORE and units >= 2


def _tokens(text: str) -> list[_Token]:
    """The words of ``text`` that may carry language evidence, in order.

    Links, e-mail addresses, case numbers, overlong runs and anything with a digit are
    dropped, and names are marked.
    """
    text = _STRIP_RE.sub(" . ", text)
    matches = list(WORD_RE.finditer(text))
    title_case_text = len(matches) >= 4 and all(m.group().istitle() for m in matches)
    tokens: list[_Token] = []
    for i, match in enumerate(matches):
        word = match.group()
        following = matches[i + 1].group() if i + 1 < len(matches) else ""
        if len(word) > MAX_WORD_CHARS or any(ch.isdigit() for ch in word) or _is_direction(word, following):
            continue
        gap = text[matches[i - 1].end() : match.start()] if i else "."
        starts_sentence = any(ch in _SENTENCE_BREAKS for ch in gap)
        folded = fold(word)
        is_name = not title_case_text and _is_name(word, folded, starts_sentence, following)
        tokens.append(_Token(folded, is_name))
    return tokens


def _is_name(word: str, folded: str, starts_sentence: bool, following: str) -> bool:
    """Whether a capitalised ``word`` names a place or business ("Plaza del Sol").

    A sentence's first word is a name only when another capitalised word follows and it
    is not a known word ("Hola Maria" greets; "Casa Latina" is a name).
    """
    if not word.istitle() or len(word) < 2:
        return False
    if not starts_sentence:
        return True
    return following.istitle() and folded not in WORDS


def _is_direction(word: str, following: str) -> bool:
    """Whether ``word`` is an address direction such as the SE of "SE 82nd"."""
    folded = word.lower()
    if folded not in DIRECTIONS:
        return False
    return word.isupper() or following[:1].isdigit() or fold(following) in NEUTRAL


def _evidence(text: str) -> _Evidence:
    """Add up the language evidence in ``text``.

    Each distinct word or phrase is one unit of evidence for its side when it carries at
    least UNIT_SCORE; a phrase that alone reaches SWITCH_SCORE ("no entiendo") counts twice.
    """
    words = _phrases([t for t in _tokens(text) if not t.is_name])
    score = SPANISH_MARKS_SCORE if _SPANISH_MARKS.intersection(text.lower()) else 0.0
    spanish = english = 0
    for unit in dict.fromkeys(words):
        weight = _unit_score(unit)
        score += weight
        units = 2 if abs(weight) >= SWITCH_SCORE else 1 if abs(weight) >= UNIT_SCORE else 0
        if weight > 0:
            spanish += units
        else:
            english += units
    return _Evidence(score, spanish, english)


def _phrases(tokens: list[_Token]) -> list[str]:
    """The words of ``tokens``, with known multi-word phrases joined into one unit."""
    words = [t.word for t in tokens]
    units: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2, 1):
            candidate = " ".join(words[i : i + size])
            if size == 1 or candidate in PHRASES:
                units.append(candidate)
                i += size
                break
    return units


def _unit_score(unit: str) -> float:
    """Spanish-over-English log-odds carried by one word or phrase."""
    if unit in PHRASES:
        return PHRASES[unit]
    if unit in NEUTRAL:
        return 0.0
    if unit in WORDS:
        return WORDS[unit]
    return _ngram_score(unit)


@lru_cache(maxsize=4096)
def _ngram_score(word: str) -> float:
    """The verdict of langdetect's en/es profiles on one unknown word, scaled and capped."""
    log_ratios = _ngram_log_ratios()
    padded = f" {word} "
    total = 0.0
    for n in NGRAM_ORDER_WEIGHTS:
        for start in range(len(padded) - n + 1):
            total += log_ratios.get(padded[start : start + n], 0.0)
    return max(-WORD_CAP, min(WORD_CAP, total * NGRAM_SCALE))


@lru_cache(maxsize=1)
def _ngram_log_ratios() -> dict[str, float]:
    """Each n-gram's Spanish-over-English log-likelihood ratio, weighted by its order.

    The probabilities are langdetect's English and Spanish profiles, loaded once into a
    private factory (the global one is left alone) and smoothed as langdetect smooths them.
    """
    factory = DetectorFactory()
    profiles = []
    for lang in ("en", "es"):
        with open(os.path.join(PROFILES_DIRECTORY, lang), encoding="utf-8") as handle:
            profiles.append(handle.read())
    factory.load_json_profile(profiles)
    if factory.get_lang_list() != ["en", "es"]:
        raise RuntimeError("langdetect profiles did not load as en, es")
    smoothing = Detector.ALPHA_DEFAULT / Detector.BASE_FREQ
    log_ratios = {
        gram: NGRAM_ORDER_WEIGHTS[len(gram)] * math.log((es + smoothing) / (en + smoothing))
        for gram, (en, es) in factory.word_lang_prob_map.items()
        if gram.strip() and len(gram) in NGRAM_ORDER_WEIGHTS
    }
    logger.debug("language.profiles.loaded ngrams=%d", len(log_ratios))
    return log_ratios
