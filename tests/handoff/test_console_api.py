"""The console's HTTP interface against the running stack: refusals (each audited), roles, reports, headers."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import requests

from tests.harness.clients import ConsoleClient
from tests.harness.stack import RunningStack
from tests.harness.staff import PASSWORD, add_staff

pytestmark = pytest.mark.stack
Console = Callable[..., ConsoleClient]


def audited(stack: RunningStack, action: str, outcome: str, since: int) -> int:
    return int(
        stack.scalar(
            "SELECT count(*) FROM audit_events WHERE id > :since AND action = :action AND outcome = :outcome",
            since=since,
            action=action,
            outcome=outcome,
        )
    )


def last_audit(stack: RunningStack) -> int:
    return int(stack.scalar("SELECT coalesce(max(id), 0) FROM audit_events"))


def test_signed_out_wrong_password_and_throttling(stack: RunningStack) -> None:
    email = add_staff(stack.database_url, "agent")
    client = ConsoleClient(stack.front_door_url)
    assert client.call("GET", "queue")[0] == 401
    assert client.call("GET", "session")[1] == {"signed_in": False}
    since = last_audit(stack)
    assert client.sign_in(email, "not the password") == 401
    assert audited(stack, "sign_in", "refused", since) == 1
    for _ in range(4):
        client.sign_in(email, "not the password")
    status, body = client.call("POST", "login", {"email": email, "password": PASSWORD})
    assert status == 429 and body["retry_after"] > 0, body
    assert audited(stack, "sign_in", "throttled", since) == 1


def test_csrf_origin_and_role_refusals_are_audited(stack: RunningStack, console: Console) -> None:
    agent = console("agent")
    since = last_audit(stack)
    token, agent.csrf = agent.csrf, ""
    status, body = agent.call("POST", "handoffs/1/claim")
    assert status == 403 and "security token" in body["error"]
    agent.csrf = token
    foreign = agent.http.post(
        f"{stack.front_door_url}/console/api/handoffs/1/claim",
        headers={"X-CSRF-Token": token, "Origin": "https://evil.example"},
        timeout=10,
    )
    assert foreign.status_code == 403
    assert agent.call("GET", "stats")[0] == 403
    assert agent.call("POST", "users", {"email": "x@example.org", "password": PASSWORD, "role": "admin"})[0] == 403
    assert audited(stack, "POST /console/api/handoffs/1/claim", "refused", since) == 2
    assert audited(stack, "GET /console/api/stats", "refused", since) == 1
    assert audited(stack, "POST /console/api/users", "refused", since) == 1


def test_the_session_cookie_and_console_headers(stack: RunningStack) -> None:
    email = add_staff(stack.database_url, "agent")
    response = requests.post(
        f"{stack.front_door_url}/console/api/login",
        json={"email": email, "password": PASSWORD},
        headers={"Origin": stack.front_door_url},
        timeout=10,
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/console" in cookie
    page = requests.get(f"{stack.front_door_url}/console/", timeout=10)
    assert page.status_code == 200
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert "Access-Control-Allow-Origin" not in page.headers
    assert "Access-Control-Allow-Origin" not in response.headers
    assert requests.get(f"{stack.front_door_url}/console/static/connection.js", timeout=10).status_code == 200
    assert requests.get(f"{stack.front_door_url}/console/static/..%2f..%2fapp.py", timeout=10).status_code == 404


def test_admin_manages_accounts_and_supervisor_sees_the_floor(stack: RunningStack, console: Console) -> None:
    admin = console("admin")
    status, created = admin.call(
        "POST", "users", {"email": "New.Agent@Portland.example", "password": PASSWORD, "role": "agent", "spanish": True}
    )
    if status == 409:  # a rerun against the same database
        pytest.skip("account exists")
    assert status == 201 and created["user"]["email"] == "new.agent@portland.example" and created["user"]["spanish"]
    assert admin.call("POST", "users", {"email": "a@b.c", "password": "short", "role": "agent"})[0] == 400
    user_id = created["user"]["id"]
    assert admin.call("POST", f"users/{user_id}", {"role": "supervisor"})[1]["user"]["role"] == "supervisor"
    supervisor = ConsoleClient(stack.front_door_url)
    assert supervisor.sign_in("new.agent@portland.example", PASSWORD) == 200
    status, stats = supervisor.call("GET", "stats")
    assert status == 200 and {"queue_length", "longest_wait_seconds", "agents", "recent"} <= set(stats)
    assert any(a["email"] == "new.agent@portland.example" and a["online"] for a in stats["agents"])
    assert admin.call("POST", f"users/{user_id}", {"active": False})[0] == 200
    assert supervisor.call("GET", "stats")[0] == 401  # a disabled account's session ends at once
    assert admin.call("POST", f"users/{admin.user['id']}", {"active": False})[0] == 400


def test_agent_files_a_report_with_the_assistants_checks_and_looks_it_up(stack: RunningStack, console: Console) -> None:
    resident = "+15035550142"
    stack.converse(resident, "I need to speak to a person")
    agent = console("agent")
    item = agent.waiting_for(stack.sms_conversation(resident))
    assert agent.call("POST", f"handoffs/{item['id']}/claim")[0] == 200
    status, body = agent.call(
        "POST",
        f"handoffs/{item['id']}/report",
        {"service_code": "graffiti", "address_string": "since last week", "details": {}},
    )
    assert status == 422 and {"address_string", "surface", "offensive"} <= set(body["fields"]), body
    report = {
        "service_code": "graffiti",
        "address_string": "SE Hawthorne Blvd & SE 39th Ave",
        "description": "<script>alert(1)</script>tags on the mailbox",
        "details": {"surface": "mailbox", "offensive": "false"},
    }
    status, filed = agent.call("POST", f"handoffs/{item['id']}/report", report)
    assert status == 201, filed
    status, case = agent.call("GET", f"cases/{filed['case_number']}")
    assert status == 200 and case["service_name"] == "Graffiti" and "Hawthorne" in case["address"]
    description = stack.scalar(
        "SELECT description FROM service_requests WHERE service_request_id = :c", c=filed["case_number"]
    )
    assert "<script>" not in description and "tags on the mailbox" in description
    assert agent.call("GET", "cases/PDX-2026-999999")[0] == 404
    other = console("agent")
    assert other.call("POST", f"handoffs/{item['id']}/report", report)[0] == 409


def test_supervisor_reassigns_and_the_new_agent_replies(stack: RunningStack, console: Console) -> None:
    resident = "+15035550143"
    stack.converse(resident, "representative")
    first, second, supervisor = console("agent"), console("agent"), console("supervisor")
    item = first.waiting_for(stack.sms_conversation(resident))
    assert first.call("POST", f"handoffs/{item['id']}/claim")[0] == 200
    status, moved = supervisor.call("POST", f"handoffs/{item['id']}/reassign", {"agent_id": second.user["id"]})
    assert status == 200 and moved["handoff"]["agent"]["id"] == second.user["id"]
    assert first.call("POST", f"handoffs/{item['id']}/reply", {"text": "hi"})[0] == 409
    assert second.call("POST", f"handoffs/{item['id']}/reply", {"text": "hi"})[0] == 200
    assert second.call("POST", f"handoffs/{item['id']}/resolve")[0] == 200
    deadline = time.monotonic() + 20
    while "closed this conversation" not in stack.sent_to(resident)[-1]["body"] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "closed this conversation" in stack.sent_to(resident)[-1]["body"]
    assert stack.scalar("SELECT status FROM handoff_requests WHERE id = :id", id=item["id"]) == "resolved"
