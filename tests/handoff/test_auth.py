"""Staff sign-in on SQLite and PostgreSQL: hashes, throttling, expiry, CSRF, every refusal audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.platform.db import Database, utcnow
from handoff import auth
from handoff.models import AuditEvent, StaffUser
from handoff.vocabulary import Role

PASSWORD = "a long enough password"


def make_user(db: Database, email: str = "agent@example.org", role: Role = Role.AGENT) -> int:
    with db.session() as session:
        return auth.create_user(session, email, PASSWORD, role).id


def test_passwords_are_salted_slow_hashes() -> None:
    first, second = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert first != second and first.startswith("scrypt$16384$8$1$") and PASSWORD not in first
    assert auth.verify_password(PASSWORD, first) and not auth.verify_password(PASSWORD + "!", first)
    assert not auth.verify_password(PASSWORD, "md5$whatever") and not auth.verify_password(PASSWORD, "")


def test_accounts_are_checked() -> None:
    with pytest.raises(auth.InvalidAccount, match="valid email"):
        auth.create_user(None, "not an email", PASSWORD, Role.AGENT)  # type: ignore[arg-type]
    with pytest.raises(auth.InvalidAccount, match="12 to 256"):
        auth.create_user(None, "a@example.org", "short", Role.AGENT)  # type: ignore[arg-type]


def test_sign_in_wrong_password_and_disabled_account_are_refused_and_audited(db: Database) -> None:
    user_id = make_user(db)
    with db.session() as session:
        assert isinstance(auth.sign_in(session, "Agent@Example.org ", PASSWORD, "10.0.0.1"), auth.NewSession)
        refused = auth.sign_in(session, "agent@example.org", "wrong password!", "10.0.0.1")
        unknown = auth.sign_in(session, "nobody@example.org", PASSWORD, "10.0.0.1")
        session.get(StaffUser, user_id).active = False
        disabled = auth.sign_in(session, "agent@example.org", PASSWORD, "10.0.0.1")
    assert all(isinstance(o, auth.WrongCredentials) for o in (refused, unknown, disabled))
    assert str(refused) == str(unknown) == "Wrong email or password."  # never says which
    with db.session() as session:
        outcomes = session.scalars(
            select(AuditEvent.outcome).where(AuditEvent.action == "sign_in").order_by(AuditEvent.id)
        ).all()
    assert outcomes == ["ok", "refused", "refused", "refused"]


def test_sign_in_is_throttled_after_five_failures(db: Database) -> None:
    make_user(db)
    now = utcnow()
    with db.session() as session:
        for _ in range(auth.FAILURES_PER_EMAIL):
            assert isinstance(
                auth.sign_in(session, "agent@example.org", "wrong password!", "10.0.0.2", now), auth.WrongCredentials
            )
        throttled = auth.sign_in(session, "agent@example.org", PASSWORD, "10.0.0.2", now)
        assert isinstance(throttled, auth.TooManyAttempts) and 0 < throttled.retry_after <= 900
        later = now + auth.THROTTLE_WINDOW + timedelta(seconds=1)
        assert isinstance(auth.sign_in(session, "agent@example.org", PASSWORD, "10.0.0.2", later), auth.NewSession)
        assert session.scalars(select(AuditEvent).where(AuditEvent.outcome == "throttled")).first() is not None


def test_sessions_expire_when_idle_and_absolutely(db: Database) -> None:
    make_user(db)
    now = utcnow()
    with db.session() as session:
        opened = auth.sign_in(session, "agent@example.org", PASSWORD, "10.0.0.3", now)
        assert isinstance(opened, auth.NewSession)
        assert auth.current(session, opened.token, now + timedelta(minutes=29)) is not None
        assert (
            auth.current(session, opened.token, now + timedelta(minutes=29) + auth.IDLE_EXPIRY + timedelta(seconds=1))
            is None
        )
        assert auth.current(session, opened.token, now + timedelta(minutes=30)) is None  # ended stays ended
        busy = auth.sign_in(session, "agent@example.org", PASSWORD, "10.0.0.3", now)
        assert isinstance(busy, auth.NewSession)
        moment = now
        while moment < now + auth.ABSOLUTE_EXPIRY - timedelta(minutes=20):
            moment += timedelta(minutes=20)
            assert auth.current(session, busy.token, moment) is not None
        assert auth.current(session, busy.token, now + auth.ABSOLUTE_EXPIRY + timedelta(seconds=1)) is None
        assert auth.current(session, "forged-token", now) is None


def test_csrf_token_must_match(db: Database) -> None:
    make_user(db)
    with db.session() as session:
        opened = auth.sign_in(session, "agent@example.org", PASSWORD, "10.0.0.4")
        assert isinstance(opened, auth.NewSession)
        signed_in = auth.current(session, opened.token)
    assert signed_in is not None
    assert auth.csrf_ok(signed_in, opened.csrf_token)
    assert (
        not auth.csrf_ok(signed_in, None) and not auth.csrf_ok(signed_in, "") and not auth.csrf_ok(signed_in, "x" * 43)
    )


def test_roles_include_the_ones_below() -> None:
    assert Role.ADMIN.includes(Role.SUPERVISOR) and Role.SUPERVISOR.includes(Role.AGENT)
    assert not Role.AGENT.includes(Role.SUPERVISOR) and not Role.SUPERVISOR.includes(Role.ADMIN)
