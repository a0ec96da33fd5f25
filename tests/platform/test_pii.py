"""Phone numbers at rest: encrypted, found by keyed hash, never in clear in the database."""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.messaging.conversations import get_or_create_contact, set_opt_out
from bot.messaging.models import Contact
from bot.messaging.rotate_keys import rotate_contacts
from bot.platform.db import Database
from bot.platform.pii import PiiKeyError, PiiVault, mask
from bot.platform.settings import ROOT
from tests.harness.databases import migrate


def test_round_trip_and_keyed_hash() -> None:
    vault = PiiVault("secret-one")
    token = vault.encrypt("+15035550123")
    assert b"5035550123" not in token
    assert vault.decrypt(token) == "+15035550123"
    assert vault.lookup_hash("+15035550123") == vault.lookup_hash(" +15035550123 ")
    assert vault.lookup_hash("+15035550123") != PiiVault("secret-two").lookup_hash("+15035550123")
    with pytest.raises(PiiKeyError):
        PiiVault("secret-two").decrypt(token)
    assert mask("+15035550123") == "••••••••••23"


async def test_contacts_are_stored_encrypted(db: Database) -> None:
    vault = PiiVault("k")
    await db.run(lambda s: get_or_create_contact(s, vault, "sms", "+15035550199"))
    again = await db.run(lambda s: get_or_create_contact(s, vault, "sms", "+15035550199").id)
    assert again == 1
    with db.engine.connect() as connection:
        dump = " ".join(str(row) for row in connection.execute(text("select * from contacts")))
    assert "5035550199" not in dump


def test_encryption_is_not_an_encoding() -> None:
    vault = PiiVault("secret-one")
    first, second = vault.encrypt("+15035550123"), vault.encrypt("+15035550123")
    assert first != second  # a random IV each time: an encoding would be the same twice
    for decode in (base64.b64decode, base64.urlsafe_b64decode, base64.b32decode):
        with contextlib.suppress(ValueError, binascii.Error):
            assert b"5035550123" not in decode(first + b"=" * (-len(first) % 8))


async def test_keys_rotate_and_opted_out_numbers_stay_opted_out(db: Database) -> None:
    old = PiiVault("old-key")

    def opted_out_contact(session: Session) -> int:
        contact = get_or_create_contact(session, old, "sms", "+15035550142")
        set_opt_out(contact, True)
        return int(contact.id)

    contact_id = await db.run(opted_out_contact)
    rotating = PiiVault("new-key,old-key")  # the new key first; the old one still decrypts and hashes
    assert rotate_contacts(db, rotating) == 1
    after = PiiVault("new-key", lookup_key="old-key")  # the old key is gone from the list
    stored = await db.run(lambda s: s.get(Contact, contact_id).address_encrypted)
    assert after.decrypt(stored) == "+15035550142"
    with pytest.raises(PiiKeyError):
        PiiVault("old-key").decrypt(stored)  # really re-encrypted
    again = await db.run(lambda s: get_or_create_contact(s, after, "sms", "+15035550142"))
    assert again.id == contact_id and again.opted_out


def test_the_rotation_command_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'rotate.db'}"
    migrate(url)
    with Database(url).session() as session:
        get_or_create_contact(session, PiiVault("a"), "sms", "+15035550143")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url, "PII_ENCRYPTION_KEY": "b,a"}
    done = subprocess.run(
        [sys.executable, "-m", "bot.messaging.rotate_keys"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "re-encrypted 1 contacts" in done.stdout
