"""The catalogs: the template is current and every string the assistant can say has a Spanish translation."""

from __future__ import annotations

from bot.language.catalogs import problems
from bot.language.i18n import check_catalogs, translate


def test_template_is_current_and_spanish_is_complete() -> None:
    assert problems() == []


def test_catalogs_load_and_translate() -> None:
    check_catalogs()
    assert translate("es", "Message") == "Mensaje"
    assert translate("es", "Send") == "Enviar"
