"""The front door killed with SIGKILL while Twilio holds a reply: after a restart the reply is sent exactly once.

Against the session's running stack: fake Twilio is told to accept the next message but answer late, the
front door is killed while that request is in flight, and started again. The reply left ``sending`` is
recovered, checked with Twilio (which has it) and recorded instead of being sent twice; the other replies
follow in order; nothing is lost.
"""

from __future__ import annotations

import time

import pytest

from tests.harness.clients import http_json
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack
PHONE = "+15035550911"


def _rows(stack: RunningStack, sql: str, conversation_id: str) -> list[tuple]:
    return stack.query(sql, id=conversation_id)


def test_a_reply_in_flight_when_the_front_door_dies_is_sent_exactly_once(stack: RunningStack) -> None:
    conversation_id = stack.sms_conversation(PHONE)
    http_json("POST", f"{stack.twilio_url}/_fake/delay?count=1&seconds=8")
    stack.text(PHONE, "what are your hours?")
    deadline = time.monotonic() + 60
    while not stack.sent_to(PHONE) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert stack.sent_to(PHONE), "the reply never reached Twilio"
    stack.stack.kill("front_door")  # Twilio has the message; the front door never hears back
    stack.stack.restart("front_door")

    def settled() -> bool:
        statuses = _rows(stack, "select status from outbound_messages where conversation_id = :id", conversation_id)
        return bool(statuses) and all(status in ("sent", "delivered") for (status,) in statuses)

    deadline = time.monotonic() + 120
    while not settled() and time.monotonic() < deadline:
        time.sleep(1)
    assert settled(), _rows(
        stack, "select id, status, error from outbound_messages where conversation_id = :id", conversation_id
    )
    bodies = [m["body"] for m in stack.sent_to(PHONE)]
    parts = _rows(
        stack,
        "select p.provider_sid from outbound_parts p join outbound_messages m on m.id = p.message_id "
        "where m.conversation_id = :id",
        conversation_id,
    )
    assert len(bodies) == len(parts) == len(set(p for (p,) in parts)), bodies  # nothing sent twice
    assert len(set(bodies)) == len(bodies), bodies
    inbound = _rows(stack, "select status from inbound_messages where conversation_id = :id", conversation_id)
    assert inbound == [("processed",)]
    # The restarted front door answers as before.
    assert stack.converse(PHONE, "thanks").strip()
