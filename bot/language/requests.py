"""Explicit language requests: "español", "english please", "no hablo inglés" — these always win."""

from __future__ import annotations

from bot.language.text import WORD_RE, clean_text, fold, wordset


def requested_language(text: str) -> str | None:
    """The language the resident explicitly asks for, if any.

    A request is a short message made only of a language's name and request words:
    "español", "en español por favor", "hablo español", "spanish please", "in english",
    "can we talk in spanish". "no hablo inglés" and "I don't speak Spanish" ask for the
    other language.

    Args:
        text: The resident's message.

    Returns:
        "es" or "en" when a language is asked for, else None.
    """
    words = [fold(w) for w in WORD_RE.findall(clean_text(text).lower())]
    if not words or len(words) > _MAX_REQUEST_WORDS:
        return None
    asked = [(i, _LANGUAGE_NAMES[w]) for i, w in enumerate(words) if w in _LANGUAGE_NAMES]
    if len({lang for _, lang in asked}) != 1:
        return None
    others = [w for w in words if w not in _LANGUAGE_NAMES]
    if any(w not in _REQUEST_WORDS for w in others):
        return None
    index, lang = asked[0]
    if _is_negated(words[max(0, index - 3) : index]):
        return "en" if lang == "es" else "es"
    return lang


def _is_negated(before: list[str]) -> bool:
    """Whether the words before a language's name deny it ("no hablo", "don't speak")."""
    return any(word in _NEGATIONS and _NEGATED_VERBS.intersection(before[i + 1 :]) for i, word in enumerate(before))


_LANGUAGE_NAMES = {
    **dict.fromkeys(wordset("espanol espaniol spanish castellano"), "es"),
    **dict.fromkeys(wordset("english ingles inglish englis"), "en"),
}

_MAX_REQUEST_WORDS = 10

_REQUEST_WORDS = wordset(
    "i we you can could would will please pls plz in to the this that me my speak talk "
    "talking write text reply answer prefer want like need switch change language only "
    "do does dont don't not no yes ok okay sorry hi hello thanks thank send info "
    "information it us is there anyone someone who help understand read continue use "
    "back instead lets let's go with en por favor porfa porfavor el la al a de yo mi nos "
    "podemos puede puedes pueden podria hablar hablo habla hablas hablen hablame "
    "escribir escriba escribe contestar responder prefiero quiero mejor cambiar idioma "
    "solo si hola gracias perdon disculpe lo siento entiendo ayudar ayudarme ayuda "
    "mandar mandame informacion alguien que hay con seguir continuar usted sabe se leer "
    "leo hable speaking speaker agent agente person persona representative human an for "
    "option version opcion have any tienen"
)

_NEGATIONS = wordset("no not dont don't doesnt doesn't cant can't cannot nunca")

_NEGATED_VERBS = wordset("speak talk understand read know hablo habla hablamos entiendo leo se")
