"""Statuses as data: the moves each vocabulary allows, and a table that forgets a status is refused."""

from __future__ import annotations

import pytest

from bot.messaging.vocabulary import ConversationMode, InboundStatus, OutboundStatus
from bot.platform.states import Status
from broadcasts.vocabulary import BroadcastStatus
from handoff.vocabulary import HandoffStatus


@pytest.mark.parametrize(
    "vocabulary", [InboundStatus, OutboundStatus, ConversationMode, BroadcastStatus, HandoffStatus]
)
def test_every_status_has_its_moves_and_every_move_stays_in_the_vocabulary(vocabulary: type[Status]) -> None:
    table = vocabulary.moves()
    assert set(table) == set(vocabulary)
    assert all(target in vocabulary for targets in table.values() for target in targets)


def test_moves_are_one_way_where_the_table_says_so() -> None:
    assert OutboundStatus.QUEUED.can_become(OutboundStatus.SENDING)
    assert not OutboundStatus.SENT.can_become(OutboundStatus.QUEUED)  # a late report never un-sends
    assert OutboundStatus.SENDING.can_become(OutboundStatus.QUEUED)  # a retry
    assert not BroadcastStatus.SENT.can_become(BroadcastStatus.CANCELLED)
    assert ConversationMode.WAITING.can_become(ConversationMode.AGENT)
    assert not ConversationMode.BOT.can_become(ConversationMode.AGENT)


def test_a_table_that_leaves_a_status_out_is_refused() -> None:
    class Light(Status):
        RED = "red"
        GREEN = "green"

    with pytest.raises(TypeError, match="green"):
        Light.allow_moves({Light.RED: {Light.GREEN}})
    Light.allow_moves({Light.RED: {Light.GREEN}, Light.GREEN: {Light.RED}})
    assert Light.GREEN.can_become(Light.RED)
