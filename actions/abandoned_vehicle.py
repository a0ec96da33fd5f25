"""Abandoned-vehicle reports: the vehicle, its plate if visible, and how long it has been there."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import entity_values, is_answering, latest_intent, latest_text
from actions.form_answers import (
    clean,
    duration_phrase,
    find_duration,
    find_plate,
    looks_like_text,
    plate_absent,
    plate_in,
    yes_no,
)
from actions.report_form import ReportFormValidation

PLATE_NOT_VISIBLE = "none"
MAX_PLATE_NOTE = 60
#: An answer that names no duration is kept in the resident's words when it is a real sentence.
MIN_WORDS_AS_GIVEN = 3
_VEHICLE_ENTITIES = ("vehicle_color", "vehicle_make", "vehicle_model", "vehicle_type")


class ValidateAbandonedVehicleForm(ReportFormValidation):
    """Validates the abandoned-vehicle form."""

    detail_slots = ("vehicle_description", "vehicle_plate", "vehicle_duration")

    def name(self) -> str:
        """Rasa name."""
        return "validate_abandoned_vehicle_form"

    def extract_vehicle_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The answer to the question, or color/make/model/type named in any message."""
        if is_answering(tracker, "vehicle_description"):
            return {"vehicle_description": latest_text(tracker)}
        parts = [v for entity in _VEHICLE_ENTITIES for v in entity_values(tracker, entity)]
        if tracker.get_slot("vehicle_description") is None and len(parts) >= 2:
            return {"vehicle_description": " ".join(parts)}
        return {}

    def validate_vehicle_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A description needs words, not just yes/no."""
        return self.free_text("vehicle_description", slot_value, dispatcher, tracker, 200)

    def extract_vehicle_plate(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A plate when asked ("no" means not visible), or a plate entity in any message."""
        text = latest_text(tracker)
        if is_answering(tracker, "vehicle_plate"):
            if plate_absent(text) or yes_no(text, latest_intent(tracker)) is False:
                return {"vehicle_plate": PLATE_NOT_VISIBLE}
            return {"vehicle_plate": text}
        if tracker.get_slot("vehicle_plate") is not None:
            return {}
        plates = entity_values(tracker, "license_plate") or [p for p in (plate_in(text),) if p]
        if plates:
            return {"vehicle_plate": plates[0]}
        mentions_plate = any(word in text.lower() for word in ("plat", "plac", "tag"))
        return {"vehicle_plate": PLATE_NOT_VISIBLE} if plate_absent(text) and mentions_plate else {}

    def validate_vehicle_plate(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Letters and digits, or not visible."""
        if slot_value is None:
            return {"vehicle_plate": None}
        if slot_value == PLATE_NOT_VISIBLE:
            return self.accept("vehicle_plate", PLATE_NOT_VISIBLE)
        plate = find_plate(str(slot_value))
        if plate is not None:
            return self.accept("vehicle_plate", plate)
        words = clean(str(slot_value), MAX_PLATE_NOTE)
        if looks_like_text(words, 3) and yes_no(words) is None:
            return self.accept("vehicle_plate", words)  # what the resident could read, in their words
        return self.reject("vehicle_plate", dispatcher, tracker)

    def extract_vehicle_duration(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """How long, when asked, or a duration named in the first message."""
        if is_answering(tracker, "vehicle_duration"):
            return {"vehicle_duration": latest_text(tracker)}
        if tracker.get_slot("vehicle_duration") is not None:
            return {}
        # The model's span, when it says how long ("weeks now" does not).
        named = [d for d in entity_values(tracker, "duration") if find_duration(d)]
        durations = named or [d for d in (duration_phrase(latest_text(tracker)),) if d]
        return {"vehicle_duration": durations[0]} if durations else {}

    def validate_vehicle_duration(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Days, weeks or a date, as the resident says it."""
        if slot_value is None:
            return {"vehicle_duration": None}
        text = clean(str(slot_value), 100)
        duration = find_duration(text)
        if duration is None and len(text.split()) >= MIN_WORDS_AS_GIVEN and yes_no(text) is None:
            duration = text  # "it was already there when I moved in": the resident's own words
        if duration is None:
            return self.reject("vehicle_duration", dispatcher, tracker)
        return self.accept("vehicle_duration", duration)
