"""Staff accounts and console sessions: password hashes, expiring sessions, CSRF, throttling, the audit log.

Sessions have an idle and an absolute expiry; sign-in is throttled per email and per address.

Passwords are hashed with scrypt (``hashlib.scrypt``, N=2**14, r=8, p=1, 16-byte salt) and compared in
constant time. A session's cookie carries a random token; the table keeps only its SHA-256, so a copy of
the database does not sign anyone in.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.platform.db import aware, utcnow
from handoff.models import AuditEvent, LoginFailure, StaffSession, StaffUser
from handoff.vocabulary import Role

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 256
FAILURES_PER_EMAIL = 5
FAILURES_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(minutes=15)
IDLE_EXPIRY = timedelta(minutes=30)
ABSOLUTE_EXPIRY = timedelta(hours=12)


class AuthError(Exception):
    """Base of sign-in and account refusals; the message is a sentence for staff."""


class WrongCredentials(AuthError):
    """Unknown email, wrong password or disabled account (never said which)."""


class TooManyAttempts(AuthError):
    """Sign-in is throttled for this email or address."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"Too many failed sign-ins. Try again in {max(1, retry_after // 60)} minutes.")
        self.retry_after = retry_after


class InvalidAccount(AuthError):
    """An account that cannot be created or changed as asked."""


def hash_password(password: str) -> str:
    """A salted scrypt hash, with its parameters, for storing."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(digest) // 2
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate.hex(), digest)


@functools.cache
def _dummy_hash() -> str:
    """A hash to check unknown emails against (made on the first sign-in, not at every process's start)."""
    return hash_password(secrets.token_hex(16))


def normalize_email(email: str) -> str:
    """Emails compare without case or surrounding spaces."""
    return email.strip().lower()


def create_user(session: Session, email: str, password: str, role: Role, spanish: bool = False) -> StaffUser:
    """A new staff account.

    Raises:
        InvalidAccount: A malformed email, a short password, or an email already taken.
    """
    email = normalize_email(email)
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise InvalidAccount("Enter a valid email address.")
    if not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise InvalidAccount(f"The password must have {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters.")
    if session.scalars(select(StaffUser.id).where(StaffUser.email == email)).first() is not None:
        raise InvalidAccount("An account with that email already exists.")
    user = StaffUser(email=email, password_hash=hash_password(password), role=Role(role), spanish=spanish)
    session.add(user)
    session.flush()
    return user


@dataclass(frozen=True)
class NewSession:
    """A signed-in console: the cookie's token (shown once) and the CSRF token."""

    token: str
    csrf_token: str
    user_id: int


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _throttled_for(session: Session, email: str, address: str, now: datetime) -> int:
    """Seconds until a sign-in may be tried again (0: now)."""
    since = now - THROTTLE_WINDOW
    limits = ((LoginFailure.email, email, FAILURES_PER_EMAIL), (LoginFailure.address, address, FAILURES_PER_ADDRESS))
    for column, value, limit in limits:
        rows = session.execute(
            select(func.count(), func.min(LoginFailure.at)).where(column == value, LoginFailure.at >= since)
        ).one()
        if rows[0] >= limit:
            return max(1, int((aware(rows[1]) + THROTTLE_WINDOW - now).total_seconds()))
    return 0


def sign_in(
    session: Session, email: str, password: str, address: str, now: datetime | None = None
) -> NewSession | AuthError:
    """Check the password and open a session; every outcome is audited.

    A refusal is returned, not raised, so that the caller's transaction commits its audit record and the
    failure count: ``TooManyAttempts`` (too many recent failures for this email or address) or
    ``WrongCredentials`` (the email, the password or the account is not right; never said which).
    """
    now = now or utcnow()
    email = normalize_email(email)[:254]
    wait = _throttled_for(session, email, address, now)
    if wait:
        audit(session, None, "sign_in", email, "throttled", address)
        return TooManyAttempts(wait)
    user = session.scalars(select(StaffUser).where(StaffUser.email == email)).first()
    # Hash even for an unknown email, so the answer takes as long either way.
    ok = verify_password(password[:MAX_PASSWORD_CHARS], user.password_hash if user else _dummy_hash())
    if user is None or not ok or not user.active:
        session.add(LoginFailure(email=email, address=address, at=now))
        audit(session, user.id if user else None, "sign_in", email, "refused", address)
        return WrongCredentials("Wrong email or password.")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(
        StaffSession(token_hash=_token_hash(token), user_id=user.id, csrf_token=csrf, created_at=now, last_seen_at=now)
    )
    audit(session, user.id, "sign_in", email, "ok", address)
    return NewSession(token, csrf, user.id)


@dataclass(frozen=True)
class SignedIn:
    """The staff member behind a valid session."""

    user: StaffUser
    csrf_token: str
    token_hash: str


def current(
    session: Session,
    token: str | None,
    now: datetime | None = None,
    touch: bool = True,
    idle: timedelta = IDLE_EXPIRY,
    absolute: timedelta = ABSOLUTE_EXPIRY,
) -> SignedIn | None:
    """The session's user if the token is valid and the session has not expired (``idle`` or ``absolute``)."""
    if not token:
        return None
    now = now or utcnow()
    row = session.get(StaffSession, _token_hash(token))
    if row is None or row.ended_at is not None:
        return None
    if now - aware(row.last_seen_at) > idle or now - aware(row.created_at) > absolute:
        row.ended_at = now
        return None
    user = session.get(StaffUser, row.user_id)
    if user is None or not user.active:
        row.ended_at = now
        return None
    if touch:
        row.last_seen_at = now
    return SignedIn(user, row.csrf_token, row.token_hash)


def sign_out(session: Session, token: str | None, now: datetime | None = None) -> None:
    """End the session (the cookie is cleared by the caller)."""
    if token:
        row = session.get(StaffSession, _token_hash(token))
        if row is not None and row.ended_at is None:
            row.ended_at = now or utcnow()


def csrf_ok(signed_in: SignedIn, header_value: str | None) -> bool:
    """Whether a state-changing request carries the session's CSRF token."""
    return bool(header_value) and hmac.compare_digest(signed_in.csrf_token, header_value or "")


def audit(
    session: Session,
    user_id: int | None,
    action: str,
    target: str | None = None,
    outcome: str = "ok",
    address: str | None = None,
    **details: object,
) -> None:
    """Append to the audit log (in the caller's transaction)."""
    session.add(
        AuditEvent(
            user_id=user_id,
            action=action,
            target=(target or "")[:128] or None,
            outcome=outcome,
            address=(address or "")[:64] or None,
            details=details,
        )
    )
