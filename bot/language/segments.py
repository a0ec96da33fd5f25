"""Fitting replies into SMS: GSM-7/UCS-2 segment arithmetic and splitting at sentence boundaries.

Everything here is pure. An SMS segment carries 160 GSM-7 septets or 70 UCS-2 code
units; a concatenated message loses room to its header, leaving 153 septets or 67 units
per segment. One character outside GSM-7 (``á``, ``ó``, an emoji) switches the whole
message to UCS-2, so Spanish text costs more when it uses acute accents.
"""

from __future__ import annotations

import re

# GSM 03.38 basic character set (ESC, 0x1B, is left out: it introduces the extension table).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Extension table: each character is sent as ESC + code, two septets.
GSM7_EXTENSION = frozenset("\f^{}\\[]~|€")

GSM7_SINGLE_SEPTETS = 160
GSM7_MULTI_SEPTETS = 153
UCS2_SINGLE_UNITS = 70
UCS2_MULTI_UNITS = 67
# Twilio refuses bodies longer than this (error 21617), whatever the segment count.
MAX_BODY_CHARS = 1600

_TERMINATORS = ".!?…"
_CLOSERS = "\"')]}»”’"
_OPENERS = "¿¡"
_ABBREVIATIONS = frozenset(
    {"ave", "blvd", "dr", "mr", "mrs", "ms", "st", "sr", "sra", "srta", "no", "núm", "approx", "apt"}
)
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def is_gsm7(text: str) -> bool:
    """Whether ``text`` can be sent in the GSM-7 alphabet (basic set plus extension table).

    Args:
        text: The message text.

    Returns:
        True if every character is in GSM 03.38; the empty string is GSM-7.
    """
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


class _SegmentMeter:
    """Counts segments for both encodings as characters are fed in, without re-scanning."""

    def __init__(self) -> None:
        self.chars = 0
        self.gsm7 = True
        self._septets = 0
        self._gsm_segments = 0
        self._gsm_room = 0
        self._units = 0
        self._ucs_segments = 0
        self._ucs_room = 0

    def feed(self, text: str) -> None:
        """Account for ``text`` appended to what was fed so far."""
        for ch in text:
            self.chars += 1
            units = 2 if ord(ch) > 0xFFFF else 1  # a surrogate pair never straddles segments
            self._units += units
            if units > self._ucs_room:
                self._ucs_segments += 1
                self._ucs_room = UCS2_MULTI_UNITS
            self._ucs_room -= units
            if not self.gsm7:
                continue
            if ch in GSM7_BASIC:
                septets = 1
            elif ch in GSM7_EXTENSION:
                septets = 2  # an escape sequence never straddles segments
            else:
                self.gsm7 = False
                continue
            self._septets += septets
            if septets > self._gsm_room:
                self._gsm_segments += 1
                self._gsm_room = GSM7_MULTI_SEPTETS
            self._gsm_room -= septets

    @property
    def segments(self) -> int:
        """Segments needed for everything fed so far (0 when nothing was fed)."""
        if self.chars == 0:
            return 0
        if self.gsm7:
            return 1 if self._septets <= GSM7_SINGLE_SEPTETS else self._gsm_segments
        return 1 if self._units <= UCS2_SINGLE_UNITS else self._ucs_segments

    def fits(self, max_segments: int) -> bool:
        """Whether the text fed so far can go out as one message of ``max_segments``."""
        return self.segments <= max_segments and self.chars <= MAX_BODY_CHARS


def measure(text: str) -> tuple[int, str]:
    """How many SMS segments ``text`` takes, and in which encoding ("GSM-7" or "UCS-2")."""
    return segment_count(text), "GSM-7" if is_gsm7(text) else "UCS-2"


def segment_count(text: str) -> int:
    """Number of SMS segments a carrier bills for ``text``.

    GSM-7 text takes one segment up to 160 septets, else one per 153 septets (extension
    characters count two and are never split across segments). Any other text is UCS-2:
    one segment up to 70 UTF-16 code units, else one per 67 (an emoji's surrogate pair is
    never split).

    Args:
        text: The message text.

    Returns:
        The segment count; 0 for the empty string, which Twilio refuses to send (21602).
    """
    meter = _SegmentMeter()
    meter.feed(text)
    return meter.segments


def _fits(text: str, max_segments: int) -> bool:
    meter = _SegmentMeter()
    meter.feed(text)
    return meter.fits(max_segments)


def _ends_sentence(text: str, word_start: int, ws_start: int) -> bool:
    """Whether the word ``text[word_start:ws_start]`` closes a sentence."""
    k = ws_start - 1
    while k >= word_start and text[k] in _CLOSERS:
        k -= 1
    if k < word_start or text[k] not in _TERMINATORS:
        return False
    if text[k] != ".":
        return True
    word = text[word_start:k].lstrip(_CLOSERS + _OPENERS)
    if len(word) == 1 and word.isalpha():
        return False
    return word.lower() not in _ABBREVIATIONS and not _INITIALISM.fullmatch(word)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of sentences, without the whitespace around them."""
    spans: list[tuple[int, int]] = []
    start = 0
    word_start = 0
    for match in re.finditer(r"\s+", text):
        ws_start, ws_end = match.span()
        boundary = (
            ws_start == 0
            or ws_end == len(text)
            or "\n" in match.group()
            or (text[ws_end] in _OPENERS and text[ws_start - 1] not in ",;:")
            or _ends_sentence(text, word_start, ws_start)
        )
        if boundary:
            if ws_start > start:
                spans.append((start, ws_start))
            start = ws_end
        word_start = ws_end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _hard_chunks(text: str, start: int, end: int, max_segments: int) -> list[tuple[int, int]]:
    """Cut a word too long for one message into the longest pieces that fit."""
    chunks: list[tuple[int, int]] = []
    meter = _SegmentMeter()
    chunk_start = start
    for index in range(start, end):
        meter.feed(text[index])
        if not meter.fits(max_segments):
            chunks.append((chunk_start, index))
            chunk_start = index
            meter = _SegmentMeter()
            meter.feed(text[index])
    chunks.append((chunk_start, end))
    return chunks


def _units(text: str, max_segments: int) -> list[tuple[int, int]]:
    """Sentences; words of a sentence too long for one message; pieces of an overlong word."""
    units: list[tuple[int, int]] = []
    for start, end in _sentence_spans(text):
        if _fits(text[start:end], max_segments):
            units.append((start, end))
            continue
        for word in re.finditer(r"\S+", text[start:end]):
            w_start, w_end = start + word.start(), start + word.end()
            if _fits(text[w_start:w_end], max_segments):
                units.append((w_start, w_end))
            else:
                units.extend(_hard_chunks(text, w_start, w_end, max_segments))
    return units


MAX_OPTIMAL_UNITS = 40
"""Beyond this many pieces (a long text without sentence ends, cut between words) the parts are filled in
order instead of chosen by the quadratic search: as few messages, in linear time."""


def _greedy_parts(text: str, units: list[tuple[int, int]], max_segments: int) -> list[str]:
    """Fill each message with as many units as fit, in order (the fewest messages, not the fewest segments)."""
    parts: list[str] = []
    first = 0
    meter = _SegmentMeter()
    meter.feed(text[units[0][0] : units[0][1]])
    for index in range(1, len(units)):
        meter.feed(text[units[index - 1][1] : units[index][1]])
        if not meter.fits(max_segments):
            parts.append(text[units[first][0] : units[index - 1][1]])
            first = index
            meter = _SegmentMeter()
            meter.feed(text[units[index][0] : units[index][1]])
    parts.append(text[units[first][0] : units[-1][1]])
    return parts


def split_for_sms(text: str, max_segments_per_message: int = 4) -> list[str]:
    """Split a reply into as few SMS messages as possible.

    A reply that fits in ``max_segments_per_message`` segments (and Twilio's 1,600
    characters) is returned unchanged as one message. Otherwise it is cut between
    sentences (after ``.``, ``!``, ``?``, ``…`` or a line break, and before a Spanish
    ``¿`` or ``¡`` that does not follow a comma, semicolon or colon); a sentence too
    long for one message is cut between words, and only a word too long for one message
    is cut inside. Among the cuts giving the fewest
    messages, the one with the fewest billed segments is chosen (each part's encoding is
    its own, so an accented sentence does not drag ASCII neighbours into UCS-2), and
    ties go to fuller earlier parts. Whitespace at the cuts is dropped; everything else
    is kept as written.

    Args:
        text: The reply text.
        max_segments_per_message: Segments one message may use (at least 1).

    Returns:
        The messages in order; empty when ``text`` is empty or only whitespace.

    Raises:
        ValueError: If ``max_segments_per_message`` is less than 1.
    """
    if max_segments_per_message < 1:
        raise ValueError("max_segments_per_message must be at least 1")
    if not text.strip():
        return []
    if _fits(text, max_segments_per_message):
        return [text]
    units = _units(text, max_segments_per_message)
    if len(units) > MAX_OPTIMAL_UNITS:
        return _greedy_parts(text, units, max_segments_per_message)
    count = len(units)
    # best[i]: (messages, segments, end of the first part) for units[i:], cut optimally.
    best: list[tuple[int, int, int]] = [(0, 0, count)] * (count + 1)
    for first in range(count - 1, -1, -1):
        meter = _SegmentMeter()
        meter.feed(text[units[first][0] : units[first][1]])
        choice: tuple[int, int, int] | None = None
        end = first + 1
        while meter.fits(max_segments_per_message):
            rest_messages, rest_segments, _ = best[end]
            candidate = (rest_messages + 1, rest_segments + meter.segments, end)
            if choice is None or candidate[:2] <= choice[:2]:
                choice = candidate
            if end == count:
                break
            meter.feed(text[units[end - 1][1] : units[end][1]])
            end += 1
        assert choice is not None  # every unit fits on its own
        best[first] = choice
    parts: list[str] = []
    first = 0
    while first < count:
        end = best[first][2]
        parts.append(text[units[first][0] : units[end - 1][1]])
        first = end
    return parts
