"""Graffiti reports: the surface, whether it is offensive (prioritised), and a photo."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import is_answering, latest_intent, latest_text
from actions.form_answers import OFFENSIVE, SURFACES, denies, first_mention, mentions, says_no_photo, yes_no
from actions.report_form import ReportFormValidation

NO_PHOTO = "none"


class ValidateGraffitiForm(ReportFormValidation):
    """Validates the graffiti form."""

    detail_slots = ("graffiti_surface", "graffiti_offensive", "graffiti_photo")

    def name(self) -> str:
        """Rasa name."""
        return "validate_graffiti_form"

    def extract_graffiti_surface(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The answer, or the first message when it already names the surface."""
        if is_answering(tracker, "graffiti_surface"):
            return {"graffiti_surface": latest_text(tracker)}
        first = latest_intent(tracker) == "report_graffiti" and tracker.get_slot("graffiti_surface") is None
        surface = first_mention(latest_text(tracker), SURFACES) if first else None
        return {"graffiti_surface": surface} if surface else {}

    def validate_graffiti_surface(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A surface needs real words."""
        return self.free_text("graffiti_surface", slot_value, dispatcher, tracker, 200)

    def extract_graffiti_offensive(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes/no when asked; hateful content named in any message counts as yes."""
        text = latest_text(tracker)
        if is_answering(tracker, "graffiti_offensive"):
            answer = yes_no(text, about="offensive")  # "no, not offensive", "no es contra nadie": a no first
            if answer is None:
                answer = True if mentions(text, OFFENSIVE) else yes_no(text, latest_intent(tracker))
            return {"graffiti_offensive": text if answer is None else answer}
        if tracker.get_slot("graffiti_offensive") is None:
            if denies(text, "offensive"):  # "it's just tags, nothing offensive"
                return {"graffiti_offensive": False}
            if mentions(text, OFFENSIVE):
                return {"graffiti_offensive": True}
        return {}

    def validate_graffiti_offensive(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes or no."""
        if slot_value is None:
            return {"graffiti_offensive": None}
        if not isinstance(slot_value, bool):
            return self.reject("graffiti_offensive", dispatcher, tracker, "utter_invalid_yes_no")
        return self.accept("graffiti_offensive", slot_value)

    def extract_graffiti_photo(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A photo the resident sent (the front door sets ``media_url``), or no photo."""
        media = tracker.get_slot("media_url")
        if media and tracker.get_slot("graffiti_photo") in (None, NO_PHOTO):
            return {"graffiti_photo": media}
        text = latest_text(tracker)
        if is_answering(tracker, "graffiti_photo"):
            # A yes without a photo is asked again (to send it); any other answer ("I can take one later, so
            # no", "ahorita no puedo") means no photo for now: a photo sent before filing still joins the report.
            # A second yes still without a photo is no photo for now (the resident cannot send it from here).
            answer = yes_no(text, latest_intent(tracker))
            waiting = answer is True and not says_no_photo(text) and not tracker.get_slot("failed_attempts")
            return {"graffiti_photo": text if waiting else NO_PHOTO}
        if tracker.get_slot("graffiti_photo") is None and says_no_photo(text):
            return {"graffiti_photo": NO_PHOTO}
        return {}

    def validate_graffiti_photo(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A stored photo's URL, or no photo; anything else asks again."""
        if slot_value is None:
            return {"graffiti_photo": None}
        if slot_value == NO_PHOTO or str(slot_value) == tracker.get_slot("media_url"):
            return self.accept("graffiti_photo", slot_value)
        return self.reject("graffiti_photo", dispatcher, tracker)
