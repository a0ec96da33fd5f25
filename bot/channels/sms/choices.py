"""Buttons over SMS: numbered choices appended to a reply, and a reply mapped back to the button it picks."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.language.i18n import N_, translate
from bot.language.text import fold

_CHOICE = re.compile(r"(?:no\.?|num\.?|number|numero|option|opcion|opt\.?)?\s*#?\s*(\d{1,2})\s*[.):!]?")


def with_numbered_choices(text: str, buttons: Sequence[Mapping[str, Any]], lang: str) -> str:
    """Append numbered choices for buttons, since SMS has no buttons.

    One or two buttons read as a sentence ("Reply 1 for Yes, 2 for No"), the shortest
    form; three or more are listed one per line under "Reply with a number:", which stays
    readable where a long inline sentence would not.

    Args:
        text: The message the buttons belong to.
        buttons: Button dicts with a ``title`` (and a ``payload``), in display order.
        lang: Language code used to translate the wording.

    Returns:
        ``text`` followed by the choices on a new line; ``text`` unchanged without buttons.
    """
    titles = [str(button.get("title", "")).strip() for button in buttons]
    if not titles:
        return text
    if len(titles) <= 2:
        # Translators: one choice in "Reply 1 for Yes, 2 for No"; {title} is a button label.
        items = [translate(lang, N_("{number} for {title}"), number=n, title=t) for n, t in enumerate(titles, 1)]
        # Translators: {choices} is a list such as "1 for Yes, 2 for No".
        choices = translate(lang, N_("Reply {choices}"), choices=", ".join(items))
    else:
        # Translators: heading of a numbered list of options, one per line below it.
        heading = translate(lang, N_("Reply with a number:"))
        choices = "\n".join([heading, *(f"{n} {t}" for n, t in enumerate(titles, 1))])
    body = text.rstrip()
    return f"{body}\n{choices}" if body else choices


def match_choice(body: str, buttons: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Map an SMS reply back to the button it chooses.

    Accepts the number ("1", " 1 ", "1.", "#1", "option 1", "opción 1") or the button's
    title, ignoring case, accents, spacing and trailing punctuation.

    Args:
        body: The inbound message text.
        buttons: The buttons offered with the previous message, in display order.

    Returns:
        The chosen button, or None if the reply is not one of the choices.
    """
    folded = fold(body)
    number = _CHOICE.fullmatch(folded)
    if number:
        index = int(number.group(1))
        return buttons[index - 1] if 1 <= index <= len(buttons) else None
    wanted = folded.strip(" .!?¡¿")
    for button in buttons:
        if wanted and fold(str(button.get("title", ""))).strip(" .!?¡¿") == wanted:
            return button
    return None
