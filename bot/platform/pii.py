"""Personal data at rest: phone numbers encrypted (Fernet) and found by keyed hash (HMAC)."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


class PiiKeyError(ValueError):
    """The configured key cannot decrypt a stored value."""


class PiiVault:
    """Encrypts, decrypts and hashes residents' addresses (phone numbers) with one secret."""

    def __init__(self, secret: str) -> None:
        root = hashlib.sha256(secret.encode("utf-8")).digest()
        self._hash_key = hmac.new(root, b"pdx311 lookup hash", hashlib.sha256).digest()
        enc_key = hmac.new(root, b"pdx311 encryption", hashlib.sha256).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(enc_key))

    def lookup_hash(self, address: str) -> str:
        """A stable keyed hash of ``address``, safe to index and to log."""
        return hmac.new(self._hash_key, address.strip().encode("utf-8"), hashlib.sha256).hexdigest()

    def encrypt(self, address: str) -> bytes:
        """Encrypt ``address`` for storage."""
        return self._fernet.encrypt(address.strip().encode("utf-8"))

    def decrypt(self, token: bytes) -> str:
        """Decrypt a stored address."""
        try:
            return self._fernet.decrypt(bytes(token)).decode("utf-8")
        except InvalidToken as err:
            raise PiiKeyError("stored contact cannot be decrypted with the configured key") from err


def mask(address: str) -> str:
    """A phone number with all but the last two digits hidden, for agents' lists."""
    digits = address.strip()
    return "•" * max(len(digits) - 2, 0) + digits[-2:]
