"""The web chat protocol: the frames the server sends the widget, and the widget's interface words.

Frames (JSON over the WebSocket), server to widget:
``session`` (conversation id, language, the server's limits), ``history`` (after a ``resume``),
``message`` (``seq`` orders and de-duplicates them), ``ack`` (a resident message is stored),
``typing`` and ``error`` (with a ``code``; ``rate_limited`` carries ``retry_after``).
Widget to server: ``resume`` (``after_seq``), ``message`` (``client_id``, ``text``, ``payload``,
``media_token``) and ``language``.
"""

from __future__ import annotations

from typing import Any

from bot.language.i18n import N_, SUPPORTED_LANGUAGES, gettext_for
from bot.messaging.media import IMAGE_TYPES
from bot.messaging.transcripts import Entry
from bot.messaging.vocabulary import Origin
from bot.platform.settings import Settings

MAX_FRAME_BYTES = 64 * 1024
MAX_TEXT_CHARS = 10_000
WIDGET_STRINGS = {
    "title": N_("PDX 311 chat"),
    "open": N_("Chat with 311"),
    "close": N_("Close chat"),
    "message_label": N_("Message"),
    "placeholder": N_("Type your message"),
    "send": N_("Send"),
    "attach": N_("Attach a photo"),
    "human": N_("Talk to a person"),
    "human_message": N_("I want to talk to a person"),
    "end_chat": N_("End chat"),
    "end_chat_hint": N_("Close this conversation and forget it on this device"),
    "typing": N_("The assistant is typing…"),
    "reconnecting": N_("Connection lost. Reconnecting…"),
    "you": N_("You"),
    "assistant": N_("311 assistant"),
    "staff": N_("311 staff"),
    "upload_too_large": N_("That photo is too large. The limit is 5 MB."),
    "upload_wrong_type": N_("Please attach a photo (JPEG, PNG, GIF or WebP)."),
    "rate_limited": N_("You're sending messages very fast. Please wait a moment."),
    "photo_sent": N_("Photo sent"),
    "language": N_("Language"),
    "emergency": N_("Emergency? Call 911."),
    "alert_label": N_("City alert"),
    "dismiss": N_("Dismiss"),
    "alerts": N_("Alerts"),
    "alerts_title": N_("Emergency alerts by text"),
    "alerts_phone": N_("Mobile number"),
    "alerts_zip": N_("ZIP code (optional)"),
    "alerts_language": N_("Language of the alerts"),
    "alerts_submit": N_("Sign up"),
    "alerts_close": N_("Close"),
    "alerts_failed": N_("Sorry, that did not work. Please try again, or text ALERTS to 311."),
}


def widget_strings(lang: str) -> dict[str, str]:
    """The widget's interface words in ``lang``."""
    return {key: gettext_for(lang, msgid) for key, msgid in WIDGET_STRINGS.items()}


def limits(settings: Settings) -> dict[str, Any]:
    """What the server accepts, so the widget checks the same limits before sending."""
    return {
        "max_photo_bytes": settings.max_upload_bytes,
        "photo_types": sorted(IMAGE_TYPES),
        "max_text_chars": MAX_TEXT_CHARS,
        "languages": list(SUPPORTED_LANGUAGES),
    }


def session_frame(conversation_id: str, language: str | None, settings: Settings) -> dict[str, Any]:
    """The first frame on every connection (and the answer to a language change)."""
    return {
        "type": "session",
        "conversation_id": conversation_id,
        "language": language,
        "limits": limits(settings),
    }


def message_frame(
    delivery_id: int,
    text: str,
    buttons: list[dict[str, Any]],
    image: str | None,
    language: str | None,
    origin: Origin | None = None,
) -> dict[str, Any]:
    """The widget's frame for one message to the resident (``seq`` orders and de-duplicates them).

    ``author`` is "staff" for a 311 staff member's words (the widget labels them so), else "assistant".
    """
    return {
        "type": "message",
        "from": "bot",
        "author": "staff" if origin is Origin.AGENT else "assistant",
        "seq": delivery_id,
        "text": text,
        "buttons": buttons,
        "image": image,
        "language": language,
    }


def history_frames(entries: list[Entry], language: str | None) -> list[dict[str, Any]]:
    """A transcript as the widget replays it: the resident's own messages, then what was sent to them."""
    frames: list[dict[str, Any]] = []
    for entry in entries:
        if entry.from_resident:
            frames.append(
                {
                    "type": "message",
                    "from": "user",
                    "client_id": entry.external_id.split(":", 1)[-1],
                    "text": entry.text,
                    "has_media": entry.has_media,
                }
            )
        else:
            frames.append(message_frame(entry.id, entry.text, entry.buttons, entry.image, language, entry.origin))
    return frames
