"""Messages clearly written in a language other than English or Spanish, and the note that answers them.

The assistant speaks English and Spanish. When a resident clearly writes in another language (Vietnamese,
Chinese, Russian, Ukrainian, Somali, Arabic, Korean, Japanese, Romanian, Amharic...), the conversation goes to
a person flagged for an interpreter and the resident gets a short note in their language (``interpreter_note``).

A false positive hands an English or Spanish speaker to a person for nothing, so ``detect_other_language`` is
built for precision, not recall: it answers None unless the evidence is plain.

1. Noise is dropped first: links, e-mail addresses, case numbers (PDX-2026-000123), digits and Latin words
   written with them ("82nd"), address directions written in capitals ("SE") and the lexicon's neutral words
   (street names, car makes, "ok"). The letters left must be at least half of the message's non-space
   characters (combining marks aside), so texts that are mostly digits, links, emoji or addresses are never
   flagged.
2. Script: one script must hold a clear majority (CLEAR_MAJORITY) of the letters left, where a Han, kana,
   Hangul or Ethiopic character, which carries about a syllable or a word, weighs twice a letter of an
   alphabet. A non-Latin script then decides the language by itself once there is enough of it: at least
   MIN_SCRIPT_WORDS words and MIN_SCRIPT_LETTERS letters (MIN_SYLLABLES for Hangul and Ethiopic), or
   MIN_UNSPACED_CHARS characters for scripts written without spaces (Han, kana, Thai...). A single word
   ("Привет", "你好", "ありがとう") is never enough:

   * Cyrillic: Ukrainian when its own letters (і ї є ґ) outnumber Russian's (ы э ъ ё), else Russian;
   * Han: Japanese when kana are a real part of it (MIN_KANA, MIN_KANA_SHARE), else Chinese;
   * Hangul: Korean; Ethiopic: Amharic, or Tigrinya when its letters (ቐ, or ኣ used more than አ) show;
   * Arabic script: Arabic, or Pashto, Urdu or Persian (Farsi/Dari) when their own letters show;
   * a few more scripts map to their main language (Thai, Khmer, Lao, Burmese, Greek, Hebrew...).

3. Latin script is where English, Spanish and their look-alikes live, and langdetect alone is not to be
   trusted there: of the project's English and Spanish training examples of four words or more, it puts
   another language (Italian, Portuguese, Catalan, French, Afrikaans...) first for about one in twenty, and
   for dozens of them with probability 0.95 or more. So a Latin text is flagged only when all of these hold:

   * names (capitalised words inside a sentence: "Phở Hùng", "Casa Latina") are left out, and a text that is
     mostly names is not judged; what is left has at least MIN_LATIN_WORDS distinct words and
     MIN_LATIN_LETTERS letters;
   * hardly any telltale English or Spanish words (``_EN_ES_TELLTALES``: fewer than MAX_TELLTALES and under
     MAX_TELLTALE_SHARE of the words) — a mixed message is not flagged;
   * then either Vietnamese diacritics that no other language uses (ư ơ ạ ả ấ ầ ...) in at least
     MIN_VI_MARKED_WORDS distinct words and VI_MARKED_SHARE of the words — that alone is enough for "vi" —
   * or langdetect (``detect_langs``, seed 0 for determinism) puts a language of ``LATIN_LANGUAGES`` first
     with probability at least MIN_PROBABILITY (MIN_PROBABILITY_ROMANCE for French, Portuguese and
     Romanian), and at least MIN_MARKERS distinct words, making up MIN_MARKER_SHARE of the words, are that
     language's own (``_MARKER_WORDS``, chosen to be neither English nor Spanish words, or words with letters
     Spanish never writes, such as ã or ș), at least one of them from the word list.

``LATIN_LANGUAGES`` is the allow-list of Latin-script languages that langdetect knows and that are plausible
among Multnomah County residents who need an interpreter: Vietnamese, Somali, Tagalog, Romanian (Romanian and
Moldovan community), French (West and Central African residents), Portuguese (Brazilian and Angolan residents)
and Swahili (East African refugees). French, Portuguese and Romanian are the nearest to Spanish, hence their
higher probability floor. Left out on purpose: Italian and Catalan (langdetect's usual wrong answers for short
Spanish, and few residents who need them), German, Dutch, Afrikaans and the Scandinavian languages (its usual
wrong answers for short English), Indonesian and Polish (rare here). Chuukese, Marshallese, Oromo, Hmong and
the Mayan languages are also spoken here but unknown to langdetect, so they are not detected.

The module is long because most of it is data kept beside the rules that use it: thresholds, notes, language
names, the script table and the word lists.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from bisect import bisect_right
from collections import Counter
from typing import NamedTuple

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

from bot.language.lexicon import DIRECTIONS, NEUTRAL
from bot.language.text import WORD_RE, clean_text, wordset

__all__ = ["ENGLISH_NOTE", "INTERPRETER_NOTES", "LANGUAGE_NAMES", "detect_other_language", "interpreter_note"]

# --- Thresholds -------------------------------------------------------------------------------------------

MIN_LETTER_SHARE = 0.5
"""Least share of the message's non-space characters that must be letters of real words."""

CLEAR_MAJORITY = 0.7
"""Least (weighted) share of the letters the leading script must hold; below it the text is mixed."""

MIN_SCRIPT_WORDS = 2
"""Least words in a non-Latin alphabet (Cyrillic, Arabic, Greek...) for it to decide."""

MIN_SCRIPT_LETTERS = 8
"""Least letters in a non-Latin alphabet for it to decide."""

MIN_UNSPACED_CHARS = 6
"""Least characters of a script written without spaces (Han, kana, Thai, Lao, Khmer, Burmese)."""

MIN_SYLLABLES = 4
"""Least characters of a syllabic script written with spaces (Hangul, Ethiopic), besides MIN_SCRIPT_WORDS."""

MIN_KANA = 2
"""Least kana for Han-script text to be Japanese rather than Chinese..."""

MIN_KANA_SHARE = 0.2
"""...and least share of kana among its Han and kana characters."""

MIN_LATIN_WORDS = 4
"""Least distinct words for Latin-script text to be considered at all ("hakuna matata hakuna matata" has two)."""

MIN_LATIN_LETTERS = 20
"""Least letters for Latin-script text to be considered at all."""

MAX_TELLTALES = 2
"""A Latin text with this many telltale English or Spanish words is English, Spanish or mixed."""

MAX_TELLTALE_SHARE = 0.15
"""A Latin text whose share of telltale English or Spanish words reaches this is not flagged."""

MIN_VI_MARKED_WORDS = 3
"""Least distinct words with Vietnamese-only diacritics for a text to be Vietnamese without langdetect..."""

VI_MARKED_SHARE = 0.3
"""...and least share of such words among all words."""

MIN_PROBABILITY = 0.95
"""Least langdetect probability for the top language."""

MIN_PROBABILITY_ROMANCE = 0.99
"""Least langdetect probability for French, Portuguese and Romanian, the languages nearest Spanish."""

MIN_MARKERS = 2
"""Least distinct words of the detected language's own that a Latin text must contain..."""

MIN_MARKER_SHARE = 0.25
"""...and least share of such words among all words."""

LANGDETECT_SEED = 0
"""langdetect samples n-grams at random; a fixed seed makes every answer repeatable."""

LATIN_LANGUAGES = frozenset({"vi", "so", "tl", "ro", "fr", "pt", "sw"})
"""Latin-script languages that may be flagged (see the module docstring for why these)."""

_ROMANCE = frozenset({"fr", "pt", "ro"})

# --- Notes ------------------------------------------------------------------------------------------------

ENGLISH_NOTE = "311: an interpreter will be arranged; please wait."
"""The English line that ends every note (and the whole note for a language without its own text)."""

INTERPRETER_NOTES: dict[str, str] = {
    "vi": "Nhân viên 311 sẽ kết nối bạn với thông dịch viên. Vui lòng chờ ở đây.",
    "zh": "311工作人员将为您联系口译员。请在此稍候。",
    "ru": "Сотрудник 311 свяжет вас с переводчиком. Пожалуйста, подождите здесь.",
    "uk": "Працівник 311 з’єднає вас із перекладачем. Будь ласка, зачекайте тут.",
    "so": "Shaqaale 311 ayaa kugu xiri doona turjubaan. Fadlan halkan ku sug.",
    "ar": "سيوصلك أحد موظفي 311 بمترجم فوري. يرجى الانتظار هنا.",
    "ko": "311 직원이 통역사를 연결해 드리겠습니다. 여기서 잠시 기다려 주세요.",
    "ja": "311の職員が通訳者におつなぎします。このままお待ちください。",
    "ro": "Un angajat 311 vă va pune în legătură cu un interpret. Vă rugăm să așteptați aici.",
    "am": "የ311 ሠራተኛ ከአስተርጓሚ ጋር ያገናኝዎታል። እባክዎ እዚህ ይጠብቁ።",
    "tl": "Ikokonekta ka ng isang kawani ng 311 sa isang interpreter. Pakihintay lang dito.",
    "fr": "Un agent du 311 va vous mettre en relation avec un interprète. Merci de patienter ici.",
}
"""The note's first line in each language that has one: "A 311 staff member will connect you with an
interpreter. Please wait here." Kept short for SMS; ``interpreter_note`` adds ``ENGLISH_NOTE``."""

LANGUAGE_NAMES: dict[str, str] = {
    "vi": "Vietnamese",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "ru": "Russian",
    "uk": "Ukrainian",
    "so": "Somali",
    "ar": "Arabic",
    "fa": "Persian (Farsi/Dari)",
    "ps": "Pashto",
    "ur": "Urdu",
    "am": "Amharic",
    "ti": "Tigrinya",
    "ro": "Romanian",
    "tl": "Tagalog",
    "fr": "French",
    "pt": "Portuguese",
    "sw": "Swahili",
    "th": "Thai",
    "lo": "Lao",
    "km": "Khmer",
    "my": "Burmese",
    "el": "Greek",
    "he": "Hebrew",
    "hy": "Armenian",
    "ka": "Georgian",
    "hi": "Hindi (Devanagari script: may be Nepali)",
    "bn": "Bengali",
    "pa": "Punjabi",
    "gu": "Gujarati",
    "ta": "Tamil",
    "te": "Telugu",
}
"""English names, for staff, of every code ``detect_other_language`` can return."""


def interpreter_note(language: str) -> str:
    """The short message that tells a resident an interpreter is being arranged.

    Args:
        language: An ISO 639-1 code such as "vi" (case and a region suffix such as "zh-TW" are ignored).

    Returns:
        The note in that language followed by ``ENGLISH_NOTE`` on its own line, or ``ENGLISH_NOTE`` alone
        for a language without a written note.
    """
    code = re.split(r"[-_]", (language or "").strip().lower(), maxsplit=1)[0]
    native = INTERPRETER_NOTES.get(code)
    return f"{native}\n{ENGLISH_NOTE}" if native else ENGLISH_NOTE


# --- Scripts ----------------------------------------------------------------------------------------------

_SCRIPT_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x024F, "Latin"),
        (0x1E00, 0x1EFF, "Latin"),
        (0x2C60, 0x2C7F, "Latin"),
        (0xA720, 0xA7FF, "Latin"),
        (0xFF21, 0xFF5A, "Latin"),
        (0x0370, 0x03FF, "Greek"),
        (0x1F00, 0x1FFF, "Greek"),
        (0x0400, 0x052F, "Cyrillic"),
        (0x1C80, 0x1C8F, "Cyrillic"),
        (0x2DE0, 0x2DFF, "Cyrillic"),
        (0xA640, 0xA69F, "Cyrillic"),
        (0x0530, 0x058F, "Armenian"),
        (0x0590, 0x05FF, "Hebrew"),
        (0x0600, 0x06FF, "Arabic"),
        (0x0750, 0x077F, "Arabic"),
        (0x08A0, 0x08FF, "Arabic"),
        (0xFB50, 0xFDFF, "Arabic"),
        (0xFE70, 0xFEFF, "Arabic"),
        (0x0900, 0x097F, "Devanagari"),
        (0x0980, 0x09FF, "Bengali"),
        (0x0A00, 0x0A7F, "Gurmukhi"),
        (0x0A80, 0x0AFF, "Gujarati"),
        (0x0B80, 0x0BFF, "Tamil"),
        (0x0C00, 0x0C7F, "Telugu"),
        (0x0E00, 0x0E7F, "Thai"),
        (0x0E80, 0x0EFF, "Lao"),
        (0x1000, 0x109F, "Myanmar"),
        (0x10A0, 0x10FF, "Georgian"),
        (0x1100, 0x11FF, "Hangul"),
        (0x1200, 0x139F, "Ethiopic"),
        (0x2D80, 0x2DDF, "Ethiopic"),
        (0xAB00, 0xAB2F, "Ethiopic"),
        (0x1780, 0x17FF, "Khmer"),
        (0x3040, 0x309F, "Kana"),
        (0x30A0, 0x30FF, "Kana"),
        (0x31F0, 0x31FF, "Kana"),
        (0xFF66, 0xFF9D, "Kana"),
        (0x3130, 0x318F, "Hangul"),
        (0xAC00, 0xD7AF, "Hangul"),
        (0x3400, 0x4DBF, "Han"),
        (0x4E00, 0x9FFF, "Han"),
        (0xF900, 0xFAFF, "Han"),
        (0x20000, 0x2FFFF, "Han"),
    ]
)
_RANGE_STARTS = [start for start, _, _ in _SCRIPT_RANGES]

_SCRIPT_LANGUAGES = {
    "Greek": "el",
    "Armenian": "hy",
    "Hebrew": "he",
    "Devanagari": "hi",
    "Bengali": "bn",
    "Gurmukhi": "pa",
    "Gujarati": "gu",
    "Tamil": "ta",
    "Telugu": "te",
    "Thai": "th",
    "Lao": "lo",
    "Myanmar": "my",
    "Georgian": "ka",
    "Hangul": "ko",
    "Khmer": "km",
}
"""Scripts whose main language is the only plausible one here (Cyrillic, Han, Arabic, Ethiopic are refined)."""

_HEAVY_SCRIPTS = frozenset({"Han", "Kana", "Hangul", "Ethiopic"})
"""Scripts whose characters each carry about a syllable: they weigh twice an alphabet's letter."""

_UNSPACED_SCRIPTS = frozenset({"Han", "Kana", "Thai", "Lao", "Khmer", "Myanmar"})
"""Scripts written without spaces: judged by their characters (MIN_UNSPACED_CHARS), not by words."""

_UKRAINIAN_LETTERS = frozenset("іїєґ")
_RUSSIAN_LETTERS = frozenset("ыэъё")
_TIGRINYA_LETTERS = frozenset(chr(c) for c in range(0x1250, 0x125E))  # ቐ series
_ARABIC_ONLY_LETTERS = frozenset("ةيكى")
_PERSIAN_LETTERS = frozenset("پچژگیک")
_URDU_LETTERS = frozenset("ٹڈڑںےہھ")
_PASHTO_LETTERS = frozenset("ټډړږښځڅګۍېڼ")


def _script(ch: str) -> str:
    """The script of one letter ("Other" for scripts not listed)."""
    code = ord(ch)
    index = bisect_right(_RANGE_STARTS, code) - 1
    if index >= 0:
        start, end, name = _SCRIPT_RANGES[index]
        if start <= code <= end:
            return name
    return "Other"


# --- Words ------------------------------------------------------------------------------------------------

_NOISE_RE = re.compile(
    r"(?<!\S)(?:https?://|www\.)\S+|\S+@\S+\.\S+|@\w+|\b[a-z]{2,4}-\d{4}-\d+\b",
    re.IGNORECASE,
)
"""Links, e-mail addresses, @handles and case numbers: no language evidence."""

_STREET_WORDS = wordset("st ave av blvd rd dr ln ct hwy pkwy pl ter cir sq")
_SENTENCE_BREAKS = frozenset(".!?¿¡:;\n")
_DIGITS_RE = re.compile(r"\d+")


class _Word(NamedTuple):
    """A word of the message as written, and whether it looks like a name (capitalised inside a sentence)."""

    text: str
    is_name: bool


def _words(text: str) -> list[_Word]:
    """The words of ``text`` that can carry language evidence, in order.

    Dropped: noise (``_NOISE_RE``), digits and Latin letters written next to them ("82nd"; but "311工作人员"
    keeps its Han characters), directions written in capitals ("SE"), street suffixes and the lexicon's neutral
    words (street names, car makes, "ok", "lol").
    """
    text = _NOISE_RE.sub(" ", text)
    words: list[_Word] = []
    previous_end = 0
    for match in WORD_RE.finditer(text):
        word, gap = match.group(), text[previous_end : match.start()]
        previous_end = match.end()
        starts_sentence = not words or any(ch in _SENTENCE_BREAKS for ch in gap)
        for piece in _DIGITS_RE.split(word) if _DIGITS_RE.search(word) else [word]:
            folded = piece.casefold()
            if not piece or folded in NEUTRAL or folded in _STREET_WORDS:
                continue
            if folded in DIRECTIONS and piece.isupper():
                continue
            if piece != word and all(_script(ch) == "Latin" for ch in piece if ch.isalpha()):
                continue  # "82nd", "PDX2026": Latin letters next to digits are addresses and codes, not words
            words.append(_Word(piece, piece[0].isupper() and not piece.isupper() and not starts_sentence))
    return words


# --- Latin-script evidence --------------------------------------------------------------------------------

_EN_ES_TELLTALES = wordset(
    # English function and 311 words, none of them a word of an allowed language ("are" is Romanian, "i"
    # Somali, "at" Tagalog, "on" and "car" French: left out).
    "the and is was were my you your yours please pls plz thanks thank thx hello hi hey there there's theres "
    "this that that's thats with have has had been from of it it's its i'm i've we they them their what "
    "what's where when how who why will won't would could should not don't dont didn't doesn't isn't can't "
    "street sidewalk help need want report reported trash garbage house yes yeah just some here now today "
    "yesterday about because abandoned parked homeless people someone our "
    # Spanish, likewise ("el" is Romanian, "hay" and "con" Vietnamese, "pero" and "basura" Tagalog, "porque",
    # "aqui", "esquina", "estamos", "algo", "dias" Portuguese: left out).
    "los las muy calle calles gracias hola usted ustedes necesito quiero quisiera aquí ahí ahi allí tengo "
    "tiene tienen donde dónde cuando cuándo qué cómo cuál cuánto porfa porfavor xq puede pueden puedo "
    "estoy están estan reporte banqueta acera buenos buenas señor señora vecino vecinos también tambien "
    "ahora mucho mucha muchos muchas alguien nadie mis del ayuda ayer hoy mañana manana todavía enfrente "
    "hasta bueno pues oiga esto eso ese esa soy hace sí carpas campamento dejaron tiraron"
)
"""Common English and Spanish words that no allowed Latin-script language uses (compared case-folded)."""

_VI_LETTERS = frozenset("ươạảấầẩẫậắằẳẵặẻẽếềểễệỉỏốồổỗộớờởỡợủứừửữựỳỵỷỹ")
"""Letters only Vietnamese writes (ẹ ị ọ ụ also occur in Yoruba and Igbo, and đ in Croatian: left out)."""

_VI_ALL_LETTERS = _VI_LETTERS | frozenset("ăâêôđẹịọụĩũ")

_MARKER_WORDS: dict[str, frozenset[str]] = {
    "vi": wordset(
        "toi tôi khong không ko duoc được dc nguoi người nhieu nhiều chung chúng cua của nha nhà xe mot một "
        "chiec chiếc nay này dang đang roi rồi truoc trước tuan tuần giup giúp xin cac các nhung những duong "
        "đường pho phố rac rác lai lại bo bỏ bi bị co có ba cho nhé"
    ),
    "so": wordset(
        "waa iyo ku ka aan waxaan waxa ayaa oo uu ee baabuur gaari gaadhi guriga gurigayga gurigeyga fadlan "
        "mahadsanid haa maya jira jiro joogo yahay ahay inaan dayacay warbixiyo rabaa dhinac waddada jidka "
        "xaafadda qashin badan toddobaad todobaad saddex hortiisa hore ugu kuu ii isku xaggee halkan hadda af "
        "yaal yaala taagan dadka meel meesha cid caawimaad ma anigu aniga aqaan baahanahay turjumaan turjubaan"
    ),
    "tl": wordset(
        "ang ng mga sa po ay ko namin kami ito hindi salamat opo yung nasa kasi naman lang rin bahay kotse "
        "sasakyan harap dito doon linggo tatlo siya sila nila niya natin tayo akin ako ikaw kayo ba nang "
        "ngayon wala meron mayroon iniwan kalye paki pakiusap tulong tulungan nakaparada kapitbahay mo naka"
    ),
    "fr": wordset(
        "une est je il elle nous vous devant depuis voiture avec dans qui pas c'est j'ai mon des du au aux "
        "chez moi ici très merci bonjour rue semaines jours jour ça et trottoir abandonnée abandonné maison "
        "quartier s'il plaît plait déchets ordures tentes parle anglais besoin d'un d'une beaucoup sont ont "
        "été cette ce ces leur nos votre aidez-moi"
    ),
    "pt": wordset(
        "não nao você voce vocês voces obrigado obrigada uma muito muita muitos tem meu minha isso isto rua "
        "na nas ao ele ela foi há são estão três vizinho vizinhos calçada calcada lixo barraca barracas "
        "morador moradores ajuda quero faz ônibus bairro perto também tambem agora ainda então entao nós até "
        "pra tá né olá bom boa noite quando onde já deixaram falo fala falar inglês"
    ),
    "ro": wordset(
        "și şi sunt pe mea meu lângă langa cu nu acest această aceasta mașină masina mașina strada străzii "
        "strazii rog rugăm rugam să sa într într-o fost lăsată lasata abandonată abandonata săptămâni "
        "saptamani trei zile avem noi voi ei oameni cort corturi gunoi trotuar vecin vecinul vecini ajutor "
        "mulțumesc multumesc bună buna ziua mai foarte acolo aici doar după dupa unei unui casei blocului "
        "parcare parcată parcata mașini masini cineva nimeni vă în"
    ),
    "sw": wordset(
        "na wa kwa katika tafadhali gari nyumba yangu mimi hii hapa kuna tatu mbele asante habari takataka "
        "barabara msaada nataka za cha vya kwenye imeachwa nyumbani watu mtu hakuna ndiyo hapana sisi wewe "
        "yake yetu lile hiyo nisaidie sizungumzi kiingereza nahitaji mkalimani naomba sasa"
    ),
}
"""Frequent words of each allowed Latin-script language that are neither English nor Spanish words."""

_MARKER_LETTERS: dict[str, frozenset[str]] = {
    "vi": _VI_ALL_LETTERS,
    "fr": frozenset("èùœëïîûç"),
    "pt": frozenset("ãõ"),
    "ro": frozenset("ășşțţ"),
}
"""Letters that make a word count as the language's own (accents Spanish never writes)."""

_FRENCH_ELISIONS = ("c'", "j'", "d'", "l'", "n'", "qu'", "s'", "m'")

_detect_lock = threading.Lock()


def _is_marker(word: str, language: str) -> bool:
    """Whether ``word`` (case-folded) is one of ``language``'s own words."""
    if word in _MARKER_WORDS.get(language, frozenset()):
        return True
    if any(ch in _MARKER_LETTERS.get(language, frozenset()) for ch in word):
        return True
    return language == "fr" and len(word) > 3 and word.startswith(_FRENCH_ELISIONS)


def _latin_language(words: list[_Word]) -> str | None:
    """The allowed Latin-script language ``words`` are clearly in, or None.

    Names (capitalised words inside a sentence: "Phở Hùng", "Casa Latina") say nothing about the writer's
    language and are left out; a text that is mostly names is not judged at all.
    """
    names = sum(w.is_name for w in words)
    if names * 2 >= len(words):
        return None
    kept = [w.text for w in words if not w.is_name]
    folded = [w.casefold().replace("’", "'") for w in kept]
    distinct = set(folded)
    letters = sum(ch.isalpha() for w in folded for ch in w)
    if len(distinct) < MIN_LATIN_WORDS or letters < MIN_LATIN_LETTERS:
        return None
    telltales = sum(w in _EN_ES_TELLTALES for w in folded)
    if telltales >= MAX_TELLTALES or telltales / len(folded) >= MAX_TELLTALE_SHARE:
        return None
    vi_marked = [w for w in folded if any(ch in _VI_LETTERS for ch in w)]
    if len(set(vi_marked)) >= MIN_VI_MARKED_WORDS and len(vi_marked) / len(folded) >= VI_MARKED_SHARE:
        return "vi"
    language, probability = _langdetect_top(" ".join(kept))
    if language not in LATIN_LANGUAGES:
        return None
    if probability < (MIN_PROBABILITY_ROMANCE if language in _ROMANCE else MIN_PROBABILITY):
        return None
    markers = [w for w in folded if _is_marker(w, language)]
    if len(set(markers)) < MIN_MARKERS or len(markers) / len(folded) < MIN_MARKER_SHARE:
        return None
    if not _MARKER_WORDS[language].intersection(markers):
        return None  # accents alone make a dish or a place name ("crème brûlée"), not a sentence
    return language


def _langdetect_top(text: str) -> tuple[str, float]:
    """The language langdetect finds most probable for ``text``, and its probability ("", 0.0 if none).

    The seed is set on every call (another caller could change it), and the lock keeps the one-time loading of
    langdetect's profiles from running twice at once.
    """
    with _detect_lock:
        DetectorFactory.seed = LANGDETECT_SEED
        try:
            candidates = detect_langs(text)
        except LangDetectException:
            return "", 0.0
    if not candidates:
        return "", 0.0
    return str(candidates[0].lang), float(candidates[0].prob)


# --- Non-Latin scripts ------------------------------------------------------------------------------------


def _script_language(script: str, words: list[str], letters: list[str]) -> str | None:
    """The language of text whose letters are mostly in the non-Latin ``script``, or None if too little.

    Args:
        script: The leading script.
        words: The message's words.
        letters: The message's letters in ``script`` (for Han: Han and kana).
    """
    if not _enough_script(script, words, letters):
        return None
    lowered = [ch.lower() for ch in letters]
    counts = Counter(lowered)
    if script == "Cyrillic":
        ukrainian = sum(counts[ch] for ch in _UKRAINIAN_LETTERS)
        russian = sum(counts[ch] for ch in _RUSSIAN_LETTERS)
        return "uk" if ukrainian > russian else "ru"
    if script in ("Han", "Kana"):
        kana = sum(_script(ch) == "Kana" for ch in letters)
        return "ja" if kana >= MIN_KANA and kana / len(letters) >= MIN_KANA_SHARE else "zh"
    if script == "Ethiopic":
        tigrinya_a, amharic_a = counts["ኣ"], counts["አ"]
        if any(ch in _TIGRINYA_LETTERS for ch in letters) or (tigrinya_a >= 2 and tigrinya_a > amharic_a):
            return "ti"
        return "am"
    if script == "Arabic":
        return _arabic_script_language(counts)
    return _SCRIPT_LANGUAGES.get(script)


def _enough_script(script: str, words: list[str], letters: list[str]) -> bool:
    """Whether there is enough text in ``script`` for it to decide the language (never a single word)."""
    if script in _UNSPACED_SCRIPTS:
        return len(letters) >= MIN_UNSPACED_CHARS
    script_words = sum(any(_script(ch) in _group(script) for ch in w) for w in words)
    least_letters = MIN_SYLLABLES if script in _HEAVY_SCRIPTS else MIN_SCRIPT_LETTERS
    return script_words >= MIN_SCRIPT_WORDS and len(letters) >= least_letters


def _arabic_script_language(counts: Counter[str]) -> str:
    """Arabic, or Pashto, Urdu or Persian when letters that Arabic does not use show."""
    if sum(counts[ch] for ch in _PASHTO_LETTERS) >= 2:
        return "ps"
    if sum(counts[ch] for ch in _URDU_LETTERS) >= 2:
        return "ur"
    persian = sum(counts[ch] for ch in _PERSIAN_LETTERS)
    if persian >= 2 and persian > sum(counts[ch] for ch in _ARABIC_ONLY_LETTERS):
        return "fa"
    return "ar"


def _group(script: str) -> frozenset[str]:
    """The scripts counted together with ``script`` (Japanese mixes Han and kana)."""
    return frozenset({"Han", "Kana"}) if script in ("Han", "Kana") else frozenset({script})


# --- Entry point ------------------------------------------------------------------------------------------


def detect_other_language(text: str) -> str | None:
    """The language of a message clearly written in neither English nor Spanish.

    Built for precision: short, ambiguous and mixed texts, and texts that are mostly digits, links, emoji or
    addresses, give None (see the module docstring for the rules and thresholds).

    Args:
        text: The resident's message, any length, possibly empty or malformed.

    Returns:
        An ISO 639-1 code such as "vi", "zh", "ru" (a key of ``LANGUAGE_NAMES``), or None.
    """
    clean = clean_text(text)
    non_space = sum(not ch.isspace() and not unicodedata.category(ch).startswith("M") for ch in clean)
    words = _words(clean)
    letters = [ch for w in words for ch in w.text if ch.isalpha()]
    if not letters or len(letters) < MIN_LETTER_SHARE * non_space:
        return None
    weights: Counter[str] = Counter()
    for ch in letters:
        script = _script(ch)
        weights["Han" if script == "Kana" else script] += 2 if script in _HEAVY_SCRIPTS else 1
    script, weight = weights.most_common(1)[0]
    if script == "Other" or weight < CLEAR_MAJORITY * sum(weights.values()):
        return None
    if script == "Latin":
        return _latin_language([w for w in words if all(_script(ch) == "Latin" for ch in w.text if ch.isalpha())])
    in_script = [ch for ch in letters if _script(ch) in _group(script)]
    return _script_language(script, [w.text for w in words], in_script)
