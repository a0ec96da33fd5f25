"""Confirming, filing and cancelling the three reports."""

from __future__ import annotations

import logging
import os
from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions.conversation import language_of, message_id_of
from actions.database import database
from actions.handoff import hands_off_on_error
from bot.language.i18n import N_, translate
from bot.messaging.conversations import conversation_facts
from bot.reports.geocoding import Geocoder, NullGeocoder, load_geocoder
from bot.reports.locations import ParsedLocation, read_location
from bot.reports.service_requests import NewServiceRequest, ServiceRequestError, file_request

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def geocoder() -> Geocoder:
    """The deployment's geocoder (``GEOCODER_TABLE``; none by default, so nothing is fetched from the internet).

    A table that cannot be read is logged and ignored: a report is never lost for want of coordinates.
    """
    try:
        return load_geocoder(os.environ.get("GEOCODER_TABLE"))
    except (OSError, ValueError):
        logger.exception("geocoder.table.unreadable")
        return NullGeocoder()


async def _coordinates(place: ParsedLocation) -> tuple[float, float] | None:
    """The place's (lat, long), or None; a failing geocoder never stops the filing."""
    try:
        return await geocoder().geocode(place)
    except Exception:  # a deployment's geocoder may fail in any way; the report is filed without coordinates
        logger.exception("geocoder.failed")
        return None


REPORT_SLOTS = (
    "location",
    "campsite_details",
    "campsite_danger",
    "vehicle_description",
    "vehicle_plate",
    "vehicle_duration",
    "graffiti_surface",
    "graffiti_offensive",
    "graffiti_photo",
    "media_url",
    "report_confirmed",
    "correcting",
    "failed_attempts",
    "requested_slot",
)
FORM_SERVICES = {
    "campsite_form": "campsite",
    "abandoned_vehicle_form": "abandoned_vehicle",
    "graffiti_form": "graffiti",
}
NONE_VALUES = ("none", None)


def reset_report() -> list[EventType]:
    """Forget the report in progress (the conversation's language stays)."""
    return [SlotSet(slot, 0.0 if slot == "failed_attempts" else None) for slot in REPORT_SLOTS]


def _yes_no(lang: str, value: Any) -> str:
    return translate(lang, N_("yes") if value else N_("no"))


def summary_arguments(service_code: str, tracker: Tracker) -> dict[str, str]:
    """The confirmation's placeholders that need words in the resident's language."""
    lang = language_of(tracker)
    if service_code == "campsite":
        return {"danger": _yes_no(lang, tracker.get_slot("campsite_danger"))}
    if service_code == "abandoned_vehicle":
        plate = tracker.get_slot("vehicle_plate")
        return {"plate": translate(lang, N_("not visible")) if plate in NONE_VALUES else str(plate)}
    photo = tracker.get_slot("graffiti_photo")
    return {
        "offensive": _yes_no(lang, tracker.get_slot("graffiti_offensive")),
        "photo": translate(lang, N_("none")) if photo in NONE_VALUES else translate(lang, N_("attached")),
    }


class ActionAskReportConfirmed(Action):
    """Shows the report back for confirmation, or asks which part to change."""

    def name(self) -> str:
        """Rasa name."""
        return "action_ask_report_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Summary with yes/no buttons."""
        if tracker.get_slot("correcting"):
            dispatcher.utter_message(response="utter_ask_correction")
            return []
        service_code = FORM_SERVICES.get(tracker.active_loop_name or "", "campsite")
        dispatcher.utter_message(response=f"utter_confirm_{service_code}", **summary_arguments(service_code, tracker))
        return []


class SubmitReportAction(Action, ABC):
    """Files the confirmed report; subclasses say which service and which slots describe it."""

    service_code = ""

    def name(self) -> str:
        """Rasa name: ``action_submit_<service_code>``."""
        return f"action_submit_{self.service_code}"

    @abstractmethod
    def describe(self, tracker: Tracker) -> tuple[str, dict[str, Any]]:
        """The request's description and Open311 attributes."""

    @hands_off_on_error
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Commit the request, then tell the resident its case number."""
        description, attributes = self.describe(tracker)
        photo = tracker.get_slot("graffiti_photo") or tracker.get_slot("media_url")
        location = str(tracker.get_slot("location") or "")
        place = read_location(location, language_of(tracker))
        coordinates = await _coordinates(place) if place is not None else None
        new = NewServiceRequest(
            service_code=self.service_code,
            description=description,
            address_string=location,
            lat=coordinates[0] if coordinates else None,
            long=coordinates[1] if coordinates else None,
            media_url=None if photo in NONE_VALUES else photo,
            attributes=attributes,
            language=language_of(tracker),
            conversation_id=tracker.sender_id,
            inbound_message_id=message_id_of(tracker),
        )

        def file(session: Session) -> str:
            new.channel, new.contact_id = conversation_facts(session, tracker.sender_id)
            request = file_request(session, new)
            return request.service_request_id

        try:
            case = await database().run(file)
        except (ServiceRequestError, SQLAlchemyError):
            logger.exception("report.file.failed")
            dispatcher.utter_message(response="utter_report_failed")
            return [SlotSet("report_confirmed", None)]
        logger.info("report.filed", extra={"service_code": self.service_code, "case": case})
        priority = bool(attributes.get("offensive")) or bool(attributes.get("immediate_danger"))
        dispatcher.utter_message(
            response="utter_report_filed_priority" if priority else "utter_report_filed", case=case
        )
        return reset_report()


class ActionSubmitCampsite(SubmitReportAction):
    """Files a campsite report."""

    service_code = "campsite"

    def describe(self, tracker: Tracker) -> tuple[str, dict[str, Any]]:
        """What is happening, and whether anyone is in danger."""
        details = tracker.get_slot("campsite_details") or ""
        return details, {"details": details, "immediate_danger": bool(tracker.get_slot("campsite_danger"))}


class ActionSubmitAbandonedVehicle(SubmitReportAction):
    """Files an abandoned-vehicle report."""

    service_code = "abandoned_vehicle"

    def describe(self, tracker: Tracker) -> tuple[str, dict[str, Any]]:
        """Vehicle, plate and how long."""
        vehicle = tracker.get_slot("vehicle_description") or ""
        plate = tracker.get_slot("vehicle_plate")
        duration = tracker.get_slot("vehicle_duration") or ""
        attributes = {
            "vehicle_description": vehicle,
            "license_plate": None if plate in NONE_VALUES else plate,
            "duration": duration,
        }
        return f"{vehicle} ({duration})", attributes


class ActionSubmitGraffiti(SubmitReportAction):
    """Files a graffiti report."""

    service_code = "graffiti"

    def describe(self, tracker: Tracker) -> tuple[str, dict[str, Any]]:
        """Surface, and whether it is offensive."""
        surface = tracker.get_slot("graffiti_surface") or ""
        return surface, {"surface": surface, "offensive": bool(tracker.get_slot("graffiti_offensive"))}


class ActionCancelReport(Action):
    """Stops the report in progress; nothing is filed."""

    def name(self) -> str:
        """Rasa name."""
        return "action_cancel_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Deactivate the form and forget its answers."""
        dispatcher.utter_message(response="utter_report_cancelled")
        return [ActiveLoop(None), *reset_report()]
