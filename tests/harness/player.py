"""Plays scripted resident conversations (tests/independent/conversations_*.yml) against the running assistant.

A script gives the resident's opening messages and an answer per form question; the player texts the
opening, then reads which question the assistant asked (the form's ``requested_slot`` in Rasa's tracker)
and answers it, until no question is pending. It then checks the outcome the script expects: the right
report at the right location, the 911 instruction first, a handoff, or no report at all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bot.language.text import fold
from bot.messaging.conversations import sms_conversation_id
from bot.messaging.models import InboundMessage, OutboundMessage
from bot.messaging.vocabulary import InboundStatus, OutboundStatus
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.reports.models import ServiceRequest
from handoff.models import HandoffRequest
from tests.harness.clients import http_json
from tests.harness.stack import RunningStack

MAX_TURNS = 16
TURN_TIMEOUT = 60.0
EMERGENCY_MARK = "911"


@dataclass
class Played:
    """What happened in one scripted conversation."""

    script_id: str
    passed: bool
    reasons: list[str] = field(default_factory=list)
    transcript: list[tuple[str, list[str]]] = field(default_factory=list)


def load_scripts(path: Path) -> list[dict[str, Any]]:
    """The conversation scripts of one file."""
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


class Player:
    """Texts as one resident per script, answering the form's questions from the script."""

    def __init__(self, stack: RunningStack, pii_key: str = "test-pii-key") -> None:
        self._stack = stack
        self._vault = PiiVault(pii_key)
        self._db = Database(stack.database_url)

    def conversation_id(self, phone: str) -> str:
        """The conversation id the front door gives ``phone``."""
        return sms_conversation_id(self._vault.lookup_hash(phone))

    def exchange(self, phone: str, text: str) -> list[str]:
        """Text ``text`` and return what the assistant answered to it, once it has answered."""
        sid = self._stack.text(phone, text)
        deadline = time.monotonic() + TURN_TIMEOUT
        while time.monotonic() < deadline:
            with self._db.session() as session:
                message = session.scalars(select(InboundMessage).where(InboundMessage.external_id == sid)).first()
                if message is not None and message.status != InboundStatus.PENDING:
                    replies = session.scalars(
                        select(OutboundMessage)
                        .where(OutboundMessage.inbound_id == message.id)
                        .order_by(OutboundMessage.id)
                    ).all()
                    if all(r.status != OutboundStatus.QUEUED and r.status != OutboundStatus.SENDING for r in replies):
                        return [r.body for r in replies]
            time.sleep(0.1)
        raise AssertionError(f"no answer to {text!r} within {TURN_TIMEOUT}s")

    def requested_slot(self, phone: str) -> str | None:
        """The question the assistant's form is waiting for, if any (none while staff have the conversation)."""
        status, tracker = http_json(
            "GET", f"{self._stack.rasa_url}/conversations/{self.conversation_id(phone)}/tracker"
        )
        assert status == 200, status
        if tracker.get("paused") or not (tracker.get("active_loop") or {}).get("name"):
            return None  # no form, or staff have the conversation (the assistant is paused, its form kept)
        return (tracker.get("slots") or {}).get("requested_slot")

    def play(self, script: dict[str, Any], phone: str) -> Played:
        """Play one script from a new phone number and judge its outcome."""
        played = Played(script["id"], passed=False)
        expect = script.get("expect") or {}
        emergency_at = script.get("emergency_at")
        emergency_reply: list[str] | None = None
        for text in script.get("opening") or []:
            replies = self.exchange(phone, text)
            played.transcript.append((text, replies))
            if emergency_at == "opening" and emergency_reply is None:
                emergency_reply = replies
        answers: dict[str, Any] = script.get("answers") or {}
        asked: dict[str, int] = {}
        already_given = set(script.get("already_given") or [])
        for _ in range(MAX_TURNS):
            if emergency_reply is not None:
                break
            slot = self.requested_slot(phone)
            if slot is None:
                break
            if slot in already_given and slot not in asked:
                played.reasons.append(f"asked again for {slot}, given in the opening")
            if slot not in answers:
                played.reasons.append(f"asked {slot}, which the script does not answer")
                break
            value = answers[slot]
            options = value if isinstance(value, list) else [value]
            text = str(options[min(asked.get(slot, 0), len(options) - 1)])
            asked[slot] = asked.get(slot, 0) + 1
            replies = self.exchange(phone, text)
            played.transcript.append((text, replies))
            if slot == emergency_at:
                emergency_reply = replies
            if asked[slot] > 4:
                played.reasons.append(f"asked {slot} more than four times")
                break
        played.reasons.extend(self._judge(phone, expect, emergency_reply))
        played.passed = not played.reasons
        return played

    def _judge(self, phone: str, expect: dict[str, Any], emergency_reply: list[str] | None) -> list[str]:
        outcome = expect.get("outcome")
        conversation_id = self.conversation_id(phone)
        with self._db.session() as session:
            filed = session.scalars(
                select(ServiceRequest).where(ServiceRequest.conversation_id == conversation_id)
            ).all()
            handoffs = session.scalars(
                select(HandoffRequest).where(HandoffRequest.conversation_id == conversation_id)
            ).all()
            reports = [(r.service_code, r.address_string or "") for r in filed]
        reasons: list[str] = []
        if outcome == "report":
            if len(reports) != 1:
                return [f"expected one report, found {len(reports)}"]
            code, address = reports[0]
            if code != expect.get("service_code"):
                reasons.append(f"filed as {code}, expected {expect.get('service_code')}")
            place = fold(address)
            missing = [f for f in expect.get("location_contains") or [] if fold(str(f)) not in place]
            extra = [f for f in expect.get("location_excludes") or [] if fold(str(f)) in place]
            if missing or extra:
                reasons.append(f"location {address!r}: missing {missing}, should not contain {extra}")
        elif outcome == "emergency":
            if not emergency_reply or EMERGENCY_MARK not in emergency_reply[0]:
                reasons.append(f"the 911 instruction did not come first: {emergency_reply!r}")
        elif outcome == "handoff":
            if not handoffs:
                reasons.append("no handoff to staff")
            if reports:
                reasons.append(f"filed {len(reports)} report(s) instead of handing off")
        elif outcome == "no_report":
            if reports:
                reasons.append(f"filed {len(reports)} report(s)")
        else:
            reasons.append(f"unknown expected outcome {outcome!r}")
        return reasons
