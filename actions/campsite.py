"""Campsite reports: what is happening, and whether anyone is in danger (then 911 first)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import is_answering, latest_intent, latest_text
from actions.form_answers import CAMPSITE_WORDS, denies, mentions, yes_no
from actions.report_form import ReportFormValidation


class ValidateCampsiteForm(ReportFormValidation):
    """Validates the campsite form."""

    detail_slots = ("campsite_details", "campsite_danger")

    def name(self) -> str:
        """Rasa name."""
        return "validate_campsite_form"

    def extract_campsite_details(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The answer to the question, or the first message when it already describes the site."""
        if is_answering(tracker, "campsite_details"):
            return {"campsite_details": latest_text(tracker)}
        first = latest_intent(tracker) == "report_campsite" and tracker.get_slot("campsite_details") is None
        if first and mentions(latest_text(tracker), CAMPSITE_WORDS):
            return {"campsite_details": latest_text(tracker)}
        return {}

    def validate_campsite_details(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A description needs a few real words."""
        return self.free_text("campsite_details", slot_value, dispatcher, tracker, 500)

    def extract_campsite_danger(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes or no, when asked; a message of the report that already says nobody is in danger is a no.

        (Someone in danger in any message is the emergency detector's: 911 first, outside the form.)
        """
        if not is_answering(tracker, "campsite_danger"):
            in_report = latest_intent(tracker) == "report_campsite" or tracker.active_loop_name == "campsite_form"
            unknown = in_report and tracker.get_slot("campsite_danger") is None
            return {"campsite_danger": False} if unknown and denies(latest_text(tracker), "danger") else {}
        answer = yes_no(latest_text(tracker), latest_intent(tracker), about="danger")
        return {"campsite_danger": latest_text(tracker) if answer is None else answer}

    def validate_campsite_danger(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Someone in danger: tell them to call 911 before anything else."""
        if slot_value is None:
            return {"campsite_danger": None}
        if not isinstance(slot_value, bool):
            return self.reject("campsite_danger", dispatcher, tracker, "utter_invalid_yes_no")
        if slot_value:
            dispatcher.utter_message(response="utter_emergency")
        return self.accept("campsite_danger", slot_value)
