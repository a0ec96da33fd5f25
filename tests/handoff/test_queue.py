"""The handoff queue on SQLite and PostgreSQL: ordering, atomic claims, moves, restarts, the wait estimate."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.messaging.conversations import get_or_create_conversation
from bot.messaging.models import Conversation
from bot.messaging.vocabulary import Channel
from bot.platform.db import Database, engine_for, utcnow
from handoff import queue, retention
from handoff.auth import create_user
from handoff.desk import is_cancel
from handoff.models import AgentNote, HandoffEvent, HandoffRequest, StaffSession, StaffUser
from handoff.queue import ClaimConflict
from handoff.vocabulary import HandoffReason, Role


def conversation(db: Database, cid: str, language: str = "en") -> str:
    def make(session: object) -> None:
        get_or_create_conversation(session, cid, Channel.SMS).language = language  # type: ignore[arg-type]

    with db.session() as session:
        make(session)
    return cid


def agent(db: Database, email: str, spanish: bool = False, online: bool = True) -> StaffUser:
    with db.session() as session:
        user = create_user(session, email, "long enough password", Role.AGENT, spanish)
        if online:
            session.add(StaffSession(token_hash=email.ljust(64, "x")[:64], user_id=user.id, csrf_token="t"))
        return user


def test_priority_then_oldest_first_and_callbacks_last(db: Database) -> None:
    now = utcnow()
    with db.session() as session:
        for i, (reason, callback) in enumerate(
            [
                (HandoffReason.ASKED, True),
                (HandoffReason.ASKED, False),
                (HandoffReason.NOT_UNDERSTOOD, False),
                (HandoffReason.ACTION_ERROR, False),
                (HandoffReason.INTERPRETER, False),
            ]
        ):
            get_or_create_conversation(session, f"c{i}", Channel.SMS)
            queue.enqueue(session, f"c{i}", reason, callback=callback, now=now + timedelta(seconds=i))
    someone = agent(db, "a@example.org")
    with db.session() as session:
        order = [r.conversation_id for r in queue.waiting_for(session, someone)]
        positions = [queue.position(session, r) for r in queue.waiting_for(session, someone)]
    assert order == ["c3", "c4", "c1", "c2", "c0"]
    assert positions == [1, 2, 3, 4, 5]


def test_asking_again_keeps_the_place_and_the_conversation_waits(db: Database) -> None:
    conversation(db, "c1")
    with db.session() as session:
        first = queue.enqueue(session, "c1", HandoffReason.ASKED)
        again = queue.enqueue(session, "c1", HandoffReason.ASKED)
        assert session.get(Conversation, "c1").mode == "waiting"
    assert again.handoff_id == first.handoff_id and again.already_waiting and not first.already_waiting


def test_a_claim_is_atomic_under_concurrency(db: Database) -> None:
    conversation(db, "c1")
    with db.session() as session:
        handoff_id = queue.enqueue(session, "c1", HandoffReason.ASKED).handoff_id
    agents = [agent(db, f"agent{i}@example.org") for i in range(8)]
    barrier = threading.Barrier(len(agents))
    outcomes: dict[int, str] = {}

    def claim(user: StaffUser) -> None:
        barrier.wait()
        try:
            with db.session() as session:
                queue.claim(session, handoff_id, user)
            outcomes[user.id] = "won"
        except ClaimConflict:
            outcomes[user.id] = "lost"

    threads = [threading.Thread(target=claim, args=(a,)) for a in agents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["lost"] * 7 + ["won"]
    winner = next(uid for uid, outcome in outcomes.items() if outcome == "won")
    with db.session() as session:
        row = session.get(HandoffRequest, handoff_id)
        assert (row.status, row.agent_id) == ("claimed", winner)
        assert session.get(Conversation, "c1").mode == "agent"


def test_moves_follow_the_status_table(db: Database) -> None:
    conversation(db, "c1")
    someone, other = agent(db, "a@example.org"), agent(db, "b@example.org")
    with db.session() as session:
        handoff_id = queue.enqueue(session, "c1", HandoffReason.ASKED).handoff_id
        with pytest.raises(ClaimConflict, match="Claim"):
            queue.resolve(session, handoff_id, someone)
        queue.claim(session, handoff_id, someone)
        with pytest.raises(ClaimConflict, match="another agent"):
            queue.return_to_assistant(session, handoff_id, other)
        assert queue.abandon(session, "c1") is None  # an agent has it: "cancel" is for them to read
        queue.reassign(session, handoff_id, other)
        queue.resolve(session, handoff_id, other)
        assert session.get(Conversation, "c1").mode == "bot"
        with pytest.raises(ClaimConflict, match="closed"):
            queue.claim(session, handoff_id, someone)
        kinds = session.scalars(select(HandoffEvent.kind).where(HandoffEvent.handoff_id == handoff_id)).all()
    assert kinds == ["queue"] * 4


def test_the_queue_survives_a_restart(database_url: str) -> None:
    db = Database(database_url)
    conversation(db, "c1")
    with db.session() as session:
        queue.enqueue(session, "c1", HandoffReason.FORM_FAILED, report={"service": "graffiti", "slots": {}})
    engine_for(database_url).dispose()  # every connection gone, as after a restart
    again = Database(database_url)
    someone = agent(again, "a@example.org")
    with again.session() as session:
        waiting = queue.waiting_for(session, someone)
        assert [(r.conversation_id, r.reason, r.report["service"]) for r in waiting] == [
            ("c1", "form_failed", "graffiti")
        ]


def test_spanish_conversations_are_offered_to_spanish_speakers_first(db: Database) -> None:
    conversation(db, "en1")
    conversation(db, "es1", "es")
    now = utcnow()
    with db.session() as session:
        queue.enqueue(session, "en1", HandoffReason.ASKED, now=now)
        queue.enqueue(session, "es1", HandoffReason.ASKED, language="es", now=now + timedelta(seconds=1))
    english, spanish = agent(db, "en@example.org"), agent(db, "es@example.org", spanish=True)
    with db.session() as session:
        assert [r.conversation_id for r in queue.waiting_for(session, spanish, now + timedelta(seconds=5))] == [
            "es1",
            "en1",
        ]
        assert [r.conversation_id for r in queue.waiting_for(session, english, now + timedelta(seconds=5))] == ["en1"]
        later = now + queue.SPANISH_FIRST + timedelta(seconds=2)
        assert [r.conversation_id for r in queue.waiting_for(session, english, later)] == ["en1", "es1"]


def test_the_wait_estimate_grows_with_the_line_and_shrinks_with_agents(db: Database) -> None:
    now = utcnow()
    with db.session() as session:
        for i in range(6):
            get_or_create_conversation(session, f"c{i}", Channel.SMS)
            queue.enqueue(session, f"c{i}", HandoffReason.ASKED, now=now)
        rows = session.scalars(select(HandoffRequest).order_by(HandoffRequest.id)).all()
        first, last = rows[0], rows[-1]
        # No history yet: six minutes a conversation; half of one until an agent is free.
        assert queue.wait_minutes(session, first, now, agents_online=1) == 3
        assert queue.wait_minutes(session, last, now, agents_online=1) == 33
        assert queue.wait_minutes(session, last, now, agents_online=5) == 9


def test_purge_keeps_what_is_recent(db: Database) -> None:
    now = utcnow()
    conversation(db, "c1")
    someone = agent(db, "a@example.org")
    with db.session() as session:
        handoff_id = queue.enqueue(session, "c1", HandoffReason.ASKED, now=now).handoff_id
        session.add(
            AgentNote(handoff_id=handoff_id, user_id=someone.id, body="old", created_at=now - timedelta(days=400))
        )
        session.add(AgentNote(handoff_id=handoff_id, user_id=someone.id, body="new", created_at=now))
        session.add(HandoffEvent(kind="queue", handoff_id=handoff_id, created_at=now - timedelta(days=2)))
    purged = retention.purge(db, days=365, now=now)
    assert (purged.events, purged.notes) == (1, 1)
    with db.session() as session:
        assert session.scalars(select(AgentNote.body)).all() == ["new"]
        assert session.scalars(select(HandoffRequest.id)).all() == [handoff_id]  # the queue's records stay


@pytest.mark.parametrize("text", ["BACK", "volver", "Volver.", "asistente", "cancel", "Cancelar!"])
def test_words_that_leave_the_queue(text: str) -> None:
    assert is_cancel(text)


@pytest.mark.parametrize("text", ["the car is back again", "cancel my graffiti report please", "no", "hola"])
def test_other_messages_go_to_the_agent(text: str) -> None:
    assert not is_cancel(text)
