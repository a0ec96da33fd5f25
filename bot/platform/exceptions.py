"""The front door's own errors."""

from __future__ import annotations


class FrontDoorError(Exception):
    """Base of the front door's errors."""


class RasaUnavailable(FrontDoorError):
    """The Rasa server did not answer, or answered with an error."""


class DeliveryError(FrontDoorError):
    """An outbound message could not be handed to its channel."""


class MediaRejected(FrontDoorError):
    """An attachment is not an image we accept, or is too large."""
