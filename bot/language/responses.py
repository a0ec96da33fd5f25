"""The assistant's responses: English source text in ``domain/``, rendered in the resident's language."""

from __future__ import annotations

import random
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.language.i18n import gettext_for, normalize_language

DOMAIN_DIR = Path(__file__).resolve().parents[2] / "domain"


class UnknownResponse(KeyError):
    """The domain declares no response of that name."""


@dataclass(frozen=True)
class Variation:
    """One variation of a response: text (a msgid), buttons, image."""

    text: str
    buttons: tuple[tuple[str, str], ...] = ()
    image: str | None = None


@lru_cache(maxsize=1)
def load_responses(domain_dir: Path = DOMAIN_DIR) -> dict[str, tuple[Variation, ...]]:
    """Every response in the domain files, by name."""
    responses: dict[str, tuple[Variation, ...]] = {}
    for path in sorted(domain_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            responses[name] = tuple(
                Variation(
                    text=v.get("text", ""),
                    buttons=tuple((b["title"], b["payload"]) for b in v.get("buttons") or ()),
                    image=v.get("image"),
                )
                for v in variations
            )
    return responses


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders; unknown ones become empty, stray braces stay as they are."""
    try:
        return string.Formatter().vformat(template, (), _Blank({k: "" if v is None else v for k, v in values.items()}))
    except (ValueError, IndexError):
        return template


def render(name: str, lang: str | None, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The response ``name`` in ``lang``, as Rasa's NLG format (text, buttons, image)."""
    variations = load_responses().get(name)
    if not variations:
        raise UnknownResponse(name)
    variation = random.choice(variations) if len(variations) > 1 else variations[0]
    code = normalize_language(lang)
    message: dict[str, Any] = {"text": fill(gettext_for(code, variation.text), values or {})}
    if variation.buttons:
        message["buttons"] = [
            {"title": gettext_for(code, title), "payload": payload} for title, payload in variation.buttons
        ]
    if variation.image:
        message["image"] = variation.image
    return message


def msgids() -> list[tuple[str, str]]:
    """(msgid, where) for every translatable string in the domain's responses, for extraction."""
    found: list[tuple[str, str]] = []
    for name, variations in load_responses().items():
        for variation in variations:
            found.append((variation.text, name))
            found.extend((title, f"{name} button") for title, _ in variation.buttons)
    return found
