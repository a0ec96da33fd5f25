"""Where a report is: reading Portland locations from what residents write, in English and Spanish.

``parse_location`` reads an answer to "where is it?", ``find_location`` finds the location inside a longer
message, and ``correction_of`` applies "sorry, not Steele, it's Raymond". The module is long because the
reading is one pipeline that is easier to follow in one place:
tokens -> mentions (streets, house numbers, landmarks, relation words, connectors) -> clusters of mentions
that are joined only by glue words -> one ``ParsedLocation`` per cluster, with Portland's quadrants filled
in from the streets. Tokens and single street mentions (with one-letter misspellings of distinctive names)
are read in :mod:`bot.reports.location_streets`; house numbers, landmarks, clusters and places here.
``usaddress`` (a CRF address tagger) reads house-number addresses whose street is not in the city's list
(:mod:`bot.reports.portland`). Input is untrusted: it is cut to a bounded length, and every regular
expression is anchored or bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import usaddress

from bot.language.text import fold, wordset
from bot.reports import portland as pdx
from bot.reports.location_streets import (
    _CONNECTORS,
    _COUNTED,
    _FOLLOWERS,
    _GLUE,
    _KINDS,
    _MONTHS,
    _NOT_BEFORE_NUMBER,
    _PERSON_FOLLOWERS,
    _RELATION_WORDS,
    _SPANISH_MARKERS,
    _STREETS,
    _is_name_word,
    _is_stopword,
    _key,
    _Lexicon,
    _lookup,
    _Street,
    _street_at,
    _suffix_at,
    _title,
    _Tok,
    _tokens,
)

__all__ = [
    "MAX_FIND_CHARS",
    "MAX_PARSE_CHARS",
    "ParsedLocation",
    "correction_of",
    "find_location",
    "parse_location",
    "read_location",
    "self_corrected",
    "with_earlier_street",
]

MAX_PARSE_CHARS = 500
MAX_FIND_CHARS = 2000
_SHORT_ANSWER = 8  # tokens: an answer this short to "where?" is all location
_MAX_USADDRESS_CALLS = 6

#: Relations that locate a place on their own with a street ("near Division", "behind 4512 SE Division").
_POINTS = ("north of", "south of", "east of", "west of")
QUALIFYING = frozenset(
    {"near", "behind", "in front of", "under", "across from", "next to", "corner of", "off", *_POINTS}
)
_SHOWN = QUALIFYING | {"between", "outside"}


# --- word lists -----------------------------------------------------------------------------------------

_STORES = _Lexicon(pdx.STORES)
_PLACES = _Lexicon(pdx.PLACES)
_PLACE_NAMES = _Lexicon(pdx.PLACE_NAMES)
_CAPITAL_STORES = frozenset({"target", "subway", "ross", "michaels", "chevron", "shell station", "arco"})
_RELATIONS = _Lexicon(_RELATION_WORDS)
_HOUSE_RE = re.compile(r"(\d{1,6})(-?(?:block|blk))?")
_ARTICLES = frozenset({"the", "la", "el", "los", "las", "a", "an", "un", "una"})
#: Numbers that name a freeway right after a ramp or an overpass ("la entrada a la 84").
_FREEWAY_NUMBERS = {"5": "I-5", "84": "I-84", "205": "I-205", "405": "I-405", "26": "US-26", "30": "US-30"}
_HOME_WORDS = wordset("live lives living vivo vivimos address direccion domicilio")
_HOUSE_WORDS = wordset("cuadra bloque casa numero edificio")
#: Words that say "by" so loosely that with a street alone they say no more than "on" ("por la Division").
_VAGUE_WORDS = wordset("por along")
_BOUND = wordset("westbound eastbound northbound southbound wb eb nb sb west east north south bound")
_NEGATIONS = frozenset({"not", "no", "isnt", "wasnt", "aint", "nope", "nor", "neither"})
_NEGATION_PHRASES = (("instead", "of"), ("en", "vez", "de"), ("en", "lugar", "de"), ("rather", "than"))
_BEFORE_DENIED = frozenset({"es", "era", "la", "el", "on", "its", "is", "it", "was", "the", "en", "sobre", "calle"})
_CORRECTION_CUES = wordset(
    """
    sorry actually meant mean correction oops wrong mistake typo err scratch perdon perdone disculpa
    disculpe equivoque equivocado equivocada quise decir corrijo correccion mal instead verdad
    """
)


@dataclass(frozen=True)
class ParsedLocation:
    """A location as a resident gave it, read into Portland's street conventions.

    Attributes:
        text: The location exactly as the resident gave it (trimmed).
        street: The main street, normalised ("SE Steele St", "NE 122nd Ave", "I-205").
        cross_street: The cross street ("SE 80th Ave"), or the first of two for "between".
        quadrant: N, NE, SE, SW, NW or S, given or implied by the streets or the landmark.
        house_number: The house number, or the block ("5000" for "the 5000 block of").
        landmark: A named place ("Laurelhurst Park", "I-84 On-Ramp", "7-Eleven"), or a kind of place
            ("Post Office") when a street goes with it.
        relation: How the problem sits to the place: "near", "between", "behind", "in front of", "under",
            "across from", "next to", "corner of", "off", "outside", "north of" (south, east, west), "at",
            "block of"; None when only "on"/"in" was said.
        cross_street_2: The second cross street of "between Hawthorne and Madison on 34th".
    """

    text: str
    street: str | None = None
    cross_street: str | None = None
    quadrant: str | None = None
    house_number: str | None = None
    landmark: str | None = None
    relation: str | None = None
    cross_street_2: str | None = None

    @property
    def needs_a_point(self) -> bool:
        """Only a place miles long named ("the Springwater", "Forest Park"): where along it is still to say."""
        alone = not (self.street or self.cross_street or self.house_number or self.relation)
        return alone and self.landmark is not None and pdx.is_long_place(self.landmark)

    def normalized(self) -> str:
        """One display line: "SE Steele St & SE 80th Ave (near)", "5000 block of N Lombard St"."""
        where = ""
        if self.street:
            where = self.street
            if self.house_number:
                block = self.relation == "block of"
                where = f"{self.house_number} block of {where}" if block else f"{self.house_number} {where}"
            if self.cross_street and self.cross_street_2:
                where = f"{where} between {self.cross_street} & {self.cross_street_2}"
            elif self.cross_street:
                where = f"{where} & {self.cross_street}"
        line = ", ".join(part for part in (self.landmark, where) if part)
        if self.relation in _SHOWN and not (self.landmark and self.cross_street) and "between" not in where:
            line = f"{line} ({self.relation})"
        return line or self.text


# --- mentions -------------------------------------------------------------------------------------------


@dataclass
class _Item:
    """One mention in the token stream."""

    kind: str  # "street", "house", "landmark", "rel", "conn"
    start: int
    end: int
    street: _Street | None = None
    house: str | None = None
    block: bool = False
    landmark: str | None = None
    level: int = 0  # 3 named place, 2 freeway structure or bridge, 1 store, 0 a kind of place
    quadrant: str | None = None
    rel: str | None = None
    highway: str | None = None  # the freeway a ramp or an overpass belongs to


def _house_at(toks: list[_Tok], i: int, calls: list[int]) -> list[_Item] | None:
    """A house number or block followed by its street: "4512 SE Division St", "5000 block of N Lombard"."""
    n = len(toks)
    tok = toks[i]
    j = i
    if tok.f in _HOUSE_WORDS:  # "la cuadra 5000 de", "el bloque 5000", "la casa 4512 de la"
        j = i + 1
        while j < n and j - i < 3 and toks[j].f in ("de", "del", "la", "el"):
            j += 1
        if j >= n:
            return None
    match = _HOUSE_RE.fullmatch(toks[j].f)
    if match is None:
        return None
    number = match.group(1)
    k = j + 1
    block = bool(match.group(2)) or tok.f in ("cuadra", "bloque")
    if tok.f in _HOUSE_WORDS and k < n and toks[k].f in ("de", "del"):
        k += 1
    if k < n and toks[k].f in ("block", "blk", "hundred"):
        block, k = True, k + 1
        if k < n and toks[k].f in ("block", "blk"):
            k += 1
    if block or (i > 0 and toks[i - 1].f in ("el", "al") and k < n and toks[k].f in ("de", "del")):
        while k < n and toks[k].f in ("of", "de", "del", "on", "en", "la", "the"):
            k += 1
    if k >= n or toks[k].brk:
        return None
    if not block and len(number) < 2 and pdx.QUADRANT_WORDS.get(toks[k].f) is None:
        return None
    if i > 0 and toks[i - 1].f in _NOT_BEFORE_NUMBER - {"el", "los", "las"}:
        return None
    street = _street_at(toks, k)
    if street is not None and not street.highway and (street.strength == 2 or street.info is not None):
        if street.number is not None and not (street.quadrant or street.suffix or block):
            return None
        house = _Item("house", i, k, house=number, block=block)
        return [house, _Item("street", k, street.end, street=street)]
    if block or calls[0] >= _MAX_USADDRESS_CALLS:
        return None
    return _usaddress_house(toks, j, number, calls)


def _usaddress_house(toks: list[_Tok], j: int, number: str, calls: list[int]) -> list[_Item] | None:
    """Ask usaddress about "1234 woodlawn lane": a number, a street name and a street type."""
    end = j
    while end < len(toks) and end - j < 7 and not toks[end].brk and toks[end].f != ",":
        end += 1
    if end - j < 3:
        return None
    text = " ".join(t.raw for t in toks[j:end])
    calls[0] += 1
    try:
        tagged = usaddress.parse(text)
    except Exception:  # noqa: BLE001 - the tagger's errors must never reach a resident
        return None
    labels = [label for _, label in tagged]
    if not labels or labels[0] != "AddressNumber" or tagged[0][0] != toks[j].raw:
        return None
    quad: str | None = None
    name: list[str] = []
    suffix: str | None = None
    used = 1
    for word, label in tagged[1:]:
        if label == "StreetNamePreDirectional" and not name and quad is None:
            quad = pdx.QUADRANT_WORDS.get(fold(word).strip("."))
        elif label == "StreetName" and suffix is None and fold(word).isalpha():
            name.append(word)
        elif label == "StreetNamePostType" and name:
            suffix = pdx.STREET_TYPES.get(fold(word).strip("."))
            used += 1
            break
        else:
            break
        used += 1
    if not name or suffix is None or any(fold(w) in pdx.NOT_NAMES for w in name) or len(name) > 3:
        return None
    street = _Street(j + 1, j + used, _title(" ".join(name)), quad, suffix, strength=2)
    return [_Item("house", j, j + 1, house=number), _Item("street", j + 1, j + used, street=street)]


def _name_before_kind(toks: list[_Tok], i: int) -> tuple[str, str, int, int, bool] | None:
    """A name that could head a kind of place at ``i``: (display, quadrant, end, level, school name)."""
    place = _lookup(toks, i, _PLACE_NAMES)
    if place is not None:
        (display, quad), end = place
        return display, quad, end, 3, _key(" ".join(t.f for t in toks[i:end])) in pdx.HIGH_SCHOOLS
    street = _street_at(toks, i)
    if street is not None and toks[i].f not in _SPANISH_MARKERS:
        name = street.info.name if street.info and not street.suffix and not street.quadrant else street.display()
        return name, street.quadrant or "", street.end, 2, False
    run = 0
    while run < 3 and i + run < len(toks) and _is_name_word(toks[i + run]):
        run += 1
    if run:
        return _title(" ".join(t.raw for t in toks[i : i + run])), "", i + run, 3, False
    return None


def _kind_display(kind: pdx.PlaceKind, school: bool, words: str) -> str:
    if kind.display == "School" and school:
        return "High School"
    if words.startswith("elementary"):
        return "Elementary School"
    if words.startswith("middle"):
        return "Middle School"
    return kind.display


def _landmark_at(toks: list[_Tok], i: int) -> _Item | None:
    """A landmark starting at ``i``: a known place, a store, a named kind of place, or a kind alone."""
    n = len(toks)
    place = _lookup(toks, i, _PLACES)
    if place is not None:
        (display, quad), end = place
        part = _lookup(toks, end, _KINDS)
        if part is not None and not part[0].named_after and part[0].display in _PARTS:
            known = _PLACES.get(f"{display} {part[0].display}")
            display, end = (known[0], part[1]) if known else (_with_part(display, part[0]), part[1])
        return _Item("landmark", i, end, landmark=display, level=3, quadrant=quad or None)
    store = _lookup(toks, i, _STORES)
    hood = _lookup(toks, i, _PLACE_NAMES) if store is None else None
    branch = _lookup(toks, hood[1], _STORES) if hood is not None else None
    if hood is not None and branch is not None:  # "the Hollywood Fred Meyer": one store, named by its area
        (area, quad), _ = hood
        chain, end = branch
        return _Item("landmark", i, end, landmark=f"{area} {chain}", level=2, quadrant=quad or None)
    if store is not None:
        display, end = store
        words = _key(" ".join(t.f for t in toks[i:end]))
        if (words in _CAPITAL_STORES and not toks[i].cap) or (
            words == "711" and end < n and _street_at(toks, end) is not None
        ):
            store = None
        else:
            lot = _lookup(toks, end, _KINDS)
            if lot is not None and not lot[0].named_after and lot[0].display in ("Parking Lot", "Gas Station"):
                display, end = _with_part(display, lot[0]), lot[1]
            return _Item("landmark", i, end, landmark=display, level=1)
    kind_first = _lookup(toks, i, _KINDS)
    if kind_first is not None and kind_first[0].named_after:
        return _named_after(toks, i, kind_first[0], kind_first[1])
    # English: name, then kind ("Lents library", "I-205 overpass", "Roosevelt High").
    named = _name_before_kind(toks, i)
    if toks[i].f in _FREEWAY_NUMBERS:
        named = (_FREEWAY_NUMBERS[toks[i].f], "", i + 1, 2, False)  # "the 84 overpass"
    if named is not None:
        display, quad, end, level, school = named
        while end < n and end - named[2] < 2 and toks[end].f in _BOUND:
            end += 1  # "I-84 westbound off-ramp"
        kind_after = _lookup(toks, end, _KINDS) if end < n else None
        if kind_after is not None and kind_after[0].named_after and toks[end].f == "high":
            kind_after = (_HIGH, kind_after[1])  # "Roosevelt high": English order for a word both languages use
        if kind_after is not None and not kind_after[0].named_after:
            kind, kend = kind_after
            words = _key(" ".join(t.f for t in toks[end:kend]))
            known = _PLACES.get(_key(f"{display} {kind.display}"))
            if known is not None:
                return _Item("landmark", i, kend, landmark=known[0], level=3, quadrant=known[1] or None)
            street = _street_at(toks, i)
            if toks[i].f in _FREEWAY_NUMBERS:
                if not kind.freeway:
                    return None
                street = _Street(i, i + 1, display, highway=True)
            level = 2 if street is not None and street.highway else level
            if street is not None and not street.highway and kind.display not in _NAMED_BY_STREET:
                return None  # "the 82nd Ave church": a kind of place on a street, read separately
            label = f"{display} {_kind_display(kind, school, words)}"
            freeway = street.core if street is not None and street.highway else None
            return _Item("landmark", i, kend, landmark=label, level=level, quadrant=quad or None, highway=freeway)
    if kind_first is not None and not kind_first[0].needs_name:
        alone, alone_end = kind_first
        if alone.freeway:
            linked = _freeway_after(toks, alone_end)
            if linked is not None:
                label = f"{linked[0]} {alone.display}"
                return _Item("landmark", i, linked[1], landmark=label, level=2, highway=linked[0])
        return _Item("landmark", i, alone_end, landmark=alone.display, level=0)
    return None


_HIGH = pdx.PlaceKind("High School")

#: Parts of a place that stay in its name: "Lloyd Center MAX Station", "Eastport Plaza parking lot".
_PARTS = frozenset({"MAX Station", "Transit Center", "Parking Lot", "Bus Stop", "Gas Station"})


def _with_part(place: str, part: pdx.PlaceKind) -> str:
    label = part.display.lower() if part.display in ("Parking Lot", "Gas Station") else part.display
    return f"{place} {label}"


#: Kinds of place that take a street's name ("Hawthorne Bridge", "Holgate Library", "82nd Ave MAX Station").
_NAMED_BY_STREET = frozenset(
    {"Bridge", "Library", "MAX Station", "Transit Center", "Park", "School", "High School", "Overpass"}
    | {"Underpass", "On-Ramp", "Off-Ramp", "Ramp", "Exit", "Community Center", "Elementary School"}
    | {"Trail", "Statue"}
)


def _freeway_after(toks: list[_Tok], k: int) -> tuple[str, int] | None:
    """A freeway named after a ramp or overpass: "the on-ramp to I-84", "la entrada a la 205"."""
    steps = 0
    while k < len(toks) and steps < 3 and toks[k].f in (pdx.SPANISH_FREEWAY_LINKS | {"to", "onto", "for", "of", "the"}):
        k, steps = k + 1, steps + 1
    if k >= len(toks) or toks[k].brk:
        return None
    if toks[k].f in _FREEWAY_NUMBERS and (k + 1 >= len(toks) or toks[k + 1].f not in pdx.STREET_TYPES):
        return _FREEWAY_NUMBERS[toks[k].f], k + 1
    street = _street_at(toks, k)
    if street is not None and street.highway:
        return street.core, street.end
    return None


def _named_after(toks: list[_Tok], i: int, kind: pdx.PlaceKind, end: int) -> _Item | None:
    """Spanish order: "parque Laurelhurst", "biblioteca de Lents", "paso elevado de la 205"."""
    if kind.freeway or kind.display == "Bridge":
        linked = _freeway_after(toks, end)
        if linked is not None:
            display = "Overpass" if kind.display == "Bridge" else kind.display
            return _Item("landmark", i, linked[1], landmark=f"{linked[0]} {display}", level=2, highway=linked[0])
    k = end
    if k < len(toks) and toks[k].f in ("de", "del"):
        k += 1
    if k < len(toks) and toks[k].f in ("max", "tren"):
        k += 1
        if k < len(toks) and toks[k].f in ("de", "en"):
            k += 1
    if k < len(toks) and not toks[k].brk and kind.display in _NAMED_BY_STREET:
        place = _lookup(toks, k, _PLACE_NAMES)
        street = _street_at(toks, k) if place is None else None
        name: str | None = None
        quad = ""
        school = False
        if place is not None:
            (name, quad), stop = place
            school = _key(" ".join(t.f for t in toks[k:stop])) in pdx.HIGH_SCHOOLS
        elif street is not None and street.info is not None and not street.quadrant:
            name, stop = street.info.name, street.end
        elif street is None:
            run = 0
            while run < 3 and k + run < len(toks) and _is_name_word(toks[k + run]):
                run += 1
            if run:
                name, stop = _title(" ".join(t.raw for t in toks[k : k + run])), k + run
        if name is not None:
            display = _kind_display(kind, school, "")
            known = _PLACES.get(_key(f"{name} {display}"))
            if known is not None:
                return _Item("landmark", i, stop, landmark=known[0], level=3, quadrant=known[1] or None)
            return _Item("landmark", i, stop, landmark=f"{name} {display}", level=3, quadrant=quad or None)
    if kind.needs_name:
        return None
    return _Item("landmark", i, end, landmark=kind.display, level=0)


def _relation_at(toks: list[_Tok], i: int) -> _Item | None:
    found = _lookup(toks, i, _RELATIONS)
    if found is None:
        return None
    rel, end = found
    return _Item("rel", i, end, rel=rel)


def _scan(toks: list[_Tok], lenient: bool = False, spanish: bool = True) -> list[_Item]:
    """Every mention in ``toks``, left to right, without overlaps."""
    items: list[_Item] = []
    calls = [0]
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.brk:
            i += 1
            continue
        house = _house_at(toks, i, calls) if tok.f[:1].isdigit() or tok.f in _HOUSE_WORDS else None
        if house:
            items.extend(house)
            i = house[-1].end
            continue
        found: _Item | None = None
        if tok.f in _ARTICLES and i + 1 < len(toks):
            found = _landmark_at(toks, i + 1)
        if found is None:
            found = _landmark_at(toks, i)
        if found is None:
            street = _street_at(toks, i, lenient, spanish)
            if street is not None:
                found = _Item("street", i, street.end, street=street)
        if found is None:
            found = _relation_at(toks, i)
        if found is None and tok.f in _CONNECTORS and (tok.f not in ("n", "e") or not tok.cap):
            found = _Item("conn", i, i + 1)
        if not lenient and (found is None or (found.kind == "landmark" and found.level == 0)):
            found = _cross_guess(toks, i, items) or found  # "se 148th and market": the street, not a store
        if found is None:
            i += 1
            continue
        items.append(found)
        i = max(found.end, i + 1)
    return items


_JOINS = frozenset({"and", "&", "y", "con", "@", "/", "+"})
#: Words that may follow a guessed cross street: the place goes on ("82nd and otty, by the school").
_AFTER_CROSS = wordset(
    """
    near by across behind in on at next under outside beside right just off kitty opposite between where
    cerca por junto enfrente frente atras detras al en afuera debajo sobre donde entre casi
    """
)


def _cross_guess(toks: list[_Tok], i: int, items: list[_Item]) -> _Item | None:
    """A word the lists do not read as a street, read as the cross street because of where it stands.

    "se 82nd and otty", "sw 3rd and ash", "la 82 y la otty": right after a sure street and a joining word
    ("and", "&", "y", "con", "at"), a lone name-like word that ends the phrase (end of text, punctuation,
    a street type or a relation word) is the cross street. Durations and descriptions never reach here
    without a sure street before them ("3 weeks and counting"), and everyday words are refused.
    """
    if len(items) < 2 or items[-2].kind != "street" or items[-2].end != items[-1].start:
        return None
    first, join = items[-2].street, items[-1]
    if first is None or first.highway or first.strength < 2:
        return None
    joined = join.kind == "conn" and toks[join.start].f in _JOINS
    if not (joined or join.rel == "at") or any(t.f not in ("la", "el") for t in toks[join.end : i]) or i - join.end > 1:
        return None
    tok = toks[i]
    word = tok.f
    info = _STREETS.get(word)
    if not (3 <= len(word) <= 20 and word.isalpha() and word.isascii()) or word in _COUNTED or word in _MONTHS:
        return None
    if info is None and (
        word.endswith(("ing", "ly", "ed"))
        or _is_stopword(word)
        or word in _FOLLOWERS
        or word in pdx.NOT_CROSS_STREETS
        or word in _PERSON_FOLLOWERS
        or word in pdx.QUADRANT_WORDS
    ):
        return None
    end = i + 1
    suffix = _suffix_at(toks, end, False, True, False)
    end += 1 if suffix else 0
    after = toks[end] if end < len(toks) else None
    if after is not None and not (after.brk or after.f == "," or after.f in _AFTER_CROSS):
        return None
    if info is not None:
        street = _Street(i, end, info.name, None, suffix, info=info, strength=1)
    else:
        street = _Street(i, end, _title(tok.raw), None, suffix, strength=1)
    return _Item("street", i, end, street=street)


# --- clusters -------------------------------------------------------------------------------------------


def _clusters(toks: list[_Tok], items: list[_Item]) -> list[list[_Item]]:
    """Mentions joined only by glue words ("the", ",", "de la"...): one cluster per place described."""
    clusters: list[list[_Item]] = []
    current: list[_Item] = []
    for item in items:
        if current:
            gap = toks[current[-1].end : item.start]
            loose = [t for t in gap if t.f not in _GLUE]
            # One describing word may follow a place: "la iglesia catolica en la Killingsworth".
            described = "landmark" in (current[-1].kind, item.kind) and len(loose) == 1 and len(gap) <= 3
            if len(gap) > 4 or any(t.brk for t in gap) or (loose and not described):
                clusters.append(current)
                current = []
        current.append(item)
    if current:
        clusters.append(current)
    return [c for c in clusters if any(it.kind in ("street", "landmark", "house") for it in c)]


def _link(between: list[_Item]) -> str | None:
    """How two streets with only ``between`` items in between are joined."""
    if not between:
        return None
    if any(it.kind == "conn" for it in between) or any(it.rel == "at" for it in between):
        return "and"
    rels = [it.rel for it in between if it.kind == "rel"]
    if len(rels) != len(between):
        return None
    for rel in rels:
        if rel in QUALIFYING or rel in ("outside",):
            return "near"
    if rels and all(rel in ("on", "in", "between") for rel in rels):
        return "on"
    return None


def _pair_ok(a: _Street, b: _Street, short: bool = False) -> bool:
    """Whether two streets can be an intersection.

    Two names that are also everyday names ("Williams and Cook") make one only in a short answer, and
    only if they share a quadrant.
    """
    if a.same_as(b):
        return False
    weak = a.strength < 2 and b.strength < 2
    if weak and not (short and a.info and b.info and set(a.info.quadrants) & set(b.info.quadrants)):
        return False
    if a.number is not None and b.number is not None:
        return False  # numbered avenues run side by side; they never cross
    return not (a.highway and b.highway)


@dataclass
class _Reading:
    main: _Street | None = None
    cross: _Street | None = None
    cross2: _Street | None = None
    link: str | None = None


def _read_streets(cluster: list[_Item], short: bool) -> _Reading:
    """Choose the main street and the cross street(s) of a cluster."""
    reading = _Reading()
    streets = [(idx, it.street) for idx, it in enumerate(cluster) if it.kind == "street" and it.street]
    # "between A and B (on C)" / "entre A y B (en C)"
    for idx, it in enumerate(cluster):
        if it.rel == "between" and idx + 3 < len(cluster):
            a, mid, b = cluster[idx + 1], cluster[idx + 2], cluster[idx + 3]
            if (
                a.street
                and b.street
                and mid.kind == "conn"
                and _pair_ok(a.street, b.street)
                or (a.street and b.street and mid.kind == "conn" and a.street.number and b.street.number)
            ):
                assert a.street is not None and b.street is not None
                others = [s for j, s in streets if j not in (idx + 1, idx + 3) and s.strength == 2]
                if others:
                    return _Reading(others[0], a.street, b.street, "between")
                return _Reading(a.street, b.street, None, "between")
    house = next((idx for idx, it in enumerate(cluster) if it.kind == "house"), None)
    for pos, (idx, street) in enumerate(streets):
        if house is not None and idx != house + 1:
            continue
        for idx2, other in streets[pos + 1 : pos + 2]:
            link = _link(cluster[idx + 1 : idx2])
            if idx2 == idx + 1 and street.end == other.start and (street.number is None) != (other.number is None):
                link = "and"  # "82nd Holgate"
            if link and _pair_ok(street, other, short):
                if link == "on" and idx > 0 and cluster[idx - 1].rel in QUALIFYING:
                    return _Reading(other, street, None, "near")
                return _Reading(street, other, None, link)
        if house is not None or street.strength == 2:
            reading.main = reading.main or street
            if house is not None:
                return reading
    if reading.main is None and streets and any(it.kind == "landmark" for it in cluster):
        reading.main = streets[0][1]  # "the Fred Meyer on Foster": the store vouches for the street
    return reading


def _resolve_quadrants(streets: list[_Street], freeways: set[str]) -> None:
    """Fill in each street's quadrant from what was written, the street itself, or what it meets."""
    for street in streets:
        cands = street.candidates()
        street.resolved = cands[0] if cands and len(cands) == 1 else None
    for _ in range(2):
        for street in streets:
            if street.resolved or street.highway:
                continue
            cands = street.candidates()
            for highway in freeways | {s.core for s in streets if s.highway}:
                sides = pdx.HIGHWAY_QUADRANTS.get(highway, frozenset())
                options = [q for q in cands or () if q in sides]
                if len(options) == 1:
                    street.resolved = options[0]
            partners = [s for s in streets if s is not street and not s.highway]
            for partner in partners:
                if cands is None:  # numbered or unknown street: take the partner's quadrant
                    if partner.resolved in pdx.SEXTANTS:
                        street.resolved = partner.resolved
                    continue
                options = list(cands)
                if partner.resolved:
                    if partner.resolved in cands:
                        options = [partner.resolved]
                    elif set(cands) == {"E", "W"} and partner.resolved in pdx.SEXTANTS:
                        options = ["E" if partner.resolved in pdx.EAST else "W"]
                elif partner.number is not None:
                    allowed = pdx.EAST if partner.number >= 40 else pdx.EAST | {"NW", "SW", "W"}
                    options = [q for q in cands if q in allowed]
                elif partner.candidates():
                    options = [q for q in cands if q in (partner.candidates() or ())]
                if len(options) == 1:
                    street.resolved = options[0]
                    break


def _build(toks: list[_Tok], cluster: list[_Item], text: str, short: bool) -> ParsedLocation | None:
    """One ``ParsedLocation`` from a cluster, or None when it does not locate anything."""
    reading = _read_streets(cluster, short)
    main, cross, cross2 = reading.main, reading.cross, reading.cross2
    landmarks = [it for it in cluster if it.kind == "landmark"]
    landmark = max(landmarks, key=lambda it: it.level) if landmarks else None
    house_item = next((it for it in cluster if it.kind == "house"), None)
    house = house_item if house_item is not None and main is not None and main.start == house_item.end else None
    streets = [s for s in (main, cross, cross2) if s is not None]
    _resolve_quadrants(streets, {it.highway for it in landmarks if it.highway})
    # The relation: the first one that points at something found.
    relation: str | None = None
    target: _Item | None = None
    rel_start = 0
    mentions = ("street", "landmark", "house")
    following: list[_Item | None] = [None] * len(cluster)  # the first item after each that is not a relation
    for idx in range(len(cluster) - 2, -1, -1):
        after = cluster[idx + 1]
        following[idx] = following[idx + 1] if after.kind == "rel" else after
    for idx, it in enumerate(cluster):
        if it.kind != "rel" or it.rel in ("on", "in"):
            continue
        nxt = following[idx]
        if nxt is None or nxt.kind not in mentions:
            continue
        if it.rel == "at" and reading.link == "and" and nxt.street is not None and nxt.street is cross:
            continue
        if relation is None or (relation not in QUALIFYING and it.rel in QUALIFYING):
            relation, target, rel_start = it.rel, nxt, it.start
    if house is not None and house.block:
        relation, target = "block of", house
    elif reading.link == "between":
        relation = "between"
    usable = bool(
        (main and cross)
        or (house and main)
        or (landmark and landmark.level >= 2)
        or (landmark and main)
        or (
            main
            and main.strength == 2
            and (main.number is None or main.quadrant or main.suffix)  # "around the 15th" is a date
            and relation in QUALIFYING
            and target is not None
            and target.street is main
            and toks[rel_start].f not in _VAGUE_WORDS
        )
    )
    if not usable:
        return None
    quadrant = next((s.resolved for s in streets if s.resolved in pdx.SEXTANTS), None)
    if quadrant is None and landmark is not None and landmark.quadrant in pdx.SEXTANTS:
        quadrant = landmark.quadrant
    return ParsedLocation(
        text=text,
        street=main.display() if main else None,
        cross_street=cross.display() if cross else None,
        quadrant=quadrant,
        house_number=house.house if house else None,
        landmark=landmark.landmark if landmark else None,
        relation=relation,
        cross_street_2=cross2.display() if cross2 else None,
    )


def _score(loc: ParsedLocation) -> int:
    return (
        3 * bool(loc.cross_street)
        + 3 * bool(loc.house_number)
        + 2 * bool(loc.landmark)
        + bool(loc.street)
        + bool(loc.relation in QUALIFYING)
    )


def _span_text(text: str, toks: list[_Tok], cluster: list[_Item]) -> str:
    """The words of ``text`` a cluster covers, without a leading "on"/"en" or trailing relation words."""
    items = list(cluster)
    while items and items[-1].kind in ("rel", "conn"):
        items.pop()
    while items and items[0].kind == "conn" or (items and items[0].rel in ("on", "in", "at")):
        items.pop(0)
    if not items:
        return ""
    return text[toks[items[0].start].start : toks[items[-1].end - 1].end].strip()


def _clip(text: str, limit: int) -> str:
    """The first ``limit`` characters, without lone surrogates or surrounding spaces (input is untrusted)."""
    return text[:limit].encode("utf-8", "ignore").decode("utf-8").strip()


def _spanish(language: str | None) -> bool:
    return not (language or "").lower().startswith("en")


def _locate(text: object, language: str | None, limit: int, whole: bool) -> ParsedLocation | None:
    if not isinstance(text, str):
        return None
    clipped = _clip(text, limit)
    if not clipped:
        return None
    toks = _tokens(clipped)
    best: ParsedLocation | None = None
    best_score = 0
    for cluster in _clusters(toks, _scan(toks, spanish=_spanish(language))):
        span = clipped if whole else _span_text(clipped, toks, cluster)
        found = _build(toks, cluster, span, whole and len(toks) <= _SHORT_ANSWER)
        if found is None:
            continue
        score = _score(found) - 4 * _is_home(toks, cluster[0].start)
        if best is None or score > best_score:
            best, best_score = found, score
    return best


def _is_home(toks: list[_Tok], start: int) -> bool:
    """Whether the words just before a place say it is the resident's home ("I live at", "vivo en")."""
    before = {t.f for t in toks[max(0, start - 4) : start]}
    return bool(before & _HOME_WORDS)


def parse_location(text: str, language: str | None = None) -> ParsedLocation | None:
    """Read an answer to "where is it?" as a location.

    Args:
        text: What the resident wrote (only the first 500 characters are read).
        language: "en" or "es" if known; None reads both (Spanish number words need "es" or None).

    Returns:
        The location, or None when the text does not locate anything usable: a street with a cross
        street, a house or block number with its street, a named landmark, a store or kind of place with
        a street, or a street with a relation ("near Division").
    """
    return _locate(text, language, MAX_PARSE_CHARS, whole=True)


def find_location(text: str, language: str | None = None) -> ParsedLocation | None:
    """Find the location inside a longer message ("van on N Willis Blvd near Chautauqua, 3 weeks").

    Args:
        text: The message (only the first 2,000 characters are read).
        language: "en" or "es" if known; None reads both.

    Returns:
        The most complete location in the message (its ``text`` is the part of the message that gives
        it), or None.
    """
    return _locate(text, language, MAX_FIND_CHARS, whole=False)


def _negated(toks: list[_Tok], start: int) -> bool:
    """Whether the street starting at ``start`` is denied: "not Steele", "no es la Steele", "instead of"."""
    words: list[str] = []
    for tok in reversed(toks[max(0, start - 4) : start]):
        if tok.f in _NEGATIONS:
            return True
        if tok.f not in _BEFORE_DENIED:
            words.insert(0, tok.f)
            break
        words.insert(0, tok.f)
    return any(tuple(words[-len(p) :]) == p for p in _NEGATION_PHRASES)


def read_location(text: str, language: str | None = None) -> ParsedLocation | None:
    """The location an answer gives: the whole answer as a place, else a place inside it; None if there is none.

    This is the test every report's location passes before it is filed.
    """
    return parse_location(text, language) or find_location(text, language)


def _lone_street(text: str, language: str | None) -> str | None:
    """The one street a message names, when it names exactly one and nothing else locates it."""
    if not isinstance(text, str):
        return None
    clipped = _clip(text, MAX_PARSE_CHARS)
    toks = _tokens(clipped)
    items = _scan(toks, spanish=_spanish(language))
    streets = [it.street for it in items if it.street is not None and not _negated(toks, it.start)]
    if len(streets) != 1 or any(it.kind in ("house", "landmark") for it in items):
        return None
    return streets[0].display()


def with_earlier_street(text: str, earlier: list[str], language: str | None = None) -> ParsedLocation | None:
    """A cross street given on its own, joined to the street named alone just before it.

    "I need to report a truck on NE Prescott St." then "Cross street is NE 72nd." (or "está en la esquina con
    Skidmore" after "en la N Vancouver Ave") is NE Prescott St & NE 72nd Ave: each message names one street,
    which alone locates nothing, and together they are an intersection.

    Args:
        text: The answer to "where is it?", which ``read_location`` could not place.
        earlier: The resident's earlier messages of this report, newest first.
        language: "en" or "es" if known; None reads both.

    Returns:
        The intersection (its ``text`` is the normalised "NE Prescott St & NE 72nd Ave"), or None.
    """
    cross = _lone_street(text, language)
    if cross is None:
        return None
    for message in earlier:
        street = _lone_street(message, language)
        if street is not None and fold(street) != fold(cross):
            joined = parse_location(f"{street} & {cross}", language)
            return replace(joined, text=joined.normalized()) if joined is not None else None
    return None


def correction_of(
    text: str, previous: ParsedLocation, language: str | None = None, must_deny: bool = False
) -> ParsedLocation | None:
    """Apply a correction of the street to the location given before.

    "sorry, not Steele, it's Raymond, same block" or "no es la Steele, es la Raymond" turn a location on
    SE Steele St into the same location on SE Raymond St. A named cross street ("not 80th, 82nd") is
    replaced instead when the denied street was the cross street.

    Args:
        text: The resident's message (only the first 500 characters are read).
        previous: The location the correction applies to.
        language: "en" or "es" if known; None reads both.
        must_deny: Only a message that denies a street ("not 82nd", "no es la 92") corrects (for messages that
            answer another question, where a street-like word may be part of the answer).

    Returns:
        ``previous`` with the street (or cross street) replaced, or None if ``text`` is not such a
        correction.
    """
    if not isinstance(text, str) or not isinstance(previous, ParsedLocation):
        return None
    clipped = _clip(text, MAX_PARSE_CHARS)
    toks = _tokens(clipped)
    streets = [it.street for it in _scan(toks, lenient=True, spanish=_spanish(language)) if it.street]
    if not streets:
        return None
    old = [fold(x) for x in (previous.street, previous.cross_street) if x]
    denied = [s for s in streets if _negated(toks, s.start)]
    fresh = [s for s in streets if s not in denied and not any(_core_in(s, x) for x in old)]
    if not fresh:
        return None
    cue = bool(denied) or (not must_deny and any(t.f in _CORRECTION_CUES for t in toks))
    if not cue:
        return None
    new = fresh[0]
    cross = previous.cross_street
    on_cross = bool(cross) and any(_core_in(s, fold(cross)) for s in denied)
    named_again = [s for s in streets if s not in denied and s not in fresh]
    if cross and not denied and named_again:  # "Lombard and Greeley" after "Lombard and Denver": the other one
        on_cross = any(_core_in(s, fold(previous.street or "")) for s in named_again)
    elif cross and not any(_core_in(s, fold(previous.street or "")) for s in denied) and not on_cross:
        numbered = new.number is not None
        on_cross = _has_number(cross) == numbered and _has_number(previous.street or "") != numbered
    cands = new.candidates()
    if cands and len(cands) == 1:
        new.resolved = cands[0]
    elif previous.quadrant and (cands is None or previous.quadrant in cands):
        new.resolved = previous.quadrant
    display = new.display()
    if on_cross:
        return replace(previous, cross_street=display)
    quadrant = new.resolved if new.resolved in pdx.SEXTANTS else previous.quadrant
    return replace(previous, street=display, quadrant=quadrant)


_SELF_CORRECTION = re.compile(
    r"(?:^|[\s,.;:!-])(?=(?:wait|no+ sorry|sorry|oops|i mean|i meant|actually|my bad|correction|perd[oó]n|no perd[oó]n"
    r"|perdone|disculpe?|digo|mejor dicho|quise decir|me equivoqu[eé])\b)",
    re.IGNORECASE,
)


def self_corrected(text: str, language: str | None = None) -> ParsedLocation | None:
    """A location corrected inside the same answer: "SE Foster Rd at 67th - wait no sorry, 72nd".

    The words before a correction cue ("wait", "sorry", "perdón", "mejor dicho"…) must locate something on their
    own, and what follows must correct one of its streets (``correction_of``): "NE Broadway y la 15... no perdón,
    la 16" is NE Broadway & NE 16th Ave.

    Returns:
        The corrected location (its ``text`` is the normalised form), or None when the answer corrects nothing.
    """
    if not isinstance(text, str):
        return None
    clipped = _clip(text, MAX_PARSE_CHARS)
    for cue in _SELF_CORRECTION.finditer(clipped):
        head = clipped[: cue.start()].rstrip(" ,.;:!-")
        first = parse_location(head, language) if head else None
        if first is None:
            continue
        corrected = correction_of(clipped[cue.start() :], first, language)
        if corrected is not None:
            return replace(corrected, text=corrected.normalized())
    return None


def _core_in(street: _Street, folded: str) -> bool:
    core = fold(street.info.name if street.info else street.core)
    return f" {core} " in f" {folded} "


def _has_number(display: str) -> bool:
    return any(ch.isdigit() for ch in display)
