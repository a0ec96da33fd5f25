"""Handoff end to end against the running stack: triggers, the queue, an agent's work, pause and resume in Rasa."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.harness.clients import ConsoleClient, http_json
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack
Console = Callable[..., ConsoleClient]


def phone() -> str:
    return f"+1503{random.randint(2000000, 9999999)}"


def rasa_paused(stack: RunningStack, conversation_id: str) -> bool:
    status, tracker = http_json("GET", f"{stack.rasa_url}/conversations/{conversation_id}/tracker?include_events=NONE")
    assert status == 200, tracker
    return bool(tracker["paused"])


def mode(stack: RunningStack, conversation_id: str) -> str:
    return str(stack.scalar("SELECT mode FROM conversations WHERE id = :id", id=conversation_id))


def wait_for(predicate: Callable[[], Any], timeout: float = 20, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_sms_resident_asks_for_a_person_agent_answers_and_returns_it(stack: RunningStack, console: Console) -> None:
    resident = phone()
    conversation = stack.sms_conversation(resident)
    answer = stack.converse(resident, "can I talk to a real person please")
    assert "311 staff" in answer and "place in line: " in answer and "min" in answer, answer
    assert mode(stack, conversation) == "waiting"
    assert rasa_paused(stack, conversation)

    agent = console("agent")
    item = agent.waiting_for(conversation)
    assert item["reason"] == "asked" and item["channel"] == "sms" and item["language"] == "en"

    # While waiting the assistant stays quiet: the message goes to staff, in order.
    before = len(stack.sent_to(resident))
    stack.text(resident, "it's about the tent on my corner")
    stack.text(resident, "<b>still</b> there")
    time.sleep(2)
    assert len(stack.sent_to(resident)) == before
    status, claimed = agent.call("POST", f"handoffs/{item['id']}/claim")
    assert status == 200, claimed
    assert "now chatting with 311 staff" in stack.wait_replies(resident, before + 1)[-1]["body"]
    assert mode(stack, conversation) == "agent"

    status, detail = agent.call("GET", f"handoffs/{item['id']}")
    assert status == 200
    residents = [e["text"] for e in detail["transcript"] if e["kind"] == "resident"]
    assert residents[-2:] == ["it's about the tent on my corner", "<b>still</b> there"]
    assert any(e["kind"] == "bot" and "311 staff" in e["text"] for e in detail["transcript"])

    status, sent = agent.call("POST", f"handoffs/{item['id']}/reply", {"text": "Hi, which corner is it?"})
    assert status == 200 and sent["segments"] == 1 and sent["encoding"] == "GSM-7", sent
    assert stack.wait_replies(resident, before + 2)[-1]["body"] == "Hi, which corner is it?"
    status, _ = agent.call("POST", f"handoffs/{item['id']}/notes", {"text": "regular caller, camp at 82nd"})
    assert status == 200
    assert all("regular caller" not in m["body"] for m in stack.sent_to(resident))

    status, returned = agent.call("POST", f"handoffs/{item['id']}/return")
    assert status == 200 and returned["handoff"]["status"] == "returned", returned
    assert mode(stack, conversation) == "bot"
    assert not rasa_paused(stack, conversation)
    wait_for(lambda: "back with the 311 assistant" in stack.sent_to(resident)[-1]["body"], what="return notice")
    answer = stack.converse(resident, "I want to report graffiti")
    assert "Where is" in answer or "where" in answer.lower(), answer

    row = stack.query(
        "SELECT reason, status, claimed_at IS NOT NULL, first_reply_at IS NOT NULL, closed_at IS NOT NULL "
        "FROM handoff_requests WHERE id = :id",
        id=item["id"],
    )[0]
    assert tuple(row) == ("asked", "returned", True, True, True)
    origins = {
        r[0] for r in stack.query("SELECT origin FROM outbound_messages WHERE conversation_id = :c", c=conversation)
    }
    assert {"bot", "system", "agent"} <= origins


def test_two_agents_claiming_at_once_only_one_wins(stack: RunningStack, console: Console) -> None:
    resident = phone()
    stack.converse(resident, "agent please")
    agents = [console("agent") for _ in range(4)]
    item = agents[0].waiting_for(stack.sms_conversation(resident))
    barrier = threading.Barrier(len(agents))
    results: dict[int, int] = {}

    def claim(index: int) -> None:
        barrier.wait()
        results[index] = agents[index].call("POST", f"handoffs/{item['id']}/claim")[0]

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(agents))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results.values()) == [200, 409, 409, 409]
    loser = agents[next(i for i, status in results.items() if status == 409)]
    status, body = loser.call("POST", f"handoffs/{item['id']}/reply", {"text": "hello"})
    assert status == 409 and "another agent" in body["error"]


def test_cancel_while_waiting_returns_to_the_assistant(stack: RunningStack, console: Console) -> None:
    resident = phone()
    conversation = stack.sms_conversation(resident)
    stack.converse(resident, "quiero hablar con una persona")
    assert mode(stack, conversation) == "waiting"
    answer = stack.converse(resident, "VOLVER")
    assert "asistente" in answer, answer
    assert mode(stack, conversation) == "bot" and not rasa_paused(stack, conversation)
    assert stack.scalar("SELECT status FROM handoff_requests WHERE conversation_id = :c", c=conversation) == "abandoned"
    answer = stack.converse(resident, "hay grafiti en la pared de mi casa")
    assert "Dónde" in answer or "dónde" in answer or "ubicación" in answer.lower() or "?" in answer, answer


def test_a_resident_who_opted_out_cannot_be_messaged(stack: RunningStack, console: Console) -> None:
    resident = phone()
    stack.converse(resident, "talk to a human")
    agent = console("agent")
    item = agent.waiting_for(stack.sms_conversation(resident))
    assert agent.call("POST", f"handoffs/{item['id']}/claim")[0] == 200
    stack.converse(resident, "STOP")
    count = len(stack.sent_to(resident))
    status, body = agent.call("POST", f"handoffs/{item['id']}/reply", {"text": "Are you still there?"})
    assert status == 409 and "STOP" in body["error"], body
    _, detail = agent.call("GET", f"handoffs/{item['id']}")
    assert detail["opted_out"] is True
    time.sleep(1)
    assert len(stack.sent_to(resident)) == count


def test_not_understood_twice_hands_off(stack: RunningStack, console: Console) -> None:
    resident = phone()
    first = stack.converse(resident, "/nlu_fallback")
    assert "another way" in first, first
    second = stack.converse(resident, "/nlu_fallback")
    assert "311 staff" in second, second
    conversation = stack.sms_conversation(resident)
    assert (
        stack.scalar("SELECT reason FROM handoff_requests WHERE conversation_id = :c", c=conversation)
        == "not_understood"
    )


def test_a_form_answer_failing_three_times_hands_off_with_the_report_so_far(
    stack: RunningStack, console: Console
) -> None:
    resident = phone()
    conversation = stack.sms_conversation(resident)
    stack.converse(resident, "I want to report graffiti")
    stack.converse(resident, "zzz")
    stack.converse(resident, "qqq")
    third = stack.converse(resident, "xxx")
    assert "311 staff" in third and "Where" not in third, third
    agent = console("agent")
    item = agent.waiting_for(conversation)
    assert item["reason"] == "form_failed"
    assert item["report"]["service"] == "graffiti", item
    assert rasa_paused(stack, conversation)


def test_a_language_the_assistant_does_not_speak_goes_to_a_person_with_an_interpreter(
    stack: RunningStack, console: Console
) -> None:
    resident = phone()
    answer = stack.converse(resident, "Có một chiếc xe bị bỏ lại trước nhà tôi ba tuần rồi, xin giúp đỡ")
    assert "interpreter" in answer, answer
    agent = console("agent")
    item = agent.waiting_for(stack.sms_conversation(resident))
    assert item["interpreter"] is True and item["interpreter_language"] == "vi" and item["reason"] == "interpreter"
    assert rasa_paused(stack, stack.sms_conversation(resident))
