"""Composing, approving, enqueueing and cancelling broadcasts (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.messaging.models import Contact, OutboundMessage
from bot.platform.db import Database
from broadcasts import service
from broadcasts.models import AlertSubscription
from broadcasts.vocabulary import BroadcastStatus
from tests.broadcasts.support import VAULT, phone, subscribe

EN = "Boil water notice for NE Portland until further notice."
ES = "Aviso de hervir el agua en el noreste de Portland hasta nuevo aviso."


def test_a_missing_language_too_many_segments_and_zips_outside_the_area_are_refused() -> None:
    with pytest.raises(service.InvalidBroadcast) as refused:
        service.check("x" * 1531, "", "emergency", "97211,98101")
    fields = refused.value.fields
    assert fields["text_en"] == "The English text takes 11 SMS segments; the most is 10. Shorten it."
    assert "Spanish text is required" in fields["text_es"]
    assert fields["zips"] == "Not Portland or Multnomah County ZIP codes: 98101."
    with pytest.raises(service.InvalidBroadcast, match="severity"):
        service.check(EN, ES, "apocalyptic", None)


def test_the_stop_instruction_is_added_when_it_fits() -> None:
    draft = service.check(EN, ES, "urgent", "")
    assert draft.bodies == {"en": EN + " Reply STOP to end.", "es": ES + " Responda PARAR para cancelar."}
    full = "a" * 160
    assert service.check(full, full, "urgent", "").bodies["en"] == full  # it would take a second segment


def test_recipients_preview_and_enqueue_once(db: Database) -> None:
    subscribe(db, [(phone(i), "es" if i < 4 else "en", "97211" if i % 2 else "97206") for i in range(10)])
    with db.session() as session:
        # One subscriber texted STOP, one asked but never confirmed.
        session.scalars(
            select(Contact).where(Contact.address_hash == VAULT.lookup_hash(phone(1)))
        ).one().opted_out = True
        subscription = session.scalars(select(AlertSubscription).order_by(AlertSubscription.id.desc())).first()
        subscription.status = "pending"  # phone(9)
        draft = service.check(EN, ES, "urgent", "97211", rate=2)
        shown = service.preview(session, draft, sending_rate=1)
        assert shown.recipients == {"en": 2, "es": 1}  # 3 and 7 (en), 1 opted out, 9 pending; 3? es: none but 3
        assert shown.segments == {"en": 1, "es": 1} and shown.encoding == {"en": "GSM-7", "es": "GSM-7"}
        assert shown.seconds == 1.5
        broadcast = service.create(session, draft, None, "cli", approval_required=True)
        assert service.enqueue(session, broadcast.id) == 3
        assert service.enqueue(session, broadcast.id) == 0
        rows = session.execute(
            select(OutboundMessage.origin, OutboundMessage.status, OutboundMessage.body).where(
                OutboundMessage.broadcast_id == broadcast.id
            )
        ).all()
    assert sorted(r[2].split(" ")[0] for r in rows) == ["Aviso", "Boil", "Boil"]
    assert {(r[0], r[1]) for r in rows} == {("broadcast", "queued")}


def test_an_emergency_needs_a_second_broadcaster(db: Database) -> None:
    with db.session() as session:
        draft = service.check(EN, ES, "emergency", "")
        broadcast = service.create(session, draft, created_by=None, via="console", approval_required=True)
        assert broadcast.status == BroadcastStatus.AWAITING_APPROVAL
        urgent = service.create(session, service.check(EN, ES, "urgent", ""), None, "console", approval_required=True)
        assert urgent.status == BroadcastStatus.APPROVED
        switched_off = service.create(session, draft, None, "console", approval_required=False)
        assert switched_off.status == BroadcastStatus.APPROVED
        service.approve(session, broadcast.id, None)  # the command-line operator
        with pytest.raises(service.NotAllowed, match="not waiting"):
            service.approve(session, broadcast.id, None)


def test_cancelling_stops_what_is_still_queued(db: Database) -> None:
    subscribe(db, [(phone(i), "en", "97211") for i in range(4)])
    with db.session() as session:
        broadcast = service.create(session, service.check(EN, ES, "advisory", ""), None, "cli", True)
        service.enqueue(session, broadcast.id)
        first = session.scalars(select(OutboundMessage).where(OutboundMessage.broadcast_id == broadcast.id)).first()
        first.status = "sent"
        assert service.cancel(session, broadcast.id, None) == 3
        assert service.progress(session, broadcast.id)["en"] == {"sent": 1, "cancelled": 3}
        with pytest.raises(service.NotAllowed):
            service.cancel(session, broadcast.id, None)
