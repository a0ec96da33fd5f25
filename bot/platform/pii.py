"""Personal data at rest: phone numbers encrypted (Fernet) and found by keyed hash (HMAC).

Keys rotate: ``PII_ENCRYPTION_KEY`` may list several keys, newest first. New values are encrypted with
the newest, and any listed key decrypts; ``rotate`` re-encrypts a stored value with the newest key (the
re-encryption command runs it over every contact). The lookup hash has its own key (``PII_LOOKUP_KEY``;
by default the oldest encryption key, so adding a key changes nothing), which is why a number that opted
out is found, and stays opted out, across a rotation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class PiiKeyError(ValueError):
    """No configured key can decrypt a stored value."""


def parse_keys(value: str) -> list[str]:
    """The keys in a ``PII_ENCRYPTION_KEY`` value: comma-separated, newest first."""
    return [key.strip() for key in value.split(",") if key.strip()]


def _derived(secret: str, purpose: bytes) -> bytes:
    root = hashlib.sha256(secret.encode("utf-8")).digest()
    return hmac.new(root, purpose, hashlib.sha256).digest()


class PiiVault:
    """Encrypts, decrypts and hashes residents' addresses (phone numbers)."""

    def __init__(self, keys: str | Sequence[str], lookup_key: str | None = None) -> None:
        """Use ``keys`` (newest first; a string may hold several, comma-separated) and the lookup key.

        Raises:
            ValueError: If no key is given.
        """
        secrets = parse_keys(keys) if isinstance(keys, str) else [k for k in keys if k]
        if not secrets:
            raise ValueError("at least one PII encryption key is needed")
        self._hash_key = _derived(lookup_key or secrets[-1], b"pdx311 lookup hash")
        self._fernet = MultiFernet(
            [Fernet(base64.urlsafe_b64encode(_derived(secret, b"pdx311 encryption"))) for secret in secrets]
        )

    def lookup_hash(self, address: str) -> str:
        """A stable keyed hash of ``address``, safe to index and to log."""
        return hmac.new(self._hash_key, address.strip().encode("utf-8"), hashlib.sha256).hexdigest()

    def encrypt(self, address: str) -> bytes:
        """Encrypt ``address`` for storage (with the newest key)."""
        return self._fernet.encrypt(address.strip().encode("utf-8"))

    def decrypt(self, token: bytes) -> str:
        """Decrypt a stored address with whichever configured key made it."""
        try:
            return self._fernet.decrypt(bytes(token)).decode("utf-8")
        except InvalidToken as err:
            raise PiiKeyError("stored contact cannot be decrypted with the configured keys") from err

    def rotate(self, token: bytes) -> bytes:
        """The stored value encrypted again with the newest key."""
        try:
            return self._fernet.rotate(bytes(token))
        except InvalidToken as err:
            raise PiiKeyError("stored contact cannot be decrypted with the configured keys") from err


def mask(address: str) -> str:
    """A phone number with all but the last two digits hidden, for agents' lists."""
    digits = address.strip()
    return "•" * max(len(digits) - 2, 0) + digits[-2:]
