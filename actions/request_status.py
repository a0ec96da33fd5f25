"""Answering "status PDX-2026-000123": what the public Open311 view shows, in the resident's language."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from actions.conversation import entity_values, language_of, latest_text
from actions.database import database
from actions.handoff import hands_off_on_error
from bot.language.i18n import format_when, translate
from bot.messaging.conversations import conversation_facts
from bot.reports.case_numbers import parse_case_number
from bot.reports.catalogue import SERVICES
from bot.reports.models import ServiceRequest
from bot.reports.service_requests import RequestNotFound, get_request, recent_requests
from bot.reports.statuses import status_for


class ActionCheckRequestStatus(Action):
    """Looks up a service request by its case number."""

    def name(self) -> str:
        """Rasa name."""
        return "action_check_request_status"

    @hands_off_on_error
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Answer the status, or ask for the number, or say it does not exist."""
        references = entity_values(tracker, "case_number")
        reference = references[0] if references else latest_text(tracker)
        lang = language_of(tracker)
        if parse_case_number(reference) is None:
            return await self._recent(dispatcher, tracker, lang)

        try:
            facts = await database().run(lambda session: _public_facts(session, reference, lang))
        except RequestNotFound:
            dispatcher.utter_message(response="utter_request_not_found", reference=reference.strip()[:40])
            return []
        _say(dispatcher, facts)
        return []

    async def _recent(self, dispatcher: CollectingDispatcher, tracker: Tracker, lang: str) -> list[EventType]:
        """Without a number: the resident's own latest reports (same phone number or chat), or how to find one."""

        def read(session: Session) -> list[dict[str, str]]:
            _, contact_id = conversation_facts(session, tracker.sender_id)
            found = recent_requests(session, tracker.sender_id, contact_id)
            return [_facts(request, lang) for request in found]

        recent = await database().run(read)
        if not recent:
            dispatcher.utter_message(response="utter_ask_case_number")
            return []
        dispatcher.utter_message(response="utter_recent_requests")
        for facts in recent:
            _say(dispatcher, facts)
        return []


def _say(dispatcher: CollectingDispatcher, facts: dict[str, str]) -> None:
    dispatcher.utter_message(response="utter_request_status", **facts)
    if facts["notes"]:
        dispatcher.utter_message(response="utter_request_status_notes", notes=facts["notes"])


def _public_facts(session: Session, reference: str, lang: str) -> dict[str, str]:
    return _facts(get_request(session, reference), lang)


def _facts(request: ServiceRequest, lang: str) -> dict[str, str]:
    """What the public Open311 view shows of a request, in ``lang``."""
    return {
        "case": request.service_request_id,
        "service": translate(lang, SERVICES[request.service_code].service_name),
        "address": request.address_string or "",
        "status": translate(lang, status_for(request.status).display),
        "updated": format_when(request.updated_datetime, lang),
        "notes": request.status_notes or "",
    }
