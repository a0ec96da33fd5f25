"""Tests for bot.language.segments: GSM-7/UCS-2 segments, splitting and numbered choices."""

from __future__ import annotations

import itertools

import pytest

from bot.channels.sms import choices as sms_render
from bot.channels.sms.choices import match_choice, with_numbered_choices
from bot.language.segments import is_gsm7, segment_count, split_for_sms

SPANISH = {
    "{number} for {title}": "{number} para {title}",
    "Reply {choices}": "Responda {choices}",
    "Reply with a number:": "Responda con un número:",
}


@pytest.fixture
def spanish_catalog(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Route sms_render's translations through a small Spanish catalog; record the lookups."""
    calls: list[tuple[str, str]] = []

    def translate(lang: str, msgid: str, **kwargs: object) -> str:
        calls.append((lang, msgid))
        text = SPANISH[msgid] if lang == "es" else msgid
        return text.format(**kwargs)

    monkeypatch.setattr(sms_render, "translate", translate)
    return calls


# --- GSM-7 ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Hello, world!", "éñÑüÜ¿¡àèùìòÉÇ", "Señor, ¡gracias!", "@£$¥ΔΦ§", "", "{[€]}"])
def test_gsm7_text(text: str) -> None:
    assert is_gsm7(text)


@pytest.mark.parametrize(
    "text", ["¿Dónde está?", "¿Qué pasó?", "á", "í", "ó", "ú", "Á", "Í", "Ó", "Ú", "ç", "👍", "“quoted”"]
)
def test_text_outside_gsm7(text: str) -> None:
    assert not is_gsm7(text)


# --- segment counts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("ñ" * 160, 1),
        ("€" * 80, 1),  # 160 septets
        ("€" * 80 + "a", 2),  # 161 septets
        ("a" * 153 + "a" * 153, 2),
        # An escape sequence cannot straddle segments: 152 + [2 + 152] -> 3, not ceil(306/153).
        ("a" * 152 + "€" + "a" * 152, 3),
        ("a" * 151 + "€" + "a" * 153, 2),
    ],
)
def test_gsm7_segments(text: str, segments: int) -> None:
    assert is_gsm7(text)
    assert segment_count(text) == segments


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("¿Dónde está?", 1),
        ("¿Qué pasó?", 1),
        ("á" * 70, 1),
        ("á" * 71, 2),
        ("á" * 134, 2),
        ("á" * 135, 3),
        ("😀" * 35, 1),  # 70 UTF-16 code units
        ("😀" * 36, 2),
        # A surrogate pair cannot straddle segments: 66 + [2 + 66] -> 3, not ceil(134/67).
        ("á" * 66 + "😀" + "á" * 66, 3),
        ("a" * 159 + "ó", 3),  # one ó turns 160 characters into UCS-2
    ],
)
def test_ucs2_segments(text: str, segments: int) -> None:
    assert not is_gsm7(text)
    assert segment_count(text) == segments


def test_spanish_accents_decide_the_encoding() -> None:
    gsm = "Señor, ¡gracias! " * 9  # 153 characters
    ucs = "¿Dónde está? " * 12  # 156 characters
    assert segment_count(gsm) == 1
    assert segment_count(ucs) == 3


# --- splitting ---------------------------------------------------------------------------


def test_short_reply_is_one_unchanged_message() -> None:
    text = "  Thanks!\n\nYour report  is in.  "
    assert split_for_sms(text) == [text]


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_reply_has_no_messages(text: str) -> None:
    assert split_for_sms(text) == []


def test_max_segments_must_be_positive() -> None:
    with pytest.raises(ValueError):
        split_for_sms("Hi.", 0)


def test_four_full_segments_stay_one_message() -> None:
    text = "a" * 611 + "."
    assert segment_count(text) == 4
    assert split_for_sms(text) == [text]
    assert len(split_for_sms(text + " More.")) == 2


def test_splits_at_sentence_boundaries_and_strips_the_joins() -> None:
    first = "Thanks for your report about the campsite near the Eastbank Esplanade." * 2
    second = "A City crew will review it within two business days!"
    third = "Reply STATUS anytime to check on it?"
    text = f"{first}  {second}\n\n{third}"
    parts = split_for_sms(text, 1)
    assert parts == [first, f"{second}\n\n{third}"]


def test_never_cuts_inside_a_word() -> None:
    words = [f"word{i}" for i in range(400)]
    text = " ".join(words)  # one sentence far longer than a message
    parts = split_for_sms(text, 1)
    assert all(segment_count(p) == 1 for p in parts)
    assert [w for p in parts for w in p.split(" ")] == words
    assert all(p == p.strip() for p in parts)


def test_only_an_overlong_word_is_cut_inside() -> None:
    url = "https://example.org/" + "x" * 300
    parts = split_for_sms(f"See {url} for details.", 1)
    assert parts == ["See", url[:160], url[160:], "for details."]


def test_ten_thousand_characters() -> None:
    sentences = [f"Sentence {i} tells the resident something useful about 311." for i in range(170)]
    text = " ".join(sentences)
    assert len(text) > 10_000
    parts = split_for_sms(text)
    assert all(segment_count(p) <= 4 and len(p) <= 1600 for p in parts)
    assert " ".join(parts) == text
    assert all(p.endswith(".") for p in parts)
    # No two neighbours would fit together, so no message is wasted.
    assert all(segment_count(f"{a} {b}") > 4 for a, b in itertools.pairwise(parts))


def test_ten_thousand_characters_without_spaces() -> None:
    text = "x" * 10_000
    parts = split_for_sms(text)
    assert "".join(parts) == text
    assert [len(p) for p in parts] == [612] * 16 + [10_000 - 612 * 16]


def test_each_part_has_its_own_encoding() -> None:
    first = "Your report was received and a crew has been notified about it. " * 2
    second = "¿Dónde está el vehículo?"
    third = "We will text you when the crew is done."
    text = f"{first.strip()} {second} {third}"
    parts = split_for_sms(text, 2)
    # Greedy packing would put the accented question with the long first part (UCS-2, 3
    # segments); keeping it with the short last part costs 1 + 1 segments.
    assert parts == [first.strip(), f"{second} {third}"]
    assert is_gsm7(parts[0])
    assert [segment_count(p) for p in parts] == [1, 1]


def _best_split(sentences: list[str], max_segments: int) -> tuple[int, int]:
    """Fewest messages, then fewest segments, over every way to cut between sentences."""
    best: tuple[int, int] | None = None
    for cuts in itertools.product([False, True], repeat=len(sentences) - 1):
        parts, current = [], [sentences[0]]
        for cut, sentence in zip(cuts, sentences[1:], strict=True):
            if cut:
                parts.append(" ".join(current))
                current = []
            current.append(sentence)
        parts.append(" ".join(current))
        counts = [segment_count(p) for p in parts]
        if max(counts) <= max_segments:
            cost = (len(parts), sum(counts))
            best = cost if best is None or cost < best else best
    assert best is not None
    return best


@pytest.mark.parametrize("max_segments", [1, 2])
def test_split_is_minimal(max_segments: int) -> None:
    sentences = [
        "Thanks for writing to PDX 311.",
        "¿Dónde está?",
        "We need the nearest cross streets or an address to send a crew out there.",
        "Graffiti on private property is handled differently.",
        "¿Qué pasó?",
        "Señor, ¡gracias!",
        "Photos help our crews find the right spot.",
        "Está bien.",
        "You can send up to three photos.",
        "Reply STOP to opt out.",
        "Call 911 for emergencies.",
    ]
    parts = split_for_sms(" ".join(sentences), max_segments)
    assert " ".join(parts) == " ".join(sentences)
    assert (len(parts), sum(segment_count(p) for p in parts)) == _best_split(sentences, max_segments)


def test_spanish_opening_marks_begin_sentences() -> None:
    first = (
        "Ya recibimos su reporte sobre el grafiti en la calle Burnside"
        " y un equipo de la Ciudad lo va a revisar en los proximos dias habiles"
    )
    second = "¿Quiere agregar una foto del lugar?"
    assert segment_count(f"{first} {second}") == 2
    parts = split_for_sms(f"{first} {second}", 1)
    assert parts == [first, second]


def test_opening_mark_after_a_comma_is_not_a_boundary() -> None:
    text = "Gracias por escribir a PDX 311 hoy, ¿nos puede decir la dirección exacta del campamento por favor?"
    parts = split_for_sms(text, 1)
    assert len(parts) == 2
    assert not parts[0].endswith(",")  # cut between words of the question, not at the comma


# --- numbered choices --------------------------------------------------------------------

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
SI_NO = [{"title": "Sí", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]
DETAILS = [
    {"title": "Location", "payload": "/location"},
    {"title": "Description", "payload": "/description"},
    {"title": "Photo", "payload": "/photo"},
]


def test_two_choices_inline_in_english() -> None:
    assert with_numbered_choices("Is this right?", YES_NO, "en") == "Is this right?\nReply 1 for Yes, 2 for No"


def test_two_choices_inline_in_spanish(spanish_catalog: list[tuple[str, str]]) -> None:
    text = with_numbered_choices("¿Es correcto?", SI_NO, "es")
    assert text == "¿Es correcto?\nResponda 1 para Sí, 2 para No"
    assert ("es", "Reply {choices}") in spanish_catalog


def test_three_choices_as_a_list(spanish_catalog: list[tuple[str, str]]) -> None:
    english = with_numbered_choices("What would you like to add?", DETAILS, "en")
    assert english == "What would you like to add?\nReply with a number:\n1 Location\n2 Description\n3 Photo"
    spanish = with_numbered_choices("¿Qué desea agregar?", DETAILS[:2], "es")
    assert spanish == "¿Qué desea agregar?\nResponda 1 para Location, 2 para Description"
    assert with_numbered_choices("", DETAILS, "es").startswith("Responda con un número:\n1 Location")


def test_no_buttons_leaves_the_text_alone() -> None:
    assert with_numbered_choices("Thanks!", [], "en") == "Thanks!"


@pytest.mark.parametrize(
    ("body", "index"),
    [
        ("1", 0),
        (" 1 ", 0),
        ("1.", 0),
        ("#1", 0),
        ("# 2", 1),
        ("option 1", 0),
        ("Option 2", 1),
        ("opcion 2", 1),
        ("Opción 1", 0),
        ("si", 0),
        ("SÍ", 0),
        ("  sí! ", 0),
        ("no", 1),
        ("NO.", 1),
        ("1️⃣", 0),
    ],
)
def test_match_choice(body: str, index: int) -> None:
    assert match_choice(body, SI_NO) is SI_NO[index]


@pytest.mark.parametrize("body", ["0", "3", "12", "yes please", "", "1 2", "option", "sin"])
def test_no_choice(body: str) -> None:
    assert match_choice(body, SI_NO) is None


def test_match_title_with_spaces_and_accents() -> None:
    buttons = [{"title": "Vehículo abandonado", "payload": "/vehicle"}, {"title": "Grafiti", "payload": "/graffiti"}]
    assert match_choice("vehiculo   ABANDONADO", buttons) is buttons[0]
