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
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from bot.i18n import SOURCE_LANGUAGE, SUPPORTED_LANGUAGES

__all__ = ["SUPPORTED_LANGUAGES", "detect_language", "requested_language"]

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = SOURCE_LANGUAGE

MAX_CHARS = 1000
"""Only the start of a very long message is read; it is plenty to decide."""

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

UNIT_SCORE = 1.0
"""Least evidence a word must carry to count as one independent signal."""

_SPANISH_MARKS = frozenset("ñáéíóú¿¡")
_SENTENCE_BREAKS = frozenset(".!?¿¡\n")
_TOKEN_RE = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
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
    clean = _sanitize(text)
    requested = requested_language(clean)
    if requested is not None:
        return requested
    evidence = _evidence(clean)
    if current is None:
        return "es" if evidence.score > 0 else DEFAULT_LANGUAGE
    if current == "en" and _switches(evidence.score, evidence.spanish_units):
        return "es"
    if current == "es" and _switches(-evidence.score, evidence.english_units):
        return "en"
    return current


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
    words = [_fold(w) for w in _TOKEN_RE.findall(_sanitize(text).lower())]
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


def _switches(score: float, units: int) -> bool:
    """Whether evidence for the other language is strong enough to switch to it."""
    return score >= SWITCH_SCORE and units >= 2


def _sanitize(text: str) -> str:
    """``text`` as clean NFC Unicode: no lone surrogates, at most MAX_CHARS characters."""
    if not isinstance(text, str):
        return ""
    text = text[:MAX_CHARS].encode("utf-8", "ignore").decode("utf-8")
    return unicodedata.normalize("NFC", text)


def _fold(word: str) -> str:
    """``word`` lowercased without accents, with a straight apostrophe."""
    decomposed = unicodedata.normalize("NFD", word.lower().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(text: str) -> list[_Token]:
    """The words of ``text`` that may carry language evidence, in order.

    Links, e-mail addresses, case numbers, overlong runs and anything with a digit are
    dropped, and names are marked.
    """
    text = _STRIP_RE.sub(" . ", text)
    matches = list(_TOKEN_RE.finditer(text))
    title_case_text = len(matches) >= 4 and all(m.group().istitle() for m in matches)
    tokens: list[_Token] = []
    for i, match in enumerate(matches):
        word = match.group()
        following = matches[i + 1].group() if i + 1 < len(matches) else ""
        if len(word) > MAX_WORD_CHARS or any(ch.isdigit() for ch in word) or _is_direction(word, following):
            continue
        gap = text[matches[i - 1].end() : match.start()] if i else "."
        starts_sentence = any(ch in _SENTENCE_BREAKS for ch in gap)
        folded = _fold(word)
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
    return following.istitle() and folded not in _WORDS


def _is_direction(word: str, following: str) -> bool:
    """Whether ``word`` is an address direction such as the SE of "SE 82nd"."""
    folded = word.lower()
    if folded not in _DIRECTIONS:
        return False
    return word.isupper() or following[:1].isdigit() or _fold(following) in _NEUTRAL


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
            if size == 1 or candidate in _PHRASES:
                units.append(candidate)
                i += size
                break
    return units


def _unit_score(unit: str) -> float:
    """Spanish-over-English log-odds carried by one word or phrase."""
    if unit in _PHRASES:
        return _PHRASES[unit]
    if unit in _NEUTRAL:
        return 0.0
    if unit in _WORDS:
        return _WORDS[unit]
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


# Lexicon. Words are lowercase and without accents (accents score separately). Weights are
# Spanish-over-English log-odds: 2.5 for words only one language uses, 1.5 for common words
# that lean clearly one way, below 1.0 for words both languages share.


def _wordset(words: str) -> frozenset[str]:
    """The words of a space-separated list."""
    return frozenset(words.split())


def _weighted(weight: float, words: str) -> dict[str, float]:
    """Give every word of a space-separated list the same weight."""
    return dict.fromkeys(_wordset(words), weight)


_WORDS: dict[str, float] = {
    **_weighted(
        2.5,
        "hola gracias ayuda ayudar ayudenme ayudeme ayudame necesito necesita necesitamos "
        "quiero queremos quisiera hay calle calles carro carros troca trocas camioneta "
        "basura reporte reportes reportar reporto bache baches banqueta banquetas acera "
        "esquina donde cuando cuanto cuantos cuanta porque porq xq porfa porfavor porfis "
        "favor buenos buenas dias tardes noches senor senora vecino vecina vecinos casa "
        "tengo tiene tienen tenemos estan estoy estamos puede pueden puedo podemos podria "
        "abandonado abandonada abandonados estacionado estacionada estacionados campamento "
        "carpas carpa gente parque escuela luz semaforo arbol agua fuga vidrios nadie "
        "todavia tambien aqui ahi alli alla muy mucho mucha muchos muchas pero entiendo "
        "hablar hablo agente cancelar cancela cancelen estado estatus foto fotos mande "
        "mando mandar manana anoche ayer hoy semana semanas mes meses hace desde hasta "
        "sigue siguen quitar quiten quitaron recoger recogieron recojan tiraron dejaron "
        "pintaron rayaron enfrente cerca atras noreste sureste noroeste suroeste direccion "
        "numero placas placa rojo roja blanco blanca negro negra azul pregunta queja listo "
        "claro dale bueno perfecto igualmente nada adios disculpe disculpa perdon molestia "
        "siento tarda tiempo vinieron venido usted ustedes nosotros ellos ahora luego "
        "despues otra otro mismo misma todo toda todos todas eso esto este ese esa aja "
        "nunca siempre arreglaron arreglar funciona sirve cayo rota roto sucio lleno llena "
        "adentro afuera viviendo acampando durmiendo tirada tirado colchon muebles sillon "
        "llanta llantas pared muro puente callejon negocio tienda ciclovia jeringas que "
        "pues ahorita kiero nesesito avandonado oiga digame una unos unas los para mas "
        "sobre entre menos grafiti orale andale",
    ),
    **_weighted(
        1.5,
        "mi mis su sus el la un del de en con por y lo le les se es sin como si tu yo "
        "ai ke q dnd bien mal van fue dia noche tarde frente gris verde solo sabe",
    ),
    **_weighted(0.8, "ya al o ni son x tb"),
    **_weighted(
        -2.5,
        "hi hello hey yes yeah yep yea yup nope thanks thank thx tysm please pls plz help "
        "need want report reporting reported the is are was were there theres there's it "
        "it's its this that thats that's what whats what's where wheres when how who why "
        "my our your you i'm i've don't dont can't cant won't wont didn't didnt doesn't "
        "doesnt isn't isnt wasn't wasnt haven't havent hasnt would could should have been "
        "still with from of and not they them she someone somebody nobody anyone people "
        "street house sidewalk trash garbage abandoned parked homeless pothole behind "
        "across goodbye know very yesterday tonight because which idk gonna wanna gotta",
    ),
    **_weighted(
        -2.0,
        "ty i im ive u ur we on at to for by be has had did get got can will just also "
        "too all any some here now today morning night ago week weeks month months day "
        "days car cars truck road block home yard alley tagged tagging tents tent camp "
        "campsite light streetlight tree dumped dumping mattress couch update cancel "
        "agent person human representative picture sent send address near corner front "
        "next sure great awesome sorry good right wrong same first again about around "
        "blocking broken water leaking needles school library appreciate understand "
        "speak talk more yet but than then while really like says said see came going "
        "gone left take took look looks make many much every everywhere other side nvm "
        "btw tho",
    ),
    **_weighted(
        -1.5,
        "in an or he us do one am if so go lot lots out down up off new old big bye cool "
        "perfect correct photo pic pics camping asap omg",
    ),
    **_weighted(-1.0, "park status come"),
    **_weighted(-0.5, "graffiti r"),
}

_PHRASES: dict[str, float] = {
    "no entiendo": 4.5,
    "no le entiendo": 4.5,
    "no entiendo nada": 4.5,
    "no comprendo": 4.5,
    "i don't understand": -4.5,
    "i dont understand": -4.5,
    "don't understand": -4.5,
    "dont understand": -4.5,
    "do not understand": -4.5,
    "muchas gracias": 2.5,
    "mil gracias": 2.5,
    "por favor": 2.5,
    "de nada": 2.5,
    "buenos dias": 2.5,
    "buen dia": 2.5,
    "buenas tardes": 2.5,
    "buenas noches": 2.5,
    "no se": 2.5,
    "thank you": -2.5,
    "thank u": -2.5,
    "good morning": -2.5,
    "good afternoon": -2.5,
    "good night": -2.5,
    "no problem": -2.5,
}

_NEUTRAL = _wordset(
    "ok okay okey oki oky k kk kay no me a lol lmao haha hahaha jaja jajaja jeje hmm mmm "
    "hm huh xd stop menu taco tacos plaza pdx portland oregon n s e w ne nw sw st ave "
    "blvd rd dr ln ct hwy pkwy pl rv suv tv atm max trimet division foster stark powell "
    "sandy burnside glisan hawthorne belmont lombard killingsworth alberta williams mlk "
    "broadway holgate woodstock halsey columbia marine interstate macadam barbur "
    "gladstone flavel bybee milwaukie sellwood lents gateway parkrose cully montavilla "
    "gresham beaverton tigard clackamas vancouver springwater honda civic accord toyota "
    "camry corolla prius tacoma ford focus fusion chevy chevrolet silverado nissan "
    "altima sentra subaru outback forester jeep tesla bmw kia hyundai mazda dodge ram "
    "gmc vw volkswagen jetta lexus acura audi volvo buick safeway walmart target costco "
    "winco fred meyer albertsons goodwill starbucks mcdonalds"
)

_DIRECTIONS = _wordset("n s e w ne nw se sw")

_LANGUAGE_NAMES = {
    **dict.fromkeys(_wordset("espanol espaniol spanish castellano"), "es"),
    **dict.fromkeys(_wordset("english ingles inglish englis"), "en"),
}

_MAX_REQUEST_WORDS = 10

_REQUEST_WORDS = _wordset(
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

_NEGATIONS = _wordset("no not dont don't doesnt doesn't cant can't cannot nunca")

_NEGATED_VERBS = _wordset("speak talk understand read know hablo habla hablamos entiendo leo se")
