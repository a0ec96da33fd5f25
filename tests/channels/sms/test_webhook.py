"""The SMS channel driven the way Twilio drives it, against the running assistant and fake Twilio."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request

import pytest

from bot.channels.sms.webhook import MAX_MEDIA
from bot.messaging.media import MAX_ITEMS as MEDIA_PER_MESSAGE
from tests.harness.clients import http_json
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack
CASE = re.compile(r"PDX-\d{4}-\d{6}")


def phone(n: int) -> str:
    return f"+1503555{n:04d}"


def test_forged_and_missing_signatures_are_refused(stack: RunningStack) -> None:
    params = {"MessageSid": "SM" + "f" * 32, "From": phone(1), "To": "+15035550100", "Body": "hello"}
    status, _ = stack.post_sms(params, signature=None)
    assert status == 403
    status, _ = stack.post_sms(params, signature="bm90IGEgc2lnbmF0dXJl")
    assert status == 403
    forged = stack.sign("/sms/inbound", {**params, "Body": "something else"})
    status, _ = stack.post_sms(params, signature=forged)
    assert status == 403
    time.sleep(1)
    assert stack.sent_to(phone(1)) == []


def test_malformed_webhook_gets_400_not_500(stack: RunningStack) -> None:
    status, _ = stack.post_sms({"Body": "no sid"})
    assert status == 400


def test_a_retried_message_sid_is_processed_once(stack: RunningStack) -> None:
    params = {"MessageSid": "SM" + "a" * 32, "From": phone(2), "To": "+15035550100", "Body": "hello", "NumMedia": "0"}
    for _ in range(3):
        status, body = stack.post_sms(params)
        assert status == 200 and "<Response>" in body
    replies = stack.wait_replies(phone(2), 1)
    time.sleep(2)
    assert len(stack.sent_to(phone(2))) == len(replies) == 1


@pytest.mark.parametrize(
    ("stop", "start", "help_word", "expect"),
    [("STOP", "START", "HELP", "Msg"), ("PARAR", "INICIO", "AYUDA", "tarifas")],
)
def test_carrier_keywords(stack: RunningStack, stop: str, start: str, help_word: str, expect: str) -> None:
    number = phone(10 if stop == "STOP" else 11)
    assert expect in stack.converse(number, help_word)
    confirmation = stack.converse(number, stop)
    assert confirmation
    before = len(stack.sent_to(number))
    stack.text(number, "hello")
    time.sleep(3)
    assert len(stack.sent_to(number)) == before, "an opted-out number got a reply"
    assert stack.converse(number, start)


def test_text_reaches_the_nlu_exactly_as_sent(stack: RunningStack) -> None:
    number = phone(20)
    answer = stack.converse(number, "¡Hola!")
    assert "¡" in answer or "Hola" in answer
    status, tracker = http_json("GET", f"{stack.rasa_url}/conversations/{_conversation_of(stack, number)}/tracker")
    texts = [e.get("text") for e in tracker["events"] if e.get("event") == "user"]
    assert "¡Hola!" in texts


def _conversation_of(stack: RunningStack, number: str) -> str:
    return stack.sms_conversation(number)


def test_campsite_report_by_sms_end_to_end(stack: RunningStack) -> None:
    number = phone(30)
    first = stack.converse(number, "there's a tent camp blocking the sidewalk on SE Powell and 82nd")
    assert "danger" in first.lower(), first
    summary = stack.converse(number, "no")
    assert "Powell" in summary and "Reply 1" in summary, summary
    filed = stack.converse(number, "1")
    case = CASE.search(filed)
    assert case, filed
    status, requests = http_json("GET", f"{stack.front_door_url}/open311/v2/requests/{case.group(0)}.json")
    assert status == 200
    assert requests[0]["service_code"] == "campsite"
    assert "Powell" in requests[0]["address"]
    assert requests[0]["language"] == "en"
    assert number not in str(requests)


def test_graffiti_photo_by_mms_becomes_the_reports_media(stack: RunningStack) -> None:
    number = phone(31)
    assert "offensive" in stack.converse(number, "graffiti on the wall of the Hawthorne bridge").lower()
    assert "photo" in stack.converse(number, "no").lower()
    before = len(stack.sent_to(number))
    stack.text(
        number, "", NumMedia="1", MediaUrl0=f"{stack.twilio_url}/_fake/media/tag.png", MediaContentType0="image/png"
    )
    summary = "\n".join(m["body"] for m in stack.wait_replies(number, before + 1)[before:])
    assert "attached" in summary.lower(), summary
    case = CASE.search(stack.converse(number, "1")).group(0)
    _, requests = http_json("GET", f"{stack.front_door_url}/open311/v2/requests/{case}.json")
    media_url = requests[0]["media_url"]
    assert media_url.startswith(stack.front_door_url + "/media/")
    with urllib.request.urlopen(media_url) as response:
        assert response.headers["Content-Type"] == "image/png"


def test_non_image_mms_is_refused_politely(stack: RunningStack) -> None:
    number = phone(32)
    before = len(stack.sent_to(number))
    stack.text(
        number, "", NumMedia="1", MediaUrl0=f"{stack.twilio_url}/_fake/media/notes.txt", MediaContentType0="text/plain"
    )
    replies = stack.wait_replies(number, before + 1)
    assert "photo" in replies[-1]["body"].lower() or "foto" in replies[-1]["body"].lower()


@pytest.mark.parametrize(
    "body",
    [
        "",
        "😀😀😀",
        "<script>alert('x')</script>",
        "'; DROP TABLE service_requests; --",
        "status PDX-2026-999999",
        "a" * 10_000,
    ],
)
def test_bad_input_gets_a_sensible_reply(stack: RunningStack, body: str) -> None:
    number = phone(40 + len(body) % 50)
    answer = stack.converse(number, body)
    assert answer.strip()
    assert "<script>" not in answer


def test_status_callbacks_update_the_outbound_message(stack: RunningStack) -> None:
    number = phone(60)
    stack.converse(number, "hello")

    deadline = time.monotonic() + 15
    status = None
    while time.monotonic() < deadline:
        status = stack.scalar(
            "select status from outbound_messages where conversation_id = :id order by id desc limit 1",
            id=stack.sms_conversation(number),
        )
        if status == "delivered":
            break
        time.sleep(0.3)
    assert status == "delivered"


def test_invalid_utf8_is_answered_not_a_500(stack: RunningStack) -> None:
    number = phone(70)
    params = {
        "MessageSid": "SM" + "b" * 32,
        "From": number,
        "To": "+15035550100",
        "Body": "hola \ufffd",
        "NumMedia": "0",
    }
    raw = urllib.parse.urlencode({k: v for k, v in params.items() if k != "Body"}).encode() + b"&Body=hola+%FF"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": stack.sign("/sms/inbound", params),
    }
    status, _ = http_json("POST", stack.front_door_url + "/sms/inbound", raw, headers)
    assert status == 200
    assert stack.wait_replies(number, 1)


def test_twenty_attachments_are_bounded(stack: RunningStack) -> None:
    number = phone(71)
    media = {f"MediaUrl{n}": f"{stack.twilio_url}/_fake/media/p{n}.png" for n in range(20)}
    media.update({f"MediaContentType{n}": "image/png" for n in range(20)})

    def photos() -> int:
        return int(stack.scalar("select count(*) from media") or 0)

    before = photos()
    stack.text(number, "graffiti on my garage door at SE 60th and Stark", NumMedia="20", **media)
    replies = stack.wait_replies(number, 1)
    assert replies[0]["body"]
    items = stack.scalar("select media from inbound_messages order by id desc limit 1")
    stored = photos() - before
    assert 1 <= stored <= MEDIA_PER_MESSAGE  # at most three photos are downloaded and kept from one message
    details = items if isinstance(items, dict) else json.loads(items)
    assert len(details["items"]) <= MAX_MEDIA  # and no more than Twilio's ten are even recorded
