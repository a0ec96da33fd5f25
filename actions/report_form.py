"""What the three report forms share: the location, the confirmation, corrections and retries."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import (
    earlier_texts,
    entity_values,
    is_answering,
    is_interruption,
    language_of,
    latest_intent,
    latest_text,
)
from actions.form_answers import clean, is_bare_yes_no, looks_like_text, yes_no
from actions.handoff import hand_off
from bot.language.text import fold
from bot.reports.locations import (
    correction_of,
    find_location,
    parse_location,
    read_location,
    self_corrected,
    with_earlier_street,
)
from bot.understanding.answers import REPORT_INTENTS
from handoff.vocabulary import HandoffReason

MAX_FAILED_ATTEMPTS = 3
MAX_LOCATION_CHARS = 300
NOT_A_PLACE = {
    "hi",
    "hello",
    "hey",
    "hola",
    "buenas",
    "thanks",
    "thank you",
    "gracias",
    "bye",
    "adios",
    "okay",
    "help",
    "ayuda",
    "what",
    "que",
    "idk",
    "no se",
    "dunno",
    "here",
    "aqui",
    "there",
    "alli",
    "ahi",
}
CORRECTION_WORDS = {
    "location": {"location", "address", "place", "where", "ubicacion", "direccion", "lugar", "donde"},
    "details": {"description", "details", "detail", "descripcion", "detalles", "what", "que"},
}


class ReportFormValidation(FormValidationAction, ABC):
    """Base of the report forms' validators; subclasses name their own detail slots."""

    detail_slots: tuple[str, ...] = ()

    @abstractmethod
    def name(self) -> str:
        """Subclasses answer to ``validate_<form>``."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Leave interruptions (cancel, emergency, a person, help…) to the rules: extract nothing.

        After the third answer in a row that fails validation, a person takes over: the conversation is
        queued and paused, and the form's question is not asked again (the form's run is rejected, so Rasa
        keeps the form and its slots for when staff give the conversation back).
        """
        if is_interruption(tracker):
            return []
        events = await super().run(dispatcher, tracker, domain)
        failures = [e for e in events if e.get("event") == "slot" and e.get("name") == "failed_attempts"]
        if failures and float(failures[-1].get("value") or 0) >= MAX_FAILED_ATTEMPTS:
            events += await hand_off(dispatcher, tracker, HandoffReason.FORM_FAILED)
            events += [SlotSet("failed_attempts", 0.0), ActionExecutionRejected(tracker.active_loop_name)]
        return events

    def reject(
        self, slot: str, dispatcher: CollectingDispatcher, tracker: Tracker, response: str | None = None
    ) -> dict[str, Any]:
        """Re-ask ``slot`` specifically; the third miss in a row hands the conversation to a person (``run``).

        A value found in a message that answered another question (a fact given early) is only dropped: the
        question comes in its turn, and the resident has not missed anything.
        """
        if tracker.get_slot("requested_slot") != slot:
            return {slot: None}
        failures = int(tracker.get_slot("failed_attempts") or 0) + 1
        if failures < MAX_FAILED_ATTEMPTS:
            dispatcher.utter_message(response=response or f"utter_invalid_{slot}")
        return {slot: None, "failed_attempts": float(failures)}

    def accept(self, slot: str, value: Any) -> dict[str, Any]:
        """Keep ``value`` and reset the miss counter."""
        return {slot: value, "failed_attempts": 0.0}

    def free_text(
        self, slot: str, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, limit: int = 300
    ) -> dict[str, Any]:
        """A free-text answer needs real words: not only symbols or emoji, and not a bare yes/no."""
        if slot_value is None:
            return {slot: None}
        text = clean(str(slot_value), limit)
        if not looks_like_text(text, 3) or is_bare_yes_no(text) or fold(text, drop_punctuation=True) in NOT_A_PLACE:
            return self.reject(slot, dispatcher, tracker)
        return self.accept(slot, text)

    @staticmethod
    def moved_location(tracker: Tracker) -> str | None:
        """The location corrected in an answer to another question ("sorry not 82nd, 92nd and holgate").

        Only a message that denies one of the location's streets moves it; the confirmation step reads its own.
        """
        asked = tracker.get_slot("requested_slot")
        given = tracker.get_slot("location")
        if not given or asked in (None, "location", "report_confirmed") or is_interruption(tracker):
            return None
        language = language_of(tracker)
        previous = parse_location(str(given), language)
        corrected = correction_of(latest_text(tracker), previous, language, must_deny=True) if previous else None
        return corrected.normalized() if corrected is not None else None

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The slots the latest message fills; a correction of the location fills that alone (the question stands)."""
        moved = self.moved_location(tracker)
        if moved is not None:  # "sorry not 82nd, 92nd and holgate", whatever was asked
            return [SlotSet("location", moved)]
        return await super().get_extraction_events(dispatcher, tracker, domain)

    def answer_text(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        """The raw latest message as the value of ``slot``, when it answers that question."""
        return {slot: latest_text(tracker)} if is_answering(tracker, slot) else {}

    def extract_location(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The answer to "Where is it?", or a location inside the report's first message; nothing else.

        An answer to any other question is never read as the location (corrections are read at the
        confirmation step).
        """
        text = latest_text(tracker)
        if is_answering(tracker, "location"):
            return {"location": text}
        opening = tracker.get_slot("requested_slot") is None and tracker.get_slot("location") is None
        if opening and latest_intent(tracker) in REPORT_INTENTS:
            found = find_location(text, language_of(tracker))
            return {"location": found.text} if found else {}
        return {}

    def validate_location(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A place 311 can find: cross streets, an address or block, or a named landmark (the location parser)."""
        if slot_value is None:
            return {"location": None}
        text = clean(str(slot_value), MAX_LOCATION_CHARS)
        language = language_of(tracker)
        corrected = self_corrected(text, language)  # "SE Foster Rd at 67th - wait no sorry, 72nd"
        if corrected is not None:
            return self.accept("location", corrected.text)
        found = read_location(text, language)
        if found is None and is_answering(tracker, "location"):
            # A cross street on its own, after a street named alone ("on NE Prescott St." ... "cross street is 72nd").
            joined = with_earlier_street(text, earlier_texts(tracker), language)
            if joined is not None:
                return self.accept("location", joined.text)
        if found is None:
            return self.reject("location", dispatcher, tracker)
        if found.needs_a_point and not tracker.get_slot("failed_attempts"):
            # "the Springwater" is miles long: ask once where along it; a resident who cannot say is not pressed.
            return self.reject("location", dispatcher, tracker, "utter_invalid_location_along")
        return self.accept("location", text)

    def extract_report_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes files the report; no asks what to change; a named field clears that field.

        Only required slots survive extraction, so ``correcting`` is reset by the validator.
        """
        if tracker.get_slot("requested_slot") != "report_confirmed":
            return {}
        correction = entity_values(tracker, "correction")
        folded = fold(latest_text(tracker), drop_punctuation=True)
        field = (
            correction[0] if correction else next((k for k, words in CORRECTION_WORDS.items() if folded in words), None)
        )
        if field == "location":
            return {"location": None, "report_confirmed": None}
        if field == "details":
            return {**{slot: None for slot in self.detail_slots}, "report_confirmed": None}
        moved = self._corrected_location(tracker)
        if moved is not None:
            return {"location": moved, "report_confirmed": None}  # show the summary again
        answer = yes_no(latest_text(tracker), latest_intent(tracker))
        if tracker.get_slot("correcting") and answer is not True:
            return {"report_confirmed": latest_text(tracker)}
        return {"report_confirmed": latest_text(tracker) if answer is None else answer}

    @staticmethod
    def _corrected_location(tracker: Tracker) -> str | None:
        """A new location given at the confirmation step: a correction of one street, or a whole new place."""
        text = latest_text(tracker)
        language = language_of(tracker)
        previous = parse_location(str(tracker.get_slot("location") or ""), language)
        if previous is not None:
            corrected = correction_of(text, previous)
            if corrected is not None:
                return corrected.normalized()
        found = read_location(text, language)
        return found.text if found is not None else None

    def validate_report_confirmed(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Only an explicit yes files; a no asks which part to change."""
        if slot_value is True:
            return self.accept("report_confirmed", True) | {"correcting": False}
        if slot_value is False:
            return {"report_confirmed": None, "correcting": True}
        if slot_value is None:
            return {"report_confirmed": None, "correcting": False}
        response = "utter_ask_correction" if tracker.get_slot("correcting") else "utter_invalid_yes_no"
        return self.reject("report_confirmed", dispatcher, tracker, response)
