"""Reading residents' short answers in English or Spanish: yes/no, plates, durations, keywords."""

from __future__ import annotations

import re

from bot.language.text import fold

YES = {
    "yes",
    "y",
    "yeah",
    "yep",
    "yup",
    "sure",
    "correct",
    "right",
    "ok",
    "okay",
    "si",
    "claro",
    "correcto",
    "asi es",
    "eso es",
    "afirmativo",
    "por supuesto",
    "simon",
    "yes please",
    "si por favor",
    "1",
}
NO = {
    "no",
    "n",
    "nope",
    "nah",
    "not",
    "none",
    "no one",
    "nobody",
    "nadie",
    "ninguno",
    "ninguna",
    "negativo",
    "no hay",
    "no tengo",
    "dont know",
    "don't know",
    "no se",
    "idk",
    "cant see",
    "can't see",
    "no lo veo",
    "no photo",
    "sin foto",
    "no thanks",
    "no gracias",
    "2",
}

CAMPSITE_WORDS = (
    "tent",
    "tarp",
    "camp",
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
    "campa",
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
)
_DURATION_RE = re.compile(
    r"\b(\d+|a|an|one|two|three|four|five|six|seven|few|couple|several|un|una|dos|tres|cuatro|cinco|seis|"
    r"siete|varios|varias|unos|unas)\s*(\+\s*)?(hours?|hrs?|days?|d|weeks?|wks?|w|months?|mo|years?|yrs?|"
    r"horas?|dias?|semanas?|meses|mes|anos?)\b"
    r"|\b(yesterday|today|last week|last month|since|ayer|hoy|desde|la semana pasada|el mes pasado|long time|"
    r"mucho tiempo|forever|ages|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|"
    r"miercoles|jueves|viernes|sabado|domingo)\b",
    re.IGNORECASE,
)
_PLATE_RE = re.compile(r"\b([A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})\b", re.IGNORECASE)
_LETTER_RE = re.compile(r"[^\W\d_]", re.UNICODE)


def yes_no(text: str, intent: str | None = None) -> bool | None:
    """True for a yes, False for a no, None when the answer is neither."""
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    folded = fold(text, drop_punctuation=True)
    if folded in YES or folded.startswith(("yes ", "si ", "yeah ")):
        return True
    if folded in NO or folded.startswith(("no ", "nope ")):
        return False
    return None


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
