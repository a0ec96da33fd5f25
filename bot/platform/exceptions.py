"""The front door's own errors."""

from __future__ import annotations


class FrontDoorError(Exception):
    """Base of the front door's errors."""


class RasaUnavailable(FrontDoorError):
    """The Rasa server did not answer, or answered with an error."""


class RasaNotReady(RasaUnavailable):
    """The Rasa server is not reachable or is still loading its model: wait for it, the message is not at fault."""


class DeliveryError(FrontDoorError):
    """An outbound message could not be handed to its channel."""


class MediaRejected(FrontDoorError):
    """An attachment is not an image we accept, or is too large."""
