"""Maintaining the gettext catalogs: extract the template, update each language, compile, check.

``python -m bot.language.catalogs extract|update|compile|check``; the Makefile's translation targets call it.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.language.i18n import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE, SUPPORTED_LANGUAGES
from bot.language.responses import msgids as response_msgids
from bot.platform.settings import ROOT

TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
SOURCE_DIRS = ("bot", "actions", "handoff", "broadcasts")
KEYWORDS = {"_": None, "N_": None, "gettext": None}
HEADER = '# Messages of the PDX 311 assistant.\n# Every string residents can see; see README, "Translating".'
_DATE_HEADERS = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"\n', re.MULTILINE)


def po_path(lang: str) -> Path:
    """Where the catalog of ``lang`` lives."""
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def build_template() -> Catalog:
    """Every translatable string: ``N_``/``_`` in the code and the domain's responses."""
    template = Catalog(project="pdx311", version="1", charset="utf-8", header_comment=HEADER)
    for directory in SOURCE_DIRS:
        for _file, _line, message, comments, _context in extract_from_dir(
            str(ROOT / directory),
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        ):
            if message:
                template.add(message, auto_comments=comments)
    for message, where in response_msgids():
        if message:
            existing = template.get(message)
            comments = list(existing.auto_comments) if existing else []
            template.add(message, auto_comments=sorted({*comments, f"response: {where}"}))
    return template


def render_po(catalog: Catalog) -> str:
    """A catalog as deterministic PO text (sorted, no locations, no dates)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True, sort_output=True, ignore_obsolete=True, width=100)
    return _DATE_HEADERS.sub("", buffer.getvalue().decode("utf-8"))


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    """Read a PO or POT file."""
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


def extract() -> None:
    """Write ``locales/messages.pot``."""
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_text(render_po(build_template()), encoding="utf-8")


def update() -> None:
    """Bring each language's catalog in line with the template (new strings empty, gone strings dropped)."""
    template = read_catalog(TEMPLATE)
    for lang in SUPPORTED_LANGUAGES:
        path = po_path(lang)
        catalog = (
            read_catalog(path, lang)
            if path.exists()
            else Catalog(locale=lang, project="pdx311", version="1", charset="utf-8", header_comment=HEADER)
        )
        catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_po(catalog), encoding="utf-8")


def compile_all() -> None:
    """Compile each ``.po`` to the ``.mo`` gettext loads."""
    for lang in SUPPORTED_LANGUAGES:
        catalog = read_catalog(po_path(lang), lang)
        with po_path(lang).with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


def problems() -> list[str]:
    """What is wrong with the catalogs: a stale template, or a string without a translation."""
    found: list[str] = []
    if not TEMPLATE.exists() or TEMPLATE.read_text(encoding="utf-8") != render_po(build_template()):
        found.append("locales/messages.pot is stale: run `make extract-strings`")
    template = read_catalog(TEMPLATE) if TEMPLATE.exists() else Catalog()
    for lang in SUPPORTED_LANGUAGES:
        if lang == SOURCE_LANGUAGE or not po_path(lang).exists():
            if lang != SOURCE_LANGUAGE:
                found.append(f"{po_path(lang)} is missing")
            continue
        catalog = read_catalog(po_path(lang), lang)
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id)
            if translated is None or not translated.string or translated.fuzzy:
                found.append(f"{lang}: no translation for {message.id!r}")
            elif _placeholders(message.id) != _placeholders(translated.string):
                found.append(f"{lang}: placeholders differ for {message.id!r}")
    return found


def _placeholders(text: object) -> set[str]:
    """The ``{name}`` placeholders of a message (plural forms are checked together)."""
    forms = text if isinstance(text, (tuple, list)) else (text,)
    return {name for form in forms for name in re.findall(r"\{(\w+)\}", str(form or ""))}


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["extract", "update", "compile", "check"])
    command = parser.parse_args().command
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    else:
        issues = problems()
        for issue in issues:
            print(issue, file=sys.stderr)
        sys.exit(1 if issues else 0)


if __name__ == "__main__":
    main()
