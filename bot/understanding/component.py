"""A Rasa NLU component that corrects the classifier with rules that must always hold.

It runs last in the pipeline, on every message, with the metadata the front door sends (the
conversation's language, and ``question``: the form question the resident is answering, if any):

1. Whether someone is in danger now is the bilingual detector's decision (``bot.safety``), not the model's:
   a message it flags is an ``emergency`` whatever the model says, and a model's ``emergency`` it does not flag
   ("the tent burned last week", "nobody is in danger", "fire hazard") is the model's next intent instead.
   Measured on independently written messages, the model's alarm added false alarms and no recall.
2. Only explicit words cancel a report ("cancel report", "cancelar reporte", "forget it").
3. An answer is read by the question asked: a yes/no question's answer is ``affirm``/``deny`` when its
   words say so ("no nobody in danger, they're just blocking the sidewalk"), and any other answer to a
   form question is ``inform`` (the form's validators read it), unless the resident asks for a person
   or the language, or clearly asks a question of their own.
4. An emergency the detector does not flag that opens with "no" ("no, nobody is in danger right now") is
   a ``deny``.
5. An explicit request for a person is ``request_human`` whatever else the message says; a report the
   resident says they do not want to make ("no quiero que lo reporten, ¿dónde hay un albergue?") is the
   model's best intent that is not a report.

The model's own prediction is kept in ``intent_ranking``; the override is noted as ``intent.override``.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

from bot.language.requests import requested_language
from bot.reports.case_numbers import parse_case_number
from bot.safety import detect_emergency
from bot.understanding.answers import REPORT_INTENTS, asks_for_person, declines_report, is_explicit_cancel, yes_no

#: Form questions answered with yes or no (the photo and plate questions accept "no" for none).
YES_NO_QUESTIONS = frozenset(
    {"campsite_danger", "graffiti_offensive", "report_confirmed", "graffiti_photo", "vehicle_plate"}
)
#: Intents a resident may still mean in the middle of a form, whatever the question.
KEPT_IN_FORMS = frozenset({"request_human", "change_language"})
#: Intents kept in a form only for a clear question of the resident's own ("what are your hours?").
QUESTIONS_OF_THEIR_OWN = frozenset({"faq", "check_status", "help"})
OWN_QUESTION_CONFIDENCE = 0.7
CASE_NUMBER_QUESTION = "case_number"
"""The status lookup asks for a number outside any form; only a number answers it."""


def corrected_intent(
    text: str, intent: str | None, confidence: float, question: str | None, runner_up: str | None = None
) -> str | None:
    """The intent the rules require instead of the model's, or None to keep the model's.

    Args:
        text: The resident's message.
        intent: The model's intent.
        confidence: The model's confidence in it.
        question: The form question being answered (the slot's name), if any.
        runner_up: The model's best intent after ``intent`` (what a ruled-out emergency becomes).

    Returns:
        The corrected intent name, or None.
    """
    if text.startswith("/"):
        return None  # a button's payload names its intent
    if detect_emergency(text) is not None:
        return "emergency" if intent != "emergency" else None
    if is_explicit_cancel(text):
        return "cancel" if intent != "cancel" else None
    if asks_for_person(text):  # "a car in front of my home; might I please speak with a real person instead?"
        return "request_human" if intent != "request_human" else None
    if intent in REPORT_INTENTS and not question and declines_report(text):
        # "my brother lives in a tent, I don't want to report him, where is a shelter": not a report
        return runner_up if runner_up not in REPORT_INTENTS and runner_up else "out_of_scope"
    if intent == "emergency":
        # The detector decides: "the tent burned last week", "nobody is in danger", "fire hazard" are not now.
        if yes_no(text) is False:
            return "deny"
        intent = runner_up or "inform"
        corrected = _by_question(text, intent, confidence, question) if question else None
        return corrected or intent
    if question:
        return _by_question(text, intent, confidence, question)
    return None  # outside a form the model decides (a "cancel" there only hears that nothing is in progress)


def _by_question(text: str, intent: str | None, confidence: float, question: str) -> str | None:
    if question == CASE_NUMBER_QUESTION and parse_case_number(text) is None:
        return None  # asked for a case number outside any form: anything else is a new request, the model's
    if question in YES_NO_QUESTIONS:
        answer = yes_no(text)
        if answer is not None:
            wanted = "affirm" if answer else "deny"
            return wanted if intent != wanted else None
    if intent == "emergency":  # the model's alarm stands unless the answer opens with a no
        return "deny" if yes_no(text) is False else None
    if intent in KEPT_IN_FORMS and (intent != "change_language" or requested_language(text) is not None):
        return None  # a language named in an answer ("tiene una mala palabra en inglés") asks for nothing
    own_question = text.rstrip().endswith("?") and confidence >= OWN_QUESTION_CONFIDENCE
    if intent in QUESTIONS_OF_THEIR_OWN and own_question:
        return None
    return "inform" if intent != "inform" else None


#: How sure the model must be of a report, second only to ``inform``, to read a message outside a form as that report.
REPORT_BEHIND_INFORM = 0.25


def report_told_as_facts(ranking: list[tuple[str, float]], question: str | None) -> str | None:
    """A report told as facts with no question pending ("hay unas carpas en la banqueta de NE Sandy y la 60…").

    ``inform`` is an answer to a form's question; with none pending, a message the model reads first as
    ``inform`` and next as a report (at ``REPORT_BEHIND_INFORM`` or more) describes what the resident wants
    to report. ``ranking`` is the model's own (intent, confidence), best first, without ``nlu_fallback``.
    """
    if question or len(ranking) < 2 or ranking[0][0] != "inform":
        return None
    intent, confidence = ranking[1]
    return intent if intent in REPORT_INTENTS and confidence >= REPORT_BEHIND_INFORM else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class AnswerReader(GraphComponent):
    """Applies ``corrected_intent`` to every parsed message."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> AnswerReader:
        """Rasa's factory: the component has no state."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Correct each message's intent where the rules require it."""
        for message in messages:
            predicted = message.get("intent") or {}
            model_intent = predicted.get("name")
            # the model's own ranking, best first, without the fallback
            own = [
                (str(r["name"]), float(r.get("confidence") or 0.0))
                for r in message.get("intent_ranking") or []
                if r.get("name") and r.get("name") != "nlu_fallback"
            ]
            skipped = {model_intent}
            if model_intent in REPORT_INTENTS:
                skipped |= REPORT_INTENTS  # what a declined report becomes is not another report
            runner_up = next((name for name, _ in own if name not in skipped), None)
            metadata = message.get("metadata") or {}
            question = (metadata.get("question") if isinstance(metadata, dict) else None) or None
            text = str(message.get("text") or "")
            intent, confidence = model_intent, float(predicted.get("confidence") or 0.0)
            told = report_told_as_facts(own, question)
            if told is not None:  # the model's answer was inform (or, too close to call, the fallback)
                intent, confidence, runner_up = told, own[1][1], "inform"
            wanted = corrected_intent(text, intent, confidence, question, runner_up)
            if wanted is None and told is not None:
                wanted = told
            if wanted is not None:
                message.set("intent", {"name": wanted, "confidence": 1.0, "override": model_intent}, True)
        return messages
