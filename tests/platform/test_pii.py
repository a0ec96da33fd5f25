"""Phone numbers at rest: encrypted, found by keyed hash, never in clear in the database."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from bot.messaging.conversations import get_or_create_contact
from bot.platform.db import Database
from bot.platform.pii import PiiKeyError, PiiVault, mask


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
