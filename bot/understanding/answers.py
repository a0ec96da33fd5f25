"""Reading short answers in English and Spanish: yes or no (with reasons), explicit cancels, asking for a person.

Residents rarely answer "yes" or "no" alone: "no nobody in danger, they're just blocking the sidewalk",
"yes please, file it", "nope", "idk its just letters, dont think so", "sí, mándelo", "no tengo foto".
An answer is read from its start: the words a resident opens with say yes or no; what follows is a reason.
"""

from __future__ import annotations

import re

from bot.language.text import fold

_FILLERS = re.compile(
    r"^(?:(?:um+|uh+|hmm+|mm+|oh|well|so|ok so|pues|este|mmm+|ah|eh|sorry|perdon|lol|vaya pues|vaya|bueno|ahora"
    r"|entonces|mire|mira|oiga|oye|jaja+|haha+)[\s,.!]+){1,3}"
)

YES_STARTS: tuple[str, ...] = (
    "yes", "y", "yeah", "yea", "ya", "yep", "yup", "ye", "yass", "sure", "correct", "right", "ok", "okay", "k", "kk",
    "affirmative", "absolutely", "definitely", "of course", "please do", "go ahead", "go for it", "do it",
    "file it", "file the report", "send it", "submit", "submit it", "please file", "please send", "looks good",
    "looks right", "looks correct", "that's right", "thats right", "that is right", "that's correct",
    "thats correct", "all good", "all correct", "perfect", "exactly", "yessir", "confirm", "confirmed",
    "si", "sip", "claro", "correcto", "asi es", "eso es", "afirmativo", "por supuesto", "simon", "dale",
    "andale", "orale", "sale", "va", "adelante", "de acuerdo", "esta bien", "perfecto", "exacto", "mandelo",
    "mandalo", "mandenlo", "envielo", "envialo", "envienlo", "enviar", "mandar", "ok mandelo", "confirmo",
    "vaya pues", "ahora si", "bueno si", "ta bueno", "sale pues", "hagale", "hagalo",
)  # fmt: skip
NO_STARTS: tuple[str, ...] = (
    "no", "n", "nope", "nop", "nopes", "nah", "naw", "nel", "nelson", "negative", "not", "nobody", "no one",
    "noone", "none", "nothing",
    "never", "dont think", "don't think", "i dont think", "i don't think", "not that i", "i dont see",
    "i don't see", "cant see", "can't see", "cannot see", "i cant", "i can't", "no photo", "no pic", "no picture",
    "dont have", "don't have", "i dont have", "i don't have", "dont know", "don't know", "idk", "dunno",
    "nadie", "ninguno", "ninguna", "nada", "negativo", "nunca", "no hay", "no tengo", "no veo", "no se ve",
    "no alcanzo", "no se", "sin foto", "no gracias", "no thanks",
)  # fmt: skip
EXPLICIT_CANCEL: tuple[str, ...] = (
    "cancel", "cancel report", "cancel the report", "cancel my report", "cancel this report", "cancel it",
    "cancel that", "cancel this", "stop the report", "stop this report", "stop report", "never mind",
    "nevermind", "nvm", "forget it", "forget about it", "dont file it", "don't file it", "do not file it",
    "dont send it", "don't send it", "do not send it", "scratch that",
    "cancelar", "cancelar reporte", "cancelar el reporte", "cancela", "cancela el reporte", "cancelelo",
    "cancelalo", "cancele", "cancele el reporte", "olvidelo", "olvidalo", "olvida", "no lo mande", "no lo envie",
    "no lo mandes", "ya no", "ya no quiero el reporte", "dejelo asi", "dejalo",
)  # fmt: skip
_CANCEL_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(EXPLICIT_CANCEL, key=len, reverse=True)) + r")\b"
)
_PERSON = (
    r"(?:a |an |some |one of your |your )?(?:real |live |actual |human |living )?(?:person|people|human|humans"
    r"|human being|agent|representative|rep|operator|staff member|somebody|someone)"
)
_ASKS_FOR_PERSON = re.compile(
    rf"\b(?:(?:speak|talk|chat|text) (?:to|with) {_PERSON}|(?:real|live|actual) (?:person|human)|human being"
    r"|(?:hablar|platicar|comunicarme|comunicar) con (?:una |un |alguna |algun )?(?:persona|humano|agente|operador"
    r"|operadora|representante|alguien)|persona (?:real|de verdad)|alguien de verdad|un humano)\b"
)
_DECLINES_REPORT = re.compile(
    r"\b(?:(?:don'?t|do not|dont|doesn'?t|not) (?:want|wanna|trying|looking|here) (?:to )?(?:report|file|get (?:him|her"
    r"|them|anyone) (?:in trouble|reported|moved))|(?:don'?t|do not|dont) (?:want|need) (?:him|her|them|anyone|anybody"
    r"|it) (?:reported|moved)|not (?:reporting|a report)|no (?:quiero|queremos|quisiera|vengo a|es para) (?:reportar"
    r"|denunciar|hacer (?:un |el )?reporte|que (?:lo|la|los|las|le|les) (?:reporten|saquen|corran|quiten)))\b"
)
_TRAILING_ANSWER = re.compile(r"[,;.!]\s*(yes|yeah|yep|no|nope|si|nah)\W{0,3}$")
REPORT_INTENTS = frozenset({"report_campsite", "report_abandoned_vehicle", "report_graffiti"})
"""The intents that start a report form (read by the NLU component and the form validators alike)."""
_START_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}
MAX_ANSWER_CHARS = 500


NUMBERED = {"1": True, "2": False}
"""A numbered choice ("1 yes / 2 no") counts only as the whole answer: "2 tents and trash" describes a site."""

SUBJECTS: dict[str, str] = {
    "danger": (
        r"danger|dangerous|in danger|hurt|injured|harm|harmed|unsafe|emergency|peligro|peligroso|peligrosa"
        r"|herid[oa]s?|lastimad[oa]s?|riesgo|emergencia"
    ),
    "offensive": (
        r"offensive|hateful|hate|racist|racial|slurs?|nazi|ofensiv[oa]s?|odio|racistas?|insultos?|contra nadie"
    ),
}
"""The subject of each yes/no question of the forms: an answer that denies it ("nobody in danger", "peligro
peligro no", "no es ofensivo") says no, whatever it opens with."""
_NEGATIONS = (
    r"no|not|nobody|no one|noone|none|nadie|ningun|ninguno|ninguna|nada|isn't|isnt|aren't|arent|wasn't|wasnt"
    r"|nothing|never|nunca|don't|dont|doesn't|doesnt"
)
_DENIED = {
    about: re.compile(
        rf"(?<!\w)(?:{_NEGATIONS})(?:'s)?(?: [\w']{{1,20}}){{0,3}}? (?:{subject})(?!\w)"
        rf"|(?<!\w)(?:{subject}) (?:[\w']{{1,20}} )?no(?!\w)"
    )
    for about, subject in SUBJECTS.items()
}


def _starts(phrases: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _START_CACHE.get(phrases)
    if pattern is None:
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        pattern = _START_CACHE[phrases] = re.compile(rf"^(?:{alternatives})(?:\b|$)")
    return pattern


def _opening(text: str) -> str:
    """The folded start of an answer, without fillers ("um", "pues", "sorry")."""
    folded = fold(text[:MAX_ANSWER_CHARS], drop_punctuation=True)
    return _FILLERS.sub("", folded)


def yes_no(text: str, intent: str | None = None, about: str | None = None) -> bool | None:
    """True for a yes, False for a no, None when the answer is neither.

    Args:
        text: The resident's answer.
        intent: The classifier's intent; ``affirm``/``deny`` decide when the words do not.
        about: The question's subject (a key of ``SUBJECTS``): an answer that denies it is a no.

    Returns:
        Whether the answer says yes; None if it says neither.
    """
    opening = _opening(text)
    if opening in NUMBERED:
        return NUMBERED[opening]
    bare = fold(text[:MAX_ANSWER_CHARS], drop_punctuation=True)
    for words in (opening, bare):  # without fillers first; then as given ("vaya pues" is a yes of its own)
        if words and _starts(NO_STARTS).match(words):
            return False
        if words and _starts(YES_STARTS).match(words):
            return True
    if about is not None and denies(bare, about):
        return False
    trailing = _TRAILING_ANSWER.search(fold(text[:MAX_ANSWER_CHARS]))  # "some are bad words, yes."
    if trailing:
        return trailing.group(1) in ("yes", "yeah", "yep", "si")
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    return None


def denies(text: str, about: str) -> bool:
    """Whether ``text`` denies a question's subject anywhere in it ("nobody seems to be in danger")."""
    return bool(_DENIED[about].search(fold(text[:MAX_ANSWER_CHARS], drop_punctuation=True)))


def is_bare_yes_no(text: str) -> bool:
    """Whether ``text`` is only a yes or a no (a word or two), not a description that opens with one."""
    opening = _opening(text)
    return yes_no(text) is not None and len(opening.split()) <= 2


def asks_for_person(text: str) -> bool:
    """Whether the resident explicitly asks for a person ("might I speak with a real person", "persona real")."""
    return bool(_ASKS_FOR_PERSON.search(fold(text[:MAX_ANSWER_CHARS], drop_punctuation=True)))


def declines_report(text: str) -> bool:
    """Whether the resident says they do not want to report ("I don't want to report him", "no quiero reportar")."""
    return bool(_DECLINES_REPORT.search(fold(text[:MAX_ANSWER_CHARS], drop_punctuation=True)))


def is_explicit_cancel(text: str) -> bool:
    """Whether the resident explicitly asks to stop the report ("cancel report", "cancelar reporte", "forget it").

    Only such words cancel: "no", "nobody is in danger" or "stop sign" never do.
    """
    folded = fold(text[:MAX_ANSWER_CHARS], drop_punctuation=True)
    if not folded:
        return False
    match = _CANCEL_RE.search(folded)
    if match is None:
        return False
    if match.group(0) in {"ya no", "cancel", "cancelar", "cancela", "cancele"}:
        # A bare verb must be most of the message ("cancel", "cancel pls"), not part of a sentence about
        # something else ("they cancelled the bus stop", "ya no está el carro").
        return len(folded.split()) <= 3
    return True
