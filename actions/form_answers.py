"""Reading residents' short answers in English or Spanish: yes/no, plates, durations, keywords."""

from __future__ import annotations

import re

from bot.language.text import fold
from bot.understanding.answers import denies, is_bare_yes_no, yes_no

__all__ = ["denies", "is_bare_yes_no", "yes_no"]  # re-exported: the validators read answers as the NLU component does

#: What a site looks like (not the word "camp" itself: "I want to report a camp" describes nothing).
CAMPSITE_WORDS = (
    "tent",
    "tarp",
    "rv",
    "structure",
    "shack",
    "sidewalk",
    "blocking",
    "trash",
    "garbage",
    "needle",
    "syringe",
    "fire",
    "carpa",
    "tienda",
    "casa rodante",
    "estructura",
    "banqueta",
    "acera",
    "bloque",
    "basura",
    "aguja",
    "jeringa",
    "fogata",
    "cobija",
    "colchon",
    "mattress",
)
SURFACES = (
    "wall",
    "building",
    "sign",
    "bridge",
    "fence",
    "pole",
    "bus stop",
    "shelter",
    "mailbox",
    "box",
    "garage",
    "door",
    "window",
    "sidewalk",
    "street",
    "school",
    "park",
    "bench",
    "trash can",
    "overpass",
    "pared",
    "muro",
    "edificio",
    "letrero",
    "senal",
    "puente",
    "cerca",
    "barda",
    "poste",
    "parada",
    "buzon",
    "puerta",
    "ventana",
    "escuela",
    "parque",
    "banca",
    "casa",
    "house",
    "store",
    "tienda",
    "caja",
    "cochera",
    "garaje",
    "porton",
    "cortina",
    "negocio",
    "tunnel",
    "tunel",
    "underpass",
    "dumpster",
)
OFFENSIVE = (
    "racist",
    "racism",
    "hate",
    "hateful",
    "swastika",
    "nazi",
    "slur",
    "offensive",
    "obscene",
    "n word",
    "kkk",
    "racista",
    "odio",
    "esvastica",
    "ofensivo",
    "ofensiva",
    "groseria",
    "insulto",
    "vulgar",
    "bad word",
    "bad words",
    "bad language",
    "profanity",
    "swear",
    "cuss",
    "curse word",
    "f word",
    "dick ",  # the whole word: SW Dickinson St is a street
    "penis",
    "gang",
    "pandill",
    "palabra fea",
    "palabras feas",
    "mala palabra",
    "malas palabras",
    "grosero",
    "obscen",
)
# A digit may touch its unit ("3wks"); a number word needs a space ("an d" is not "and").
_DURATION_RE = re.compile(
    r"\b(\d+\s*|(?:a|an|one|two|three|four|five|six|seven|few|couple|several|un|una|dos|tres|cuatro|cinco|seis|"
    r"siete|varios|varias|unos|unas)\s+)(\+\s*)?(hours?|hrs?|days?|d|weeks?|wks?|w|months?|mo|years?|yrs?|"
    r"horas?|dias?|semanas?|meses|mes|anos?)\b"
    r"|\b(yesterday|today|last week|last month|since|ayer|hoy|desde|la semana pasada|el mes pasado|long time|"
    r"mucho tiempo|forever|ages|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|"
    r"miercoles|jueves|viernes|sabado|domingo)\b",
    re.IGNORECASE,
)
_PLATE_RE = re.compile(r"\b([A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})\b", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)


def first_mention(text: str, words: tuple[str, ...]) -> str | None:
    """The first of ``words`` that ``text`` contains (as a word start, accent-insensitive)."""
    folded = f" {fold(text, drop_punctuation=True)} "
    return next((w for w in words if f" {w}" in folded), None)


def mentions(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` contains any of ``words``."""
    return first_mention(text, words) is not None


def looks_like_text(text: str, min_letters: int = 3) -> bool:
    """Whether ``text`` has at least ``min_letters`` letters (not only emoji, digits or symbols)."""
    return len(_LETTER_RE.findall(text or "")) >= min_letters


def find_duration(text: str) -> str | None:
    """The part of ``text`` that says how long, if it says so."""
    match = _DURATION_RE.search(fold(text, drop_punctuation=True))
    return text.strip() if match else None


def find_plate(text: str) -> str | None:
    """A licence plate in ``text`` (letters and digits, 2 to 8 of them, with at least one digit)."""
    for candidate in _PLATE_RE.findall(text or ""):
        compact = re.sub(r"[ -]", "", candidate)
        if 2 <= len(compact) <= 8 and any(c.isdigit() for c in compact):
            return candidate.upper()
    return None


def clean(text: str, limit: int = 500) -> str:
    """A resident's free-text answer trimmed for storage and display (never HTML-rendered raw)."""
    return re.sub(r"\s+", " ", (text or "")).strip()[:limit]


_PLATE_ABSENT = re.compile(
    r"\b(?:no (?:license )?plates?|(?:doesn'?t|does not|dont|don'?t|didn'?t) have (?:a |any )?(?:license )?plates?|"
    r"plates? (?:is |are )?(?:gone|missing|removed|covered)|without (?:a )?plates?|(?:can'?t|cannot|couldn'?t|cant) "
    r"(?:read|see|make out)|not visible|sin placas?|no (?:tiene|trae|lleva) placas?|no se ve|no (?:la |las )?veo|"
    r"no alcanzo|no se (?:puede )?leer|tapad[ao]s?|le quitaron las placas)\b"
)
_PLATE_AFTER_WORD = re.compile(
    r"\b(?:plates?|tags?|placas?)\b[\s:#.,-]{0,3}(?:(?:is|are|es|son|number|numero|n[uú]mero|reads?|dice)\s{1,3})?"
    r"([A-Za-z0-9]{1,4}[ -]?[A-Za-z0-9]{1,4})\b",
    re.IGNORECASE,
)
_NO_PHOTO = re.compile(
    r"\b(?:no (?:photo|pic|picture|pics|photos|foto|fotos)|(?:sin|no tengo|no traigo) (?:foto|fotos)|"
    r"(?:don'?t|dont|do not|didn'?t) have (?:a )?(?:photo|pic|picture)|(?:can'?t|cant|cannot|unable to) "
    r"(?:send|attach|upload|text)|(?:don'?t|dont) know how to (?:send|attach)|no (?:se|puedo|sabria) (?:como )?"
    r"(?:mandar|enviar|adjuntar)(?:la|lo|las|los)?)\b"
)


def plate_absent(text: str) -> bool:
    """Whether ``text`` says the plate cannot be given ("no plates", "can't read it", "sin placas")."""
    return bool(_PLATE_ABSENT.search(fold(text[:500], drop_punctuation=True)))


def plate_in(text: str) -> str | None:
    """A plate given in a message about something else: it must follow the word "plate"/"placa"/"tag"."""
    match = _PLATE_AFTER_WORD.search(text[:500])
    if match is None:
        return None
    return find_plate(match.group(1))


def says_no_photo(text: str) -> bool:
    """Whether ``text`` says there is no photo ("no photo", "no tengo foto")."""
    return bool(_NO_PHOTO.search(fold(text[:500], drop_punctuation=True)))


_SINCE = re.compile(r"\b(?:since|desde)\s+(?:(?:el|la|los|las|last|about|around|like|como)\s+){0,2}[\w-]+")


def duration_phrase(text: str) -> str | None:
    """Just the words that say how long, inside a longer message ("been there 3 weeks" -> "3 weeks")."""
    folded = fold(text[:500], drop_punctuation=True)
    since = _SINCE.search(folded)
    if since:
        return since.group(0)
    match = _DURATION_RE.search(folded)
    if match is None or match.group(1) is None:
        return None  # a bare "today" or "monday" in a report is not how long it has been there
    return match.group(0)
