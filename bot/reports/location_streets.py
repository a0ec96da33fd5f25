"""Reading streets for :mod:`bot.reports.locations`: tokens, word lists, and one street mention at a time.

A street as residents write it: "SE Steele St", "82nd", "la 82", "la ochenta y dos", "n lombrd" (one letter
off a distinctive name), "the 205". The mentions found here are joined into places by
:mod:`bot.reports.locations`. Every regular expression is anchored or bounded, and the misspelling look-up
does a bounded number of dictionary look-ups per word. The module is long because a street is written in
many ways (numbers, Spanish number words, quadrants, types, misspellings) and the word lists that tell
them from durations, dates and names belong with the reading that uses them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, NamedTuple, TypeVar

from bot.language.text import fold, wordset
from bot.reports import portland as pdx

# --- tokens ---------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\W_]{1,40}(?:['’.\-][^\W_]{1,40}){0,4}|[&@/+#]|[.,;:!?()\n]")
_DOTTED_RE = re.compile(r"(?:[a-z]\.){1,3}[a-z]?")
_BREAKS = frozenset({".", "!", "?", ";", "\n", "(", ")"})
_DOT_ABBREVIATIONS = wordset(
    "st ave av blvd rd dr hwy pkwy ct pl ln ter cir n s e w ne nw se sw jr mt no blk apt approx aprox"
)


class _Tok(NamedTuple):
    raw: str
    f: str
    start: int
    end: int
    cap: bool
    brk: bool
    k: str = ""  # the folded word as table keys spell it ("i-205" -> "i 205"); "" for punctuation


def _tokens(text: str) -> list[_Tok]:
    """Split ``text`` into words and punctuation, folded for matching; abbreviation dots are dropped."""
    toks: list[_Tok] = []
    for match in _TOKEN_RE.finditer(text):
        raw = match.group()
        if raw == "." and toks and toks[-1].f in _DOT_ABBREVIATIONS:
            continue
        if len(raw) == 1 and not raw.isalnum():
            toks.append(_Tok(raw, raw, match.start(), match.end(), False, raw in _BREAKS))
            continue
        f = raw.lower() if raw.isascii() else fold(raw)
        if "'" in f or "’" in f:
            f = f.replace("'", "").replace("’", "")
        if "." in f and _DOTTED_RE.fullmatch(f):
            f = f.replace(".", "")
        key = _key(f) if ("-" in f or "." in f) else f
        toks.append(_Tok(raw, f, match.start(), match.end(), raw[:1].isupper(), False, key))
    return toks


def _key(words: str) -> str:
    return " ".join(words.replace("-", " ").replace("'", "").replace(".", " ").split())


_V = TypeVar("_V")


class _Lexicon(Generic[_V]):
    """A folded-key table with the first words of its keys, so most lookups end at one set test."""

    def __init__(self, source: dict[str, _V]) -> None:
        self.entries = {_key(k): v for k, v in source.items()}
        self.firsts = frozenset(k.split()[0] for k in self.entries)
        self.max_words = max(len(k.split()) for k in self.entries)

    def get(self, key: str) -> _V | None:
        return self.entries.get(_key(key))


_STREETS = _Lexicon(pdx.STREETS)
_HIGHWAYS = _Lexicon(pdx.HIGHWAYS)
_KINDS = _Lexicon(pdx.PLACE_KINDS)
_KIND_FIRST_WORDS = _KINDS.firsts


def _lookup(toks: list[_Tok], i: int, table: _Lexicon[_V]) -> tuple[_V, int] | None:
    """The longest entry of ``table`` spelled by the tokens from ``i``: (value, end index)."""
    if i >= len(toks) or toks[i].k.partition(" ")[0] not in table.firsts:
        return None
    words: list[str] = []
    for j in range(i, min(len(toks), i + table.max_words)):
        if toks[j].brk or not toks[j].k:
            break
        words.append(toks[j].k)
    for n in range(len(words), 0, -1):
        value = table.entries.get(" ".join(words[:n]))
        if value is not None:
            return value, i + n
    return None


def _fuzzy_keys() -> dict[str, tuple[str, ...]]:
    """Each one-letter deletion of a one-word street name that may be misspelt, with the names it comes from.

    Only distinctive names are included (strength 2 and six letters or more, or strength 1 and eight or
    more): a misspelt everyday name ("fostre") is too often some other word.
    """
    index: dict[str, set[str]] = {}
    for key, street in _STREETS.entries.items():
        if " " in key or not key.isalpha() or len(key) < (6 if street.strength == 2 else 8) or street.strength < 1:
            continue
        for variant in {key} | {key[:n] + key[n + 1 :] for n in range(len(key))}:
            index.setdefault(variant, set()).add(key)
    return {variant: tuple(sorted(keys)) for variant, keys in index.items()}


_FUZZY = _fuzzy_keys()
_FUZZY_LENGTHS = range(5, max(map(len, _STREETS.entries)) + 2)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of neighbours."""
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1 or a == b:
        return False
    head = 0
    while head < len(b) and a[head] == b[head]:
        head += 1
    if len(a) != len(b):
        return a[head + 1 :] == b[head:]
    if a[head + 1 :] == b[head + 1 :]:
        return True
    return a[head : head + 2] == b[head : head + 2][::-1] and a[head + 2 :] == b[head + 2 :]


@lru_cache(maxsize=4096)
def _misspelt_street(word: str) -> str | None:
    """The street key ``word`` misspells by one letter ("glissan" -> "glisan"), if exactly one fits.

    The work is bounded: one dictionary look-up per deleted letter of a word of at most 40 letters.
    """
    if len(word) not in _FUZZY_LENGTHS or not word.isalpha() or not word.isascii() or word in pdx.NOT_MISSPELLINGS:
        return None
    found: set[str] = set()
    for variant in {word} | {word[:n] + word[n + 1 :] for n in range(len(word))}:
        found.update(k for k in _FUZZY.get(variant, ()) if k[0] == word[0] and _one_edit(k, word))
    return found.pop() if len(found) == 1 else None


# --- word lists -----------------------------------------------------------------------------------------

_RELATION_WORDS: dict[str, str] = {
    _key(k): v
    for k, v in {
        "near": "near",
        "nearby": "near",
        "close to": "near",
        "by": "near",
        "right by": "near",
        "around": "near",
        "around the corner from": "near",
        "cerca": "near",
        "por": "near",
        "a la altura de": "near",
        "next to": "next to",
        "beside": "next to",
        "junto": "next to",
        "al lado": "next to",
        "a un lado": "next to",
        "between": "between",
        "in between": "between",
        "entre": "between",
        "behind": "behind",
        "in back of": "behind",
        "atras": "behind",
        "detras": "behind",
        "por detras": "behind",
        "in front of": "in front of",
        "out front of": "in front of",
        "right in front of": "in front of",
        "enfrente": "in front of",
        "en frente": "in front of",
        "frente": "in front of",
        "delante": "in front of",
        "outside": "outside",
        "outside of": "outside",
        "afuera": "outside",
        "afuera de": "outside",
        "fuera": "outside",
        "under": "under",
        "underneath": "under",
        "beneath": "under",
        "below": "under",
        "debajo": "under",
        "abajo": "under",
        "bajo": "under",
        "across from": "across from",
        "across the street from": "across from",
        "across the st from": "across from",
        "opposite": "across from",
        "al otro lado": "across from",
        "cruzando": "across from",
        "cruzando la calle de": "across from",
        "corner of": "corner of",
        "on the corner of": "corner of",
        "at the corner of": "corner of",
        "esquina": "corner of",
        "en la esquina": "corner of",
        "en la esquina de": "corner of",
        "off": "off",
        **{f"{w}{p} of": f"{p} of" for p in ("north", "south", "east", "west") for w in ("", "just ", "right ")},
        **{f"al {es} de": f"{en} of" for es, en in (("norte", "north"), ("sur", "south"), ("este", "east"))},
        **{f"al {es} del": f"{en} of" for es, en in (("norte", "north"), ("sur", "south"), ("este", "east"))},
        "al oeste de": "west of",
        "al oeste del": "west of",
        "pasando": "near",
        "llegando a": "near",
        "casi llegando a": "near",
        "antes de": "near",
        "despues de": "near",
        "before": "near",
        "after": "near",
        "past": "near",
        "just past": "near",
        "off of": "off",
        "just off": "off",
        "right off": "off",
        "at": "at",
        "crosses": "at",
        "where it crosses": "at",
        "meets": "at",
        "cruza": "at",
        "cruza con": "at",
        "on": "on",
        "along": "on",
        "en": "on",
        "sobre": "on",
        "in": "in",
        "inside": "in",
        "dentro": "in",
        "adentro": "in",
    }.items()
}
_CONNECTORS = frozenset({"and", "&", "y", "con", "+", "/", "@", "n", "e", "i"})
_GLUE = wordset(
    """
    , : - the a an la el los las lo del de al un una on at in of off from to en sobre por a just right
    side lado street calle corner esquina its it is es esta that thats que there alli ahi here aqui over
    mero justo exactly exactamente block cuadra area zona sorta kinda like como
    """
) | {","}
_REL_WORDS = frozenset(w for k in _RELATION_WORDS for w in k.split())
_FOLLOWERS = (
    _GLUE
    | _REL_WORDS
    | _CONNECTORS
    | _KIND_FIRST_WORDS
    | frozenset(pdx.STREET_TYPES)
    | frozenset(pdx.QUADRANT_WORDS)
    | wordset(
        """
        , . ! ? ; : ( ) / & + @ and or o y where donde then heading going northbound southbound eastbound
        westbound nb sb eb wb bound cerca entre max exit ramp overpass bridge puente area zona neighborhood
        between near by across behind under off right just past before after hasta desde toward towards
        st ave blvd intersection interseccion crossing cruce light stoplight semaforo
        """
    )
)
_MONTHS = wordset(
    """
    january february march april june july august september october november december jan feb mar apr
    jun jul aug sep sept oct nov dec enero febrero marzo abril mayo junio julio agosto septiembre
    setiembre octubre noviembre diciembre
    """
)
#: Words before a bare number that make it a count, a date or a unit, not an avenue.
_NOT_BEFORE_NUMBER = (
    wordset(
        """
        for since about like approx aprox desde hace el los las unos unas como apt apartment unit # no number
        numero num space lote lot suite room cuarto plate placa exit salida bus linea line route ruta hwy
        highway i interstate us or
        """
    )
    | _MONTHS
)
_ORDINAL_RE = re.compile(r"(\d{1,3})(st|nd|rd|th|ava|va|vo|a|o)?")
_ORDINAL_LIST = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    *("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth"),
    *("eighteenth", "nineteenth", "twentieth"),
)
_ES_TEEN_LIST = (
    *("diez", "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho"),
    *("diecinueve", "veinte", "veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco"),
    *("veintiseis", "veintisiete", "veintiocho", "veintinueve"),
)
_ORDINAL_WORDS: dict[str, int] = {
    w: n
    for n, w in enumerate(
        _ORDINAL_LIST,
        start=1,
    )
} | {"thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80}
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_TENS_WORDS |= {"ninety": 90}
_ES_UNITS = {"uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
_ES_TEENS = {
    w: n
    for n, w in enumerate(
        _ES_TEEN_LIST,
        start=10,
    )
}
_ES_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80}
_ES_TENS |= {"noventa": 90}
_SPANISH_MARKERS = frozenset({"la", "calle", "avenida"})
#: Nouns an ordinal may count: "3rd time", "2nd floor", "1st of March" are not avenues.
_COUNTED = wordset(
    """
    time times floor grade place week weeks day days month months year years one ones person people car cars
    tent tents try attempt call calls report reports house door unit apt apartment birthday anniversary
    century round inning quarter half degree hand generation edition amendment party base gear class period
    shift visit request complaint ticket notice letter warning row seat vez semana dia mes ano piso lugar
    grado carro persona llamada reporte
    """
)
_PERSON_FOLLOWERS = wordset(
    """
    said says told asked called saw sees came went was were is has had got did does will can could would
    lives works knows thinks dijo dice vio vino fue tiene sabe me my his her i who
    """
)


# --- streets -------------------------------------------------------------------------------------------


@dataclass
class _Street:
    """A street as written: its explicit quadrant and type, its core, and how sure we are it is a street."""

    start: int
    end: int
    core: str
    quadrant: str | None = None
    suffix: str | None = None
    info: pdx.Street | None = None
    number: int | None = None
    highway: bool = False
    strength: int = 2
    resolved: str | None = None

    def candidates(self) -> tuple[str, ...] | None:
        """The quadrants this street could be in (None: any)."""
        if self.quadrant:
            return (self.quadrant,)
        if self.highway:
            return ()
        return self.info.quadrants if self.info else None

    def display(self) -> str:
        """The normalised street: quadrant, name, type."""
        if self.highway:
            return self.core
        quad = self.resolved if self.resolved in pdx.SEXTANTS or self.resolved in ("E", "W") else None
        if self.number is not None:
            suffix = self.suffix if self.suffix in ("Dr", "Ct", "Pl", "Way", "Ter", "Loop", "Cir", "Ln") else "Ave"
            core = _ordinal(self.number)
        elif self.info is not None:
            core = self.info.name
            given = self.suffix if self.suffix in self.info.other_suffixes else None
            suffix = given or self.info.suffix_in(quad)
        else:
            core, suffix = self.core, self.suffix or ""
        return " ".join(part for part in (quad, core, suffix) if part)

    def same_as(self, other: _Street) -> bool:
        return self.core.casefold() == other.core.casefold()


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _quadrant_at(toks: list[_Tok], j: int) -> tuple[str, int, bool] | None:
    """A quadrant at ``j``: (quadrant, end, abbreviated)."""
    if j >= len(toks):
        return None
    tok = toks[j]
    if j + 1 < len(toks) and (tok.f, toks[j + 1].f) in pdx.QUADRANT_PAIRS:
        two = (tok.f, toks[j + 1].f)
        if len(tok.f) > 1 or (tok.cap and toks[j + 1].cap):
            return pdx.QUADRANT_PAIRS[two], j + 2, len(tok.f) == 1
    quad = pdx.QUADRANT_WORDS.get(tok.f)
    if quad is None:
        return None
    if len(tok.f) == 1 and quad in ("E", "W") and not tok.cap and not _east_west_after(toks, j + 1):
        return None
    return quad, j + 1, len(tok.f) <= 2


def _east_west_after(toks: list[_Tok], k: int) -> bool:
    """Whether a street only split east and west (Burnside) starts at ``k``, so "e burnside" is East."""
    known = _lookup(toks, k, _STREETS)
    if known is None and k < len(toks):
        misspelt = _misspelt_street(toks[k].f)
        known = (_STREETS.entries[misspelt], k + 1) if misspelt else None
    return known is not None and set(known[0].quadrants) <= {"E", "W"}


def _spanish_number(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """A Spanish number word ("ochenta y dos", "ciento veintidos") at ``j``: (value, end)."""
    total, k = 0, j
    if k < len(toks) and toks[k].f in ("cien", "ciento", "doscientos"):
        total = 200 if toks[k].f == "doscientos" else 100
        k += 1
    if k < len(toks) and toks[k].f in _ES_TENS:
        total += _ES_TENS[toks[k].f]
        k += 1
        if k + 1 < len(toks) and toks[k].f == "y" and toks[k + 1].f in _ES_UNITS:
            total += _ES_UNITS[toks[k + 1].f]
            k += 2
    elif k < len(toks) and toks[k].f in _ES_TEENS:
        total += _ES_TEENS[toks[k].f]
        k += 1
    elif total and k < len(toks) and toks[k].f in _ES_UNITS:
        total += _ES_UNITS[toks[k].f]
        k += 1
    return (total, k) if total >= 10 else None


def _english_ordinal(toks: list[_Tok], j: int) -> tuple[int, int] | None:
    """An ordinal in words ("fifth", "eighty-second", "thirty third") at ``j``: (value, end)."""
    parts = toks[j].f.split("-")
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _ORDINAL_WORDS:
        return _TENS_WORDS[parts[0]] + _ORDINAL_WORDS[parts[1]], j + 1
    nxt = toks[j + 1].f if j + 1 < len(toks) else ""
    if toks[j].f in _TENS_WORDS and nxt in _ORDINAL_WORDS and _ORDINAL_WORDS[nxt] < 10:
        return _TENS_WORDS[toks[j].f] + _ORDINAL_WORDS[toks[j + 1].f], j + 2
    if toks[j].f in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[toks[j].f], j + 1
    return None


def _is_name_word(tok: _Tok) -> bool:
    """A capitalised word that can be part of a place's or an unknown street's name."""
    return (
        tok.cap
        and tok.f.replace("-", "").isalpha()
        and tok.f not in pdx.NOT_NAMES
        and tok.f not in _REL_WORDS
        and tok.f not in _CONNECTORS
        and tok.f not in pdx.QUADRANT_WORDS
        and tok.f not in pdx.STREET_TYPES
        and tok.f not in _KIND_FIRST_WORDS
    )


def _follows_ok(toks: list[_Tok], k: int, kind: str = "number") -> bool:
    """Whether the token at ``k`` may follow a street written without quadrant or type.

    A bare number takes only words that go with streets ("82 and", not "3 weeks"); an ordinal anything
    but a noun it could count ("82nd is", not "3rd time"); a name that is also a person's anything but
    what follows a person ("Raymond and", not "Raymond said").
    """
    if k >= len(toks):
        return True
    tok = toks[k]
    if tok.f == "of" and k + 1 < len(toks) and toks[k + 1].f in _MONTHS:
        return False
    if kind == "ordinal":
        return tok.f not in _COUNTED
    if kind == "name":
        return tok.f not in _PERSON_FOLLOWERS
    if tok.brk or tok.f in _FOLLOWERS:
        return True
    return _lookup(toks, k, _STREETS) is not None  # "82 Holgate"


def _suffix_at(toks: list[_Tok], k: int, core_known: bool, core_cap: bool, quad: bool) -> str | None:
    """A street type at ``k`` that belongs to the street before it ("St", not "St Johns")."""
    if k >= len(toks):
        return None
    f = toks[k].f
    abbr = pdx.STREET_TYPES.get(f)
    if abbr is None:
        return None
    nxt = toks[k + 1].f if k + 1 < len(toks) else ""
    if f == "st" and nxt in ("johns", "louis", "helens"):
        return None
    if f in pdx.PLAIN_TYPES or core_known or core_cap or quad or toks[k].cap:
        return abbr
    return None


def _street_at(toks: list[_Tok], i: int, lenient: bool = False, spanish: bool = True) -> _Street | None:
    """A street mention starting at token ``i``, or None."""
    n = len(toks)
    j = i
    marker = False
    if toks[j].f in _SPANISH_MARKERS or toks[j].f in pdx.SPANISH_STREET_WORDS:
        marker = True
        j += 1
        if j < n and toks[j].f in pdx.SPANISH_STREET_WORDS:
            j += 1
    if j >= n or toks[j].brk:
        return None
    # Freeways first: "I-205", "interstate 84", "hwy 26", "the 205".
    hwy = _lookup(toks, j, _HIGHWAYS)
    if hwy is not None:
        return _Street(i, hwy[1], hwy[0], highway=True)
    bare = pdx.BARE_FREEWAYS.get(toks[j].f)
    if bare:
        end = j + 2 if j + 1 < n and toks[j + 1].f in pdx.FREEWAY_WORDS else j + 1
        return _Street(i, end, bare, highway=True)
    quadrant = _quadrant_at(toks, j)
    quad, abbreviated = None, False
    if quadrant is not None:
        quad, j2, abbreviated = quadrant
        if j2 < n and not toks[j2].brk:
            j = j2
        else:
            return None
    tok = toks[j]
    # Numbered avenues: "82nd", "82", "la 82", "fifth", "la ochenta y dos".
    numbered = _ORDINAL_RE.fullmatch(tok.f)
    words = _english_ordinal(toks, j) if not numbered else None
    spanish_words = _spanish_number(toks, j) if (marker and spanish and not numbered) else None
    if numbered or words or spanish_words:
        if numbered:
            value, end = int(numbered.group(1)), j + 1
            has_ordinal = bool(numbered.group(2))
            if numbered.group(2) in ("a", "o") and not marker:
                return None
        elif words:
            (value, end), has_ordinal = words, words[0] > 20  # "eighty-second" is an avenue, "second" may not be
        else:
            assert spanish_words is not None
            (value, end), has_ordinal = spanish_words, True
        if not 1 <= value <= 250:
            return None
        before = toks[i - 1].f if i > 0 else ""
        if before in _MONTHS or (not has_ordinal and not marker and not quad and before in _NOT_BEFORE_NUMBER):
            return None
        suffix = _suffix_at(toks, end, True, False, bool(quad))
        if suffix is None and quadrant is not None and quad in ("E", "W") and not abbreviated:
            return None
        follow = "ordinal" if has_ordinal else "number"
        if suffix is None and not marker and not quad and not lenient and not _follows_ok(toks, end, follow):
            return None
        end += 1 if suffix else 0
        strength = 2 if (has_ordinal and not spanish_words) or marker or quad or suffix else 1
        return _Street(i, end, _ordinal(value), quad, suffix, number=value, strength=strength)
    known = _lookup(toks, j, _STREETS)
    misspelt = None
    if known is None and tok.k.isalpha() and not _is_stopword(tok.f) and tok.f not in _FOLLOWERS:
        misspelt = _misspelt_street(tok.f)
        known = (_STREETS.entries[misspelt], j + 1) if misspelt else None
    if known is not None:
        info, end = known
        suffix = _suffix_at(toks, end, True, False, bool(quad))
        end_all = end + 1 if suffix else end
        strength = min(info.strength, 1) if misspelt else info.strength  # a guess needs support
        if suffix or (quad and abbreviated) or marker:
            strength = 2
        elif strength == 0:
            # An everyday word as a street only with a capital inside a sentence: "near Going", not "going".
            inside = j > 0 and not toks[j - 1].brk and toks[j - 1].f not in (",", ":")
            if not (tok.cap and (lenient or inside)):
                return None
            strength = 1
        if strength < 2 and not lenient and not _follows_ok(toks, end_all, "name"):
            return None
        return _Street(i, end_all, info.name, quad, suffix, info=info, strength=strength)
    # Unknown names: "SE Insley St", "Harold Ave", "N Denver".
    run = 0
    while run < 3 and j + run < n and _is_name_word(toks[j + run]):
        run += 1
    for size in range(run, 0, -1):
        suffix = _suffix_at(toks, j + size, False, True, bool(quad))
        if suffix:
            name = " ".join(t.raw.strip(".") for t in toks[j : j + size])
            return _Street(i, j + size + 1, _title(name), quad, suffix, strength=2)
    if quad and abbreviated and run and toks[j].f != "portland":
        return _Street(i, j + 1, _title(toks[j].raw), quad, None, strength=2)
    # A lowercase unknown name needs a quadrant or "la"/"calle": "se insley st", "la calle insley".
    plain = (quad or marker) and tok.f.isalpha() and len(tok.f) > 2 and not _is_stopword(tok.f)
    if plain and j + 1 < n and toks[j + 1].f in pdx.PLAIN_TYPES:
        return _Street(i, j + 2, _title(tok.raw), quad, pdx.STREET_TYPES[toks[j + 1].f], strength=2)
    return None


def _is_stopword(word: str) -> bool:
    return word in pdx.NOT_NAMES or word in _REL_WORDS or word in _KIND_FIRST_WORDS or word in _CONNECTORS


def _title(name: str) -> str:
    return name if any(ch.isupper() for ch in name[1:]) else name.title()
