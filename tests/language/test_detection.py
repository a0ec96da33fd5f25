"""Tests for bot.language.detection: the English/Spanish detector for SMS-length messages."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.language.detection import SUPPORTED_LANGUAGES, detect_language, requested_language

SMS_SET = Path(__file__).resolve().parents[1] / "data" / "langid_sms.tsv"
REPO_ROOT = Path(__file__).resolve().parents[2]
MIN_ACCURACY = 0.95


@dataclass(frozen=True)
class Sample:
    text: str
    lang: str
    previous: str | None


def load_samples() -> list[Sample]:
    with SMS_SET.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Sample(r["text"], r["lang"], r["previous"] or None) for r in rows]


SAMPLES = load_samples()


def test_sms_set_is_shaped_as_specified() -> None:
    assert len(SAMPLES) >= 360
    assert {s.lang for s in SAMPLES} == set(SUPPORTED_LANGUAGES)
    assert {s.previous for s in SAMPLES} == {None, "en", "es"}
    spanish = sum(s.lang == "es" for s in SAMPLES) / len(SAMPLES)
    assert 0.45 <= spanish <= 0.55
    short = sum(len(s.text.split()) <= 2 for s in SAMPLES) / len(SAMPLES)
    assert short >= 1 / 3
    assert len({(s.text, s.previous) for s in SAMPLES}) == len(SAMPLES)


def test_accuracy_on_sms_set(capsys: pytest.CaptureFixture[str]) -> None:
    wrong = [s for s in SAMPLES if detect_language(s.text, s.previous) != s.lang]
    accuracy = 1 - len(wrong) / len(SAMPLES)
    with capsys.disabled():
        print(f"\nlanguage detection accuracy on {SMS_SET.name}: {accuracy:.1%} (n={len(SAMPLES)})")
    misses = "\n".join(f"{s.text!r} previous={s.previous} expected={s.lang}" for s in wrong)
    assert accuracy >= MIN_ACCURACY, f"accuracy {accuracy:.1%}; misses:\n{misses}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("español", "es"),
        ("espanol", "es"),
        ("Español", "es"),
        ("en español por favor", "es"),
        ("hablo español", "es"),
        ("spanish please", "es"),
        ("can we talk in spanish", "es"),
        ("¿puede hablar en español?", "es"),
        ("no hablo inglés", "es"),
        ("i don't speak english", "es"),
        ("English", "en"),
        ("english", "en"),
        ("english please", "en"),
        ("in english", "en"),
        ("inglés", "en"),
        ("ingles por favor", "en"),
        ("sorry I don't speak spanish", "en"),
        ("no, english", "en"),
        ("ENGLISH PLEASE", "en"),
    ],
)
def test_explicit_requests(text: str, expected: str) -> None:
    assert requested_language(text) == expected
    for previous in (None, "en", "es"):
        assert detect_language(text, previous) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hola",
        "yes",
        "the graffiti is in spanish",
        "my neighbor speaks spanish and parks his truck on the sidewalk every night",
        "english and spanish",
        "hay un carro abandonado",
    ],
)
def test_no_request(text: str) -> None:
    assert requested_language(text) is None


@pytest.mark.parametrize(
    "text",
    ["ok", "no", "1", "SE 82nd", "PDX-2026-000123", "👍", "honda civic", "97266", "Lents Park", "menu"],
)
def test_neutral_messages_keep_the_conversation_language(text: str) -> None:
    assert detect_language(text, "es") == "es"
    assert detect_language(text, "en") == "en"
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["yes", "thanks", "thank you", "bye", "help", "sorry"])
def test_one_english_word_does_not_switch_a_spanish_conversation(text: str) -> None:
    assert detect_language(text) == "en"
    assert detect_language(text, "es") == "es"


@pytest.mark.parametrize("text", ["gracias", "si", "hola", "muchas gracias", "adios"])
def test_one_spanish_word_does_not_switch_an_english_conversation(text: str) -> None:
    assert detect_language(text) == "es"
    assert detect_language(text, "en") == "en"


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        ("hay un carro abandonado enfrente de mi casa", "en", "es"),
        ("no entiendo", "en", "es"),
        ("quiero saber el estado de mi reporte", "en", "es"),
        ("there is an abandoned car in front of my house", "es", "en"),
        ("i want to check the status of my report", "es", "en"),
        ("i don't understand", "es", "en"),
    ],
)
def test_a_confident_sentence_switches(text: str, previous: str, expected: str) -> None:
    assert detect_language(text, previous) == expected


def test_unknown_previous_is_treated_as_none() -> None:
    assert detect_language("ok", "fr") == "en"
    assert detect_language("hola", "fr") == "es"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "👍🙏😊",
        "🚗🚗🚗🔥",
        "?!...",
        "\ud800",
        "hola \udcff mundo",
        "\ud83d\ude00 graffiti",
        "\x00\x01\x02",
        "a" * 10_000,
        "hay un carro abandonado en mi calle " * 300,
        "there is an abandoned car on my street " * 300,
        "ñ" * 10_000,
        "x" * 10_000 + " hola",
    ],
)
@pytest.mark.parametrize("previous", [None, "en", "es"])
def test_odd_input_returns_a_supported_language(text: str, previous: str | None) -> None:
    assert detect_language(text, previous) in SUPPORTED_LANGUAGES
    assert requested_language(text) in (None, *SUPPORTED_LANGUAGES)


def test_empty_and_emoji_only_keep_previous() -> None:
    for text in ("", "👍🙏😊"):
        assert detect_language(text) == "en"
        assert detect_language(text, "es") == "es"


def test_long_input_is_still_detected() -> None:
    assert detect_language("hay un carro abandonado en mi calle " * 300) == "es"
    assert detect_language("there is an abandoned car on my street " * 300, "es") == "en"


def test_repeated_calls_agree() -> None:
    first = [detect_language(s.text, s.previous) for s in SAMPLES]
    for _ in range(3):
        assert [detect_language(s.text, s.previous) for s in SAMPLES] == first


def test_results_do_not_depend_on_the_process() -> None:
    script = (
        "import sys\n"
        "from tests.language.test_detection import SAMPLES\n"
        "from bot.language.detection import detect_language\n"
        "sys.stdout.write(''.join(detect_language(s.text, s.previous)[1] for s in SAMPLES))\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=True
        )
        outputs.add(result.stdout)
    expected = "".join(detect_language(s.text, s.previous)[1] for s in SAMPLES)
    assert outputs == {expected}


def test_short_messages_are_fast() -> None:
    short = [s for s in SAMPLES if len(s.text) <= 40]
    for sample in short:
        detect_language(sample.text, sample.previous)
    start = time.perf_counter()
    for sample in short:
        detect_language(sample.text, sample.previous)
    mean = (time.perf_counter() - start) / len(short)
    assert mean < 0.001, f"{mean * 1e6:.0f} µs per short message"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi necesito reportar un homeless camp", "es"),  # English nouns in a Spanish sentence
        ("2 tents y un monton de trash, bags everywhere", "es"),
        ("there is a carro abandonado on my street", "en"),  # a Spanish noun in an English sentence
        ("El Burrito Loco dumpster overflowing", "en"),  # one framing word inside a name decides nothing
    ],
)
def test_a_mixed_first_message_takes_the_language_its_sentence_is_built_in(text: str, expected: str) -> None:
    assert detect_language(text) == expected
