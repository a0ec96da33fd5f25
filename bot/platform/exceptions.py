"""The front door's own errors."""

from __future__ import annotations


class FrontDoorError(Exception):
    """Base of the front door's errors."""


class RasaUnavailable(FrontDoorError):
    """The Rasa server did not answer, or answered with an error."""


class RasaNotReady(RasaUnavailable):
    """The Rasa server is not reachable or is still loading its model: wait for it, the message is not at fault."""


class DeliveryError(FrontDoorError):
    """An outbound message could not be handed to its channel.

    Attributes:
        retryable: Trying again later may succeed (rate limit, server or network failure).
        outcome_unknown: The request may have reached the provider (a timeout or a reset after sending):
            whether the message went out must be checked with the provider before sending it again.
        opted_out: The recipient has opted out at the carrier (Twilio error 21610).
    """

    def __init__(
        self, message: str, *, retryable: bool = False, outcome_unknown: bool = False, opted_out: bool = False
    ) -> None:
        super().__init__(message)
        self.retryable = retryable or outcome_unknown
        self.outcome_unknown = outcome_unknown
        self.opted_out = opted_out


class MediaRejected(FrontDoorError):
    """An attachment is not an image we accept, or is too large."""
