"""Compare English/Spanish language detectors on 311 SMS text and a public test set.

Run from the repository root::

    python -m bench.langid

Prints a Markdown table of accuracy for plain langdetect (all languages), langdetect
restricted to English and Spanish, the project's ``detect_language`` and, when it is
installed, lingua restricted to English and Spanish; then the project detector's per-call
latency. Detectors that cannot answer (no letters in the text) count as answering "en",
the default a caller would fall back to.
"""

from __future__ import annotations

import csv
import logging
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from langdetect import DetectorFactory as GlobalDetectorFactory
from langdetect import detect as langdetect_detect
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from bot.language.detection import detect_language

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SMS_SET = ROOT / "tests" / "data" / "langid_sms.tsv"
PUBLIC_SET = ROOT.parent / "shared" / "benchmarks" / "langid-lingua-testdata"
PUBLIC_KINDS = ("single-words", "word-pairs", "sentences")
LATENCY_PASSES = 5

Detect = Callable[[str, "str | None"], str]


@dataclass(frozen=True)
class Sample:
    """One labelled message: its text, correct language and the conversation's before."""

    text: str
    lang: str
    previous: str | None


def load_sms_set(path: Path = SMS_SET) -> list[Sample]:
    """The project's labelled SMS messages."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Sample(r["text"], r["lang"], r["previous"] or None) for r in rows]


def load_public_set(directory: Path = PUBLIC_SET) -> dict[str, list[Sample]] | None:
    """The public lingua test files by kind, or None when they are not there."""
    if not directory.is_dir():
        return None
    sets: dict[str, list[Sample]] = {}
    for kind in PUBLIC_KINDS:
        samples: list[Sample] = []
        for lang in ("en", "es"):
            path = directory / f"{kind}.{lang}.txt"
            lines = path.read_text(encoding="utf-8").splitlines()
            samples.extend(Sample(line, lang, None) for line in lines if line.strip())
        sets[kind] = samples
    return sets


def langdetect_all() -> Detect:
    """Plain langdetect over all its languages, seeded."""
    GlobalDetectorFactory.seed = 0

    def detect(text: str, previous: str | None) -> str:
        try:
            return langdetect_detect(text)
        except LangDetectException:
            return "en"

    return detect


def langdetect_en_es() -> Detect:
    """The langdetect detector, seeded, with only its English and Spanish profiles loaded."""
    factory = DetectorFactory()
    factory.seed = 0
    profiles = [Path(PROFILES_DIRECTORY, lang).read_text(encoding="utf-8") for lang in ("en", "es")]
    factory.load_json_profile(profiles)

    def detect(text: str, previous: str | None) -> str:
        detector = factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()
        except LangDetectException:
            return "en"
        return best[0].lang if best else "en"

    return detect


def project(use_previous: bool) -> Detect:
    """The project's detector, given the conversation's language or not."""

    def detect(text: str, previous: str | None) -> str:
        return detect_language(text, previous if use_previous else None)

    return detect


def lingua_en_es() -> Detect | None:
    """The lingua detector restricted to English and Spanish, or None when not installed."""
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    detector = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.SPANISH).build()

    def detect(text: str, previous: str | None) -> str:
        found = detector.detect_language_of(text)
        return "es" if found == Language.SPANISH else "en"

    return detect


def accuracy(detect: Detect, samples: Iterable[Sample]) -> float:
    """Share of ``samples`` whose language ``detect`` gets right."""
    results = [detect(s.text, s.previous) == s.lang for s in samples]
    return sum(results) / len(results)


def latency_us(detect: Detect, samples: list[Sample]) -> dict[str, tuple[float, float]]:
    """Mean and 95th-percentile microseconds per call: first sight, then repeats.

    One call loads the profiles first; the first pass then meets each message's words for
    the first time, and later passes show the steady state with the word cache filled.
    """
    detect("warm up", None)
    passes: list[list[float]] = []
    for _ in range(LATENCY_PASSES):
        timings = []
        for sample in samples:
            start = time.perf_counter_ns()
            detect(sample.text, sample.previous)
            timings.append((time.perf_counter_ns() - start) / 1000)
        passes.append(timings)
    repeats = [t for timings in passes[1:] for t in timings]
    return {"first sight": _summary(passes[0]), "repeated": _summary(repeats)}


def _summary(timings: list[float]) -> tuple[float, float]:
    """Mean and 95th percentile of ``timings``."""
    return statistics.fmean(timings), statistics.quantiles(timings, n=20)[-1]


def detectors() -> list[tuple[str, Detect | None]]:
    """The detectors to compare, by name; None for one that is not installed."""
    return [
        ("langdetect, seed 0, all languages", langdetect_all()),
        ("langdetect, seed 0, en/es profiles only", langdetect_en_es()),
        ("project `detect_language`, previous=None", project(use_previous=False)),
        ("project `detect_language`, with the conversation's previous", project(use_previous=True)),
        ("lingua-language-detector, en/es only", lingua_en_es()),
    ]


def accuracy_table(sets: dict[str, list[Sample]]) -> list[str]:
    """Markdown rows of every detector's accuracy on each named set."""
    header = ["detector", *(f"{name} (n={len(samples)})" for name, samples in sets.items())]
    rows = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, detect in detectors():
        if detect is None:
            rows.append(f"| {name} | not installed |" + " |" * (len(header) - 2))
            continue
        figures = [accuracy(detect, samples) for samples in sets.values()]
        rows.append(f"| {name} | " + " | ".join(f"{f:.1%}" for f in figures) + " |")
    return rows


def latency_table(sets: dict[str, list[Sample]]) -> list[str]:
    """Markdown rows of the project detector's latency on each named set."""
    rows = ["| project `detect_language` latency | mean µs | p95 µs |", "|---|---|---|"]
    for name, samples in sets.items():
        for kind, (mean, p95) in latency_us(project(use_previous=True), samples).items():
            rows.append(f"| {name}, {kind} | {mean:.0f} | {p95:.0f} |")
    return rows


def main() -> None:
    """Print the accuracy table and the project detector's latency."""
    sms = load_sms_set()
    sets = {"SMS set": sms, "SMS 1-2 words": [s for s in sms if len(s.text.split()) <= 2]}
    timed = {"SMS set": sms}
    public = load_public_set()
    if public is None:
        print(f"Public set not found at {PUBLIC_SET}: skipping it.\n")
    else:
        sets.update(public)
        timed["public sentences"] = public["sentences"]
    print("\n".join(accuracy_table(sets)))
    print()
    print("\n".join(latency_table(timed)))
    print(
        "\nSMS labels give the conversation's language after each message, so a detector that"
        " cannot see the previous language loses the neutral replies (ok, 1, SE 82nd) of"
        " Spanish conversations."
    )
    print(f"Python {sys.version.split()[0]}, {_versions()}; latency measured in one process, profiles already loaded.")


def _versions() -> str:
    """The installed versions of the compared packages."""
    found = []
    for package in ("langdetect", "lingua-language-detector"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} not installed")
    return ", ".join(found)


if __name__ == "__main__":
    main()
