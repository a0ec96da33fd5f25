"""Carrier SMS keywords (STOP, START, HELP and their Spanish forms): recognised, applied and answered.

A keyword counts only when it is the whole message: "stop", " Stop! " and "PARAR." are
keywords, "please stop the noise" is an ordinary message. YES is deliberately not an
opt-in keyword here: residents answer questions with it.
"""

from __future__ import annotations

import logging
from enum import Enum

from sqlalchemy.orm import Session

from bot.language.detection import detect_language
from bot.language.i18n import N_, translate
from bot.language.text import fold
from bot.messaging.conversations import set_opt_out
from bot.messaging.models import Contact, Conversation, InboundMessage
from bot.messaging.outbox import OutgoingMessage
from bot.messaging.routing import Interception
from bot.messaging.vocabulary import Origin

logger = logging.getLogger(__name__)

DEFAULT_PROGRAM_NAME = "PDX 311"


class Keyword(Enum):
    """What a keyword message asks the program to do."""

    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"


# Folded keyword -> (keyword, its language, or None when the word is the same in both).
_KEYWORDS: dict[str, tuple[Keyword, str | None]] = {
    "stop": (Keyword.OPT_OUT, "en"),
    "stopall": (Keyword.OPT_OUT, "en"),
    "unsubscribe": (Keyword.OPT_OUT, "en"),
    "cancel": (Keyword.OPT_OUT, "en"),
    "end": (Keyword.OPT_OUT, "en"),
    "quit": (Keyword.OPT_OUT, "en"),
    "parar": (Keyword.OPT_OUT, "es"),
    "detener": (Keyword.OPT_OUT, "es"),
    "cancelar suscripcion": (Keyword.OPT_OUT, "es"),
    "start": (Keyword.OPT_IN, "en"),
    "unstop": (Keyword.OPT_IN, "en"),
    "inicio": (Keyword.OPT_IN, "es"),
    "help": (Keyword.HELP, "en"),
    "info": (Keyword.HELP, None),
    "ayuda": (Keyword.HELP, "es"),
}

# Translators: sent once after an opt-out; nothing else is sent afterwards. Keep START (or
# INICIO) as the keyword, and the whole text within one SMS (160 characters; á, í, ó, ú
# switch the SMS to 70 characters per segment).
_OPT_OUT_REPLY = N_(
    "{program}: You're unsubscribed and will get no more messages from us. Text START to subscribe again."
)
# Translators: sent after START/INICIO. Keep HELP/AYUDA and STOP/PARAR as keywords.
_OPT_IN_REPLY = N_(
    "{program}: You're subscribed again. Text HELP for help or STOP to opt out. Msg & data rates may apply."
)
# Translators: answer to HELP/AYUDA, required by carriers: program, purpose, 911, phone
# number, how to stop, and the rates notice. Keep within one SMS where possible.
_HELP_REPLY = N_(
    "{program}: Report campsites, abandoned vehicles, graffiti & ask City questions. "
    "Emergency: call 911. Info: 503-823-4000. STOP to end. Msg & data rates may apply."
)

_REPLIES: dict[Keyword, str] = {
    Keyword.OPT_OUT: _OPT_OUT_REPLY,
    Keyword.OPT_IN: _OPT_IN_REPLY,
    Keyword.HELP: _HELP_REPLY,
}

_PUNCTUATION = " \t\r\n.,;:!?¡¿'\"()"


def _lookup(body: str) -> tuple[Keyword, str | None] | None:
    return _KEYWORDS.get(" ".join(fold(body).strip(_PUNCTUATION).split()))


def classify(body: str) -> Keyword | None:
    """The carrier keyword ``body`` is, if the whole message is one.

    Args:
        body: The inbound message text.

    Returns:
        The keyword, or None for an ordinary message.
    """
    found = _lookup(body)
    if found:
        logger.debug("sms.keyword.detected keyword=%s", found[0].value)
    return found[0] if found else None


def keyword_language(body: str) -> str | None:
    """The language of the keyword ``body`` is, so the confirmation can answer in it.

    Args:
        body: The inbound message text.

    Returns:
        "en" or "es"; None when ``body`` is not a keyword or is the same word in both
        languages (INFO), in which case the resident's known language should be used.
    """
    found = _lookup(body)
    return found[1] if found else None


def answer_keyword(session: Session, message: InboundMessage, conversation: Conversation) -> Interception | None:
    """The inbox's hook for SMS: a carrier keyword is applied (opt-out stored) and answered, never sent to Rasa.

    It runs inside the transaction that marks the message processed, so an opt-out is durable
    before anything else happens for that number.
    """
    body = message.body or ""
    keyword = classify(body)
    if keyword is None:
        return None
    language = keyword_language(body) or conversation.language or detect_language(body)
    if keyword in (Keyword.OPT_OUT, Keyword.OPT_IN) and conversation.contact_id is not None:
        set_opt_out(session.get(Contact, conversation.contact_id), keyword is Keyword.OPT_OUT)
    logger.info("sms.keyword %s", keyword.name)
    return Interception([OutgoingMessage(keyword_reply(keyword, language))], Origin.KEYWORD)


def keyword_reply(keyword: Keyword, lang: str, program_name: str = DEFAULT_PROGRAM_NAME) -> str:
    """The confirmation or help text for ``keyword``.

    Args:
        keyword: The keyword received.
        lang: Language code of the reply.
        program_name: Name the program signs its messages with.

    Returns:
        The translated reply, one SMS in English.
    """
    return translate(lang, _REPLIES[keyword], program=program_name)
