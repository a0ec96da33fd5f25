"""The front door's side of the handoff: residents' messages to staff, and what agents do to a conversation.

``HandoffDesk`` is the inbox's ``AgentRouter`` (a message for staff is announced to the consoles, and "cancel"
while waiting returns the resident to the assistant) and the service behind the console's views: claim,
reply, note, return, resolve, reassign. Every change is made in one transaction with its audit record and
live event; Rasa's tracker is paused and resumed with Rasa's own events, so the assistant and the console
always agree on who answers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.language.i18n import N_, translate
from bot.language.segments import measure
from bot.language.text import fold
from bot.messaging.models import Contact, Conversation, InboundMessage
from bot.messaging.outbox import Outbox, OutgoingMessage
from bot.messaging.rasa_client import RasaClient
from bot.messaging.vocabulary import Origin
from bot.platform.db import Database, utcnow
from bot.platform.exceptions import RasaNotReady, RasaUnavailable
from handoff import queue
from handoff.auth import audit
from handoff.console.live import LiveFeed
from handoff.hours import StaffedHours
from handoff.models import AgentNote, HandoffRequest, StaffUser
from handoff.queue import ClaimConflict, HandoffError
from handoff.vocabulary import HandoffReason, LiveEvent

logger = logging.getLogger(__name__)

MAX_REPLY_CHARS = 1600
MAX_NOTE_CHARS = 2000
#: What a resident writes to leave the queue and go back to the assistant. The handoff message says BACK /
#: VOLVER: on SMS "cancel" alone is a carrier opt-out word (it never gets here), in the web chat it works too.
CANCEL_WORDS = frozenset(
    {"back", "go back", "assistant", "bot", "cancel", "volver", "regresar", "asistente", "cancelar", "cancela"}
)

JOINED = N_("You're now chatting with 311 staff.")
RETURNED = N_("You're back with the 311 assistant. How else can I help?")
RESOLVED = N_("311 staff have closed this conversation. Write here any time you need us again.")
LEFT_QUEUE = N_("OK, you left the queue. You're back with the 311 assistant. How can I help?")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ResidentOptedOut(HandoffError):
    """The resident texted STOP: nothing may be sent to them."""


class AssistantUnavailable(HandoffError):
    """Rasa could not be told to resume, so the conversation stays with staff."""


@dataclass(frozen=True)
class SentReply:
    """An agent's reply as stored for the outbox."""

    message_id: int
    segments: int
    encoding: str


def clean_text(text: object, limit: int) -> str:
    """Staff or resident text as plain text: control characters removed, trimmed, length capped.

    Raises:
        HandoffError: Nothing is left.
    """
    value = _CONTROL.sub("", str(text or "")).strip()[:limit]
    if not value:
        raise HandoffError("Write something first.")
    return value


def is_cancel(text: str) -> bool:
    """Whether a waiting resident asks to leave the queue."""
    return fold(text, drop_punctuation=True).strip() in CANCEL_WORDS


class HandoffDesk:
    """Handoff operations that need the outbox, Rasa or the consoles besides the database."""

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        rasa: RasaClient,
        hours: StaffedHours,
        live: LiveFeed,
    ) -> None:
        self._db = db
        self._outbox = outbox
        self._rasa = rasa
        self.hours = hours
        self.live = live
        self._nudge = live.nudge

    # ---- the inbox's AgentRouter ------------------------------------------------------------------

    async def route(self, message_id: int, conversation_id: str) -> None:
        """A resident's message for staff: announce it, or leave the queue on "cancel" while waiting."""

        def take(session: Session) -> str | None:
            message = session.get(InboundMessage, message_id)
            request = queue.open_request(session, conversation_id)
            if request is None:
                return None
            if is_cancel(message.body or "") and queue.abandon(session, conversation_id) is not None:
                return "left"
            queue.record_event(session, LiveEvent.TRANSCRIPT, request)
            return "told"

        outcome = await self._db.run(take)
        self._nudge()
        if outcome == "left":
            await self._resume(conversation_id)
            await self._tell(conversation_id, LEFT_QUEUE)

    def hand_off(self, session: Session, conversation: Conversation, reason: str, interpreter: str | None) -> None:
        """Queue a conversation the front door hands off itself (a language the assistant does not speak)."""
        now = utcnow()
        queue.enqueue(
            session,
            conversation.id,
            HandoffReason(reason),
            language=conversation.language,
            interpreter_language=interpreter,
            callback=not self.hours.is_open(now),
            now=now,
        )

    async def handed_off(self, conversation_id: str) -> None:
        """After ``hand_off`` committed: pause the assistant and tell the consoles."""
        self._nudge()
        try:
            await self._rasa.pause(conversation_id)
        except (RasaNotReady, RasaUnavailable):  # the inbox routes by mode; Rasa hears of it on resume
            logger.warning("handoff.pause.failed conversation=%s", conversation_id)

    # ---- the console's operations -----------------------------------------------------------------

    async def claim(self, handoff_id: int, agent: StaffUser, address: str) -> HandoffRequest:
        """Take a waiting conversation; the resident is told a person is here."""

        def run(session: Session) -> HandoffRequest:
            request = queue.claim(session, handoff_id, agent)
            audit(session, agent.id, "claim", f"handoff:{handoff_id}", address=address)
            return request

        request = await self._db.run(run)
        self._nudge()
        await self._tell(request.conversation_id, JOINED)
        return request

    async def reply(self, handoff_id: int, agent: StaffUser, text: str, address: str) -> SentReply:
        """Send the agent's words to the resident over their own channel, through the outbox.

        Raises:
            ClaimConflict: The conversation is not this agent's (or is closed).
            ResidentOptedOut: The resident texted STOP.
        """
        body = clean_text(text, MAX_REPLY_CHARS)

        def store(session: Session) -> list[int]:
            request = queue.held_by(session, handoff_id, agent)
            conversation = session.get(Conversation, request.conversation_id)
            contact = session.get(Contact, conversation.contact_id) if conversation.contact_id else None
            if contact is not None and contact.opted_out:
                audit(session, agent.id, "reply", f"handoff:{handoff_id}", "refused", address, why="opted out")
                raise ResidentOptedOut("This resident texted STOP: they cannot be messaged. Resolve the conversation.")
            ids = self._outbox.store(
                session, request.conversation_id, [OutgoingMessage(body)], Origin.AGENT, inbound_id=None
            )
            queue.first_reply(session, request)
            audit(session, agent.id, "reply", f"handoff:{handoff_id}", address=address)
            return ids

        ids = await self._db.run(store)
        self._nudge()
        await self._outbox.deliver_all(ids)
        return SentReply(ids[0], *measure(body))

    async def note(self, handoff_id: int, agent: StaffUser, text: str, address: str) -> AgentNote:
        """An internal note on the conversation: staff see it, the resident never does."""
        body = clean_text(text, MAX_NOTE_CHARS)

        def add(session: Session) -> AgentNote:
            request = queue.get(session, handoff_id)
            note = AgentNote(handoff_id=request.id, user_id=agent.id, body=body)
            session.add(note)
            session.flush()
            queue.record_event(session, LiveEvent.TRANSCRIPT, request)
            audit(session, agent.id, "note", f"handoff:{handoff_id}", address=address)
            return note

        note = await self._db.run(add)
        self._nudge()
        return note

    async def close(self, handoff_id: int, agent: StaffUser, resolved: bool, address: str) -> HandoffRequest:
        """Resolve the conversation, or return it to the assistant; Rasa is resumed first.

        Raises:
            ClaimConflict: It is not this agent's.
            AssistantUnavailable: Rasa could not be resumed: the conversation stays with the agent.
        """
        conversation_id = await self._db.run(lambda s: queue.held_by(s, handoff_id, agent).conversation_id)
        await self._resume(conversation_id, required=True)

        def run(session: Session) -> HandoffRequest:
            act = queue.resolve if resolved else queue.return_to_assistant
            request = act(session, handoff_id, agent)
            audit(session, agent.id, "resolve" if resolved else "return", f"handoff:{handoff_id}", address=address)
            return request

        request = await self._db.run(run)
        self._nudge()
        await self._tell(conversation_id, RESOLVED if resolved else RETURNED)
        return request

    async def reassign(self, handoff_id: int, supervisor: StaffUser, agent_id: int, address: str) -> HandoffRequest:
        """A supervisor gives the conversation to another agent."""

        def run(session: Session) -> HandoffRequest:
            to = session.get(StaffUser, agent_id)
            if to is None:
                raise ClaimConflict("No such agent.")
            request = queue.reassign(session, handoff_id, to)
            audit(session, supervisor.id, "reassign", f"handoff:{handoff_id}", address=address, to=to.email)
            return request

        request = await self._db.run(run)
        self._nudge()
        return request

    # ---- helpers ----------------------------------------------------------------------------------

    async def _resume(self, conversation_id: str, required: bool = False) -> None:
        try:
            await self._rasa.resume(conversation_id)
        except (RasaNotReady, RasaUnavailable) as err:
            logger.warning("handoff.resume.failed conversation=%s: %s", conversation_id, err)
            if required:
                raise AssistantUnavailable("The assistant is not reachable right now; try again in a minute.") from err

    async def _tell(self, conversation_id: str, msgid: str) -> None:
        language = await self._db.run(lambda s: s.get(Conversation, conversation_id).language)
        await self._outbox.send(conversation_id, [OutgoingMessage(translate(language, msgid))], origin=Origin.SYSTEM)
