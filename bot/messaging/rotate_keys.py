"""Re-encrypt every stored phone number with the newest PII key: ``python -m bot.messaging.rotate_keys``.

Rotation, step by step: put the new key first in ``PII_ENCRYPTION_KEY`` (``new,old``) and restart;
run this command; then the old key may be removed from the list. Set ``PII_LOOKUP_KEY`` to the old
key (or keep it last in the list) so that phone numbers are still found by the same lookup hash and
opted-out residents stay opted out.
"""

from __future__ import annotations

import argparse
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messaging.models import Contact
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings

logger = logging.getLogger(__name__)
BATCH = 500


def rotate_contacts(db: Database, vault: PiiVault) -> int:
    """Re-encrypt every contact's address with the vault's newest key, in batches; returns how many."""
    done = 0
    last_id = 0
    while True:

        def batch(session: Session, after: int = last_id) -> list[int]:
            rows = session.scalars(
                select(Contact).where(Contact.id > after).order_by(Contact.id).limit(BATCH).with_for_update()
            ).all()
            for contact in rows:
                contact.address_encrypted = vault.rotate(contact.address_encrypted)
            return [contact.id for contact in rows]

        with db.session() as session:
            ids = batch(session)
        if not ids:
            return done
        done += len(ids)
        last_id = ids[-1]


def main(argv: list[str] | None = None) -> None:
    """Run the rotation against DATABASE_URL with PII_ENCRYPTION_KEY / PII_LOOKUP_KEY."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    settings = Settings.from_env()
    vault = PiiVault(settings.pii_key, settings.pii_lookup_key or None)
    count = rotate_contacts(Database(settings.database_url), vault)
    print(f"re-encrypted {count} contacts with the newest key")


if __name__ == "__main__":
    main()
