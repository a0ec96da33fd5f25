"""Deterministic English/Spanish detector for messages that describe someone in danger right now (call 911).

It runs before, and independently of, the ML classifier. A phrase from ``phrases.GROUPS`` is found in the folded
message, then confirmed by small scope rules: it is not denied by a negation a few words before it ("nobody is in
danger"), not in the past or a habit ("last week", "every night") unless its own clause says it is still going on,
not a condition or a risk ("if someone overdoses", "could catch fire"; but "si alguien no respira que hago" is a
plea), not over or harmless ("but he's fine now", "just yelling, nobody hitting anyone"), not a painted or quoted
word ("the word 'overdose' is tagged"), not the topic of a group ("support group for families of people who
overdosed"), not said of an animal ("un venado quedo atropellado"), not a figure of speech about a thing ("this
heat is going to kill me"), for a child on their own only next to a hazard (traffic, water, the cold) and, for
generic words, not a question or a doubt ("is anyone in danger? no"). Only the start of a message is read, a
group's patterns run only when one of its keys is in the text, and every pattern is bounded, so a call takes a
millisecond or two whatever the input.

The module is long because the scope rules weigh each other (a negation, a past tense, a quote, a recovery)
and are easier to review side by side than spread over files; the phrases themselves are data in ``phrases``.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from bot.language.text import clean_text, fold, wordset

from . import phrases
from .phrases import GROUPS, Group

logger = logging.getLogger(__name__)

MAX_SCAN_CHARS = 2000
"""Only the start of a message is scanned: a resident in danger says so early, and the cost stays bounded."""
_LOOKBACK_CHARS = 120
_NEGATION_WORDS = 6
_PERSON_WORDS_BEFORE = 10
_PERSON_WORDS_AFTER = 4
_MAX_CANDIDATES = 60
"""At most this many found phrases are weighed per message: a real report never holds more, and it bounds the cost."""


def _words(pattern: str, *, anchored: bool = False) -> re.Pattern[str]:
    """``pattern`` as whole words (or, ``anchored``, at the very start of the text)."""
    return re.compile(("^" if anchored else r"(?<!\w)") + "(?:" + pattern + r")(?!\w)")


_SHORTHAND = dict(pair.replace("_", " ").split(":", 1) for pair in phrases.SHORTHAND.split())
_SHORTHAND_RE = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(k) for k in sorted(_SHORTHAND, key=len, reverse=True)) + r")(?![\w'])"
)
_REPEATED_LETTERS = re.compile(r"([^\W\d_])\1{2,40}")
_LONG_WORD = re.compile(r"[a-z]{4,20}")
_APOSTROPHES = str.maketrans({"´": "'", "`": "'", "‘": "'", "ʼ": "'", "′": "'"})
_WORD = re.compile(r"[\w'][\w'-]{0,40}")

_CLAUSE_BREAKS = re.compile(r"[,;:.!?¿¡\n()]|" + _words(phrases.CLAUSE_BREAK_WORDS).pattern)
_TIME_BREAKS = re.compile(r"[;.!?\n]|" + _words(phrases.TIME_BREAK_WORDS).pattern)
_SENTENCE_BREAKS = re.compile(r"[;.!?\n]")
_PAST = _words(phrases.PAST)
_TODAY = _words(phrases.TODAY)
_PRESENT_TENSE = _words(phrases.PRESENT_TENSE)
_PRESENT_FORM = _words(phrases.PRESENT_FORM)
_HABITUAL = _words(phrases.HABITUAL)
_PRESENT = _words(phrases.PRESENT)
_CONDITION = _words(phrases.CONDITION)
_GENERIC_CONDITION = _words(phrases.GENERIC_CONDITION)
_URGENT_ASK = re.compile(r"^\W{0,3}(?:" + phrases.URGENT_ASK + r")(?!\w)")
_MODAL = re.compile(r"(?<!\w)" + phrases.MODAL)
_RESOLVED = _words(phrases.RESOLVED)
_HARMLESS = _words(phrases.HARMLESS)
_FIGURATIVE = re.compile(r"(?<!\w)" + phrases.FIGURATIVE + "$")
_JOKE = re.compile(r"\W{0,3}(?:" + phrases.JOKE + r")(?!\w)")
_HAZARDS = _words(phrases.HAZARDS)
_DOUBT = _words(phrases.DOUBT)
_QUOTED = re.compile(phrases.QUOTED)
_QUOTED_WORD = re.compile(phrases.QUOTED_WORD)
_QUOTED_WORD_END = re.compile(phrases.QUOTED_WORD_END)
_NAMING = _words(phrases.NAMING)
_TOPIC = _words(phrases.TOPIC)
_QUESTION_START = re.compile(r"^\W{0,3}(?:" + phrases.QUESTION_START + r")(?!\w)")
_ANSWERED_NO = re.compile(r"^\W{0,3}[?:=-]\W{0,3}(?:" + phrases.ANSWER_NO + r")(?!\w)")
_ANSWERED_YES = re.compile(r"^[^?]{0,3}\?\W{0,3}(?:" + phrases.ANSWER_YES + r")(?!\w)")
_NEGATORS = wordset(phrases.NEGATORS)
_FILLERS = wordset(phrases.FILLERS) | _NEGATORS
_INTERJECTION_NO = wordset(phrases.INTERJECTION_NO)
_PERSONS = wordset(phrases.PERSON_WORDS)
_ANIMALS = wordset(phrases.ANIMALS)


@dataclass(frozen=True)
class EmergencySignal:
    """Why a message was read as an emergency.

    Attributes:
        kind: What is happening: "fire", "gas", "not_breathing", "unresponsive", "overdose", "medical",
            "hit_by_vehicle", "weapon", "violence", "suicide", "drowning", "exposure", "child" or "danger".
        evidence: The matched words (folded), for tests and debug logs; never the whole message.
    """

    kind: str
    evidence: str


def _compile(group: Group) -> tuple[Group, tuple[str, ...], re.Pattern[str]]:
    """A group with its keys split and its patterns expanded and joined into one bounded expression."""
    alternatives = []
    for pattern in group.patterns:
        for macro, expansion in phrases.MACROS.items():
            pattern = pattern.replace(macro, expansion)
        alternatives.append(pattern)
    keys = tuple(key.replace("_", " ") for key in group.keys.split())
    return group, keys, re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!(?<=\w)\w)")


_COMPILED = tuple(_compile(group) for group in GROUPS)


def _slips(word: str) -> set[str]:
    """The one-slip misspellings of ``word`` (see ``phrases.TYPO_WORDS``)."""
    slips = {word[:i] + word[i + 1 :] for i in range(len(word))}
    slips |= {word[:i] + word[i] + word[i:] for i in range(len(word))}
    slips |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    for swap in phrases.TYPO_SWAPS.split():
        old, new = swap.split(":")
        slips |= {word[:i] + new + word[i + len(old) :] for i in range(len(word)) if word.startswith(old, i)}
    if word.endswith("ing"):
        slips.add(word[:-3] + "eing")
    return slips


def _typo_map() -> dict[str, str]:
    """Misspelling -> word, leaving out real words and slips two words share."""
    words = wordset(phrases.TYPO_WORDS)
    owners: dict[str, set[str]] = {}
    for word in words:
        for slip in _slips(word):
            owners.setdefault(slip, set()).add(word)
    keep = {slip: next(iter(o)) for slip, o in owners.items() if len(o) == 1}
    for real in words | wordset(phrases.TYPO_NOT):
        keep.pop(real, None)
    for pair in phrases.TYPOS.split():
        slip, word = pair.split(":", 1)
        keep[slip] = word
    return keep


_TYPOS = _typo_map()


def normalize(text: str) -> str:
    """The folded, length-capped text the patterns are matched against.

    Args:
        text: A resident's message.

    Returns:
        Its first ``MAX_SCAN_CHARS`` characters, folded, with repeated letters squeezed ("fireeee" -> "fire"),
        misspellings of critical words corrected ("unconscous" -> "unconscious") and SMS shorthand spelled out
        ("isnt" -> "isn't").
    """
    folded = fold(clean_text(text, MAX_SCAN_CHARS).translate(_APOSTROPHES))
    folded = _REPEATED_LETTERS.sub(r"\1", folded)
    folded = _LONG_WORD.sub(lambda m: _TYPOS.get(m.group(), m.group()), folded)
    return " ".join(_SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group()], folded).split())


class _Scopes:
    """Clause, time-scope and sentence boundaries of one normalized message, found once, looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        clauses = list(_CLAUSE_BREAKS.finditer(text))
        self.clause_starts = [m.start() for m in clauses]
        self.clause_ends = [m.end() for m in clauses]
        times = list(_TIME_BREAKS.finditer(text))
        self.time_starts = [m.start() for m in times]
        self.time_ends = [m.end() for m in times]
        sentences = list(_SENTENCE_BREAKS.finditer(text))
        self.sentence_starts = [m.start() for m in sentences]
        self.sentence_ends = [m.end() for m in sentences]

    def between(self, starts: list[int], ends: list[int], start: int, end: int) -> tuple[int, int]:
        """The end of the last break before ``start`` and the start of the first break after ``end``."""
        i = bisect_right(ends, start)
        j = bisect_left(starts, end)
        return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(self.text))

    def clause_before(self, start: int) -> str:
        """The text from the start of ``start``'s clause to ``start`` (at most ``_LOOKBACK_CHARS``)."""
        begin, _ = self.between(self.clause_starts, self.clause_ends, start, start)
        return self.text[max(begin, start - _LOOKBACK_CHARS) : start]

    def clause_end_char(self, end: int) -> str:
        """The punctuation (or word) that ends the clause holding ``end``; "" at the end of the message."""
        _, finish = self.between(self.clause_starts, self.clause_ends, end, end)
        return self.text[finish] if finish < len(self.text) else ""

    def time_scope(self, start: int, end: int) -> str:
        """The stretch between the time breaks ("and", "but", full stops) around the match, bounded each way."""
        begin, finish = self.between(self.time_starts, self.time_ends, start, end)
        return self.text[max(begin, start - _LOOKBACK_CHARS) : min(finish, end + _LOOKBACK_CHARS)]

    def clause_around(self, start: int, end: int) -> str:
        """The clause holding the match, also cut at the time breaks around it."""
        begin, finish = self.between(self.clause_starts, self.clause_ends, start, end)
        t_begin, t_finish = self.between(self.time_starts, self.time_ends, start, end)
        begin, finish = max(begin, t_begin, start - _LOOKBACK_CHARS), min(finish, t_finish, end + _LOOKBACK_CHARS)
        return self.text[begin:finish]

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence holding the match (at most ``_LOOKBACK_CHARS`` each way)."""
        begin, finish = self.between(self.sentence_starts, self.sentence_ends, start, end)
        return self.text[max(begin, start - _LOOKBACK_CHARS) : min(finish, end + _LOOKBACK_CHARS)]

    def rest_of_sentence(self, end: int) -> str:
        """The text from ``end`` to the end of its sentence (at most ``_LOOKBACK_CHARS``)."""
        _, finish = self.between(self.sentence_starts, self.sentence_starts, end, end)
        return self.text[end : min(finish, end + _LOOKBACK_CHARS)]


def _not_now(scopes: _Scopes, start: int, end: int) -> bool:
    """Said of the past, of habits or of someday, and nothing in the phrase's own clause says it is still so.

    A phrase told in the present ("won't respond") is only a memory when its own clause says so; "earlier today"
    is the past only in a clause told in the past ("this morning there's a man with a knife" is going on).
    """
    clause = scopes.clause_around(start, end)
    scope = clause if _PRESENT_FORM.match(scopes.text, start) else scopes.time_scope(start, end)
    today = _TODAY.search(scope) and not _PRESENT_TENSE.search(clause)
    if not (today or _PAST.search(scope) or _HABITUAL.search(scope)):
        return False
    return not _PRESENT.search(clause)


def _negated(before: str) -> bool:
    """A negation among the last few words before a phrase, with only linking words in between."""
    words = _WORD.findall(before)[-_NEGATION_WORDS:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word in _NEGATORS:
            interjection = word == "no" and i + 1 < len(words) and words[i + 1] in _INTERJECTION_NO
            return not interjection
        denied_person = word in _PERSONS and i > 0 and words[i - 1] in _NEGATORS  # "ningun morro", "no kid"
        if word not in _FILLERS and not denied_person:
            return False
    return False


def _is_question(scopes: _Scopes, start: int, end: int, before: str) -> bool:
    """The clause holding the match asks something (and is not answered "yes")."""
    begin, _ = scopes.between(scopes.clause_starts, scopes.clause_ends, start, start)
    opened = begin > 0 and scopes.text[begin - 1] == "¿"
    if not (scopes.clause_end_char(end) == "?" or opened or _QUESTION_START.search(before)):
        return False
    return not _ANSWERED_YES.search(scopes.text[end : end + 40])


def _quoted_word(scopes: _Scopes, start: int, end: int) -> bool:
    """The phrase is a word in quotes in a sentence about words or names ("the word 'overdose' is tagged")."""
    text = scopes.text
    if not (_QUOTED_WORD.search(text[max(0, start - 30) : start]) and _QUOTED_WORD_END.search(text[end : end + 30])):
        return False
    return bool(_NAMING.search(scopes.sentence_around(start, end)))


def _about_animal(text: str, start: int, end: int) -> bool:
    """An animal, and no person, named in or just before the match ("un venado quedo atropellado")."""
    words = set(_WORD.findall(text[max(0, start - 60) : end]))
    return not _ANIMALS.isdisjoint(words) and _PERSONS.isdisjoint(words)


def _names_person(text: str, start: int, end: int) -> bool:
    """A word for a person in or just around the match."""
    before = _WORD.findall(text[max(0, start - _LOOKBACK_CHARS) : start])[-_PERSON_WORDS_BEFORE:]
    after = _WORD.findall(text[end : end + 60])[:_PERSON_WORDS_AFTER]
    return not _PERSONS.isdisjoint(before + after + _WORD.findall(text[start:end]))


def _confirmed(group: Group, scopes: _Scopes, match: re.Match[str]) -> bool:
    """Whether a phrase found in the text stands once negation, time, conditions, questions and quotes are weighed."""
    text, start, end = scopes.text, match.start(), match.end()
    if group.person and not _names_person(text, start, end):  # cheap tests that often fail go first
        return False
    if group.hazard and not _HAZARDS.search(scopes.sentence_around(start, end)):
        return False
    before = scopes.clause_before(start)
    if _quoted_word(scopes, start, end) or (not group.inherent and _TOPIC.search(before)):
        return False
    if _not_now(scopes, start, end):
        return False
    if not group.inherent and _negated(before):
        return False
    last_words = " ".join(_WORD.findall(before)[-5:])
    if group.figurative and (_FIGURATIVE.search(last_words) or _JOKE.match(text, end)):
        return False
    if not (group.inherent or group.threat) and (_CONDITION.search(before) or _MODAL.search(last_words)):
        return False
    pleading = group.inherent and _URGENT_ASK.search(text[end : end + 30])
    rest = scopes.rest_of_sentence(end)
    if (_GENERIC_CONDITION.search(before) and not pleading) or _RESOLVED.search(rest) or _HARMLESS.search(rest):
        return False
    if _ANSWERED_NO.search(text[end : end + 20]) or _QUOTED.search(before):
        return False
    if group.weak and (_is_question(scopes, start, end, before) or _DOUBT.search(before)):
        return False
    return not (group.animal and _about_animal(text, start, end))


def detect_emergency(text: str, language: str | None = None) -> EmergencySignal | None:
    """Whether a message describes someone in danger right now, who should call 911.

    Both languages are always checked, since residents mix them; ``language`` is accepted for symmetry with the
    rest of the language API and only noted in debug logs.

    Args:
        text: The resident's message, as sent (anything that is not text is read as empty).
        language: The conversation's language code, if known.

    Returns:
        The first kind of danger found (most specific kinds first), with the words that showed it, or None.
    """
    normalized = normalize(text) if isinstance(text, str) else ""
    if not normalized:
        return None
    scopes = _Scopes(normalized)
    budget = _MAX_CANDIDATES
    for group, keys, pattern in _COMPILED:
        if not any(key in normalized for key in keys):
            continue
        for match in pattern.finditer(normalized):
            budget -= 1
            if budget < 0:
                return None
            if _confirmed(group, scopes, match):
                signal = EmergencySignal(group.kind, match.group())
                logger.debug("emergency signal kind=%s evidence=%r language=%s", signal.kind, signal.evidence, language)
                return signal
    return None
