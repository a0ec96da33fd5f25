"""The outbox's web chat channel: messages pushed to the open widgets of the conversation."""

from __future__ import annotations

from bot.channels.webchat.protocol import message_frame
from bot.messaging.outbox import Delivery, PartRecorder
from bot.platform.sockets import SocketHub


class WebchatTransport:
    """Delivers to the open sockets; a closed widget gets the message on its next resume."""

    def __init__(self, hub: SocketHub) -> None:
        self._hub = hub

    async def deliver(self, delivery: Delivery, record_part: PartRecorder) -> None:
        """Push to the widget (a web chat message has no provider parts to record)."""
        await self._hub.push(
            delivery.conversation_id,
            message_frame(
                delivery.id, delivery.text, delivery.buttons, delivery.image, delivery.language, delivery.origin
            ),
        )
