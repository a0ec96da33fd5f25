"""Residents' photos: checked, stripped of their metadata, kept on disk, and served under unguessable URLs.

A photo is decoded and written again with Pillow before it is stored, so EXIF data (the GPS position of
the resident's phone, its serial number, the time) never reaches the disk or Open311. MMS photos are
downloaded only from Twilio's own hosts, with the account's credentials sent to Twilio alone.
"""

from __future__ import annotations

import asyncio
import io
import logging
import secrets
import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import aiohttp
from aiohttp import web
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.messaging.models import Media
from bot.platform.db import Database
from bot.platform.exceptions import MediaRejected
from bot.platform.http import HttpClient
from bot.platform.settings import Settings

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
MAX_ITEMS = 3
"""Photos kept from one message (an MMS may carry ten)."""
MAX_PER_CONVERSATION = 20
"""Photos one conversation may store: a report needs a few, not a gallery."""
MAX_PIXELS = 40_000_000
"""Larger images are refused before they are decoded (a small file can expand to gigabytes)."""
TWILIO_MEDIA_HOSTS = frozenset({"api.twilio.com"})
MAX_REDIRECTS = 3
_PILLOW_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
_MAGIC = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def without_metadata(data: bytes, kind: str) -> bytes:
    """The image written again without EXIF, GPS, comments or embedded profiles; turned upright first.

    Raises:
        MediaRejected: If the bytes do not decode as an image, or it is too large to decode safely.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise MediaRejected("image too large to decode")
                out = io.BytesIO()
                if kind == "image/gif":  # no EXIF in GIF; its comment and extensions are dropped
                    for key in ("comment", "extension"):
                        image.info.pop(key, None)
                    image.save(out, format="GIF", save_all=True)
                    return out.getvalue()
                upright = ImageOps.exif_transpose(image)
                if upright.mode == "P":
                    upright = upright.convert("RGBA")
                clean = Image.new(upright.mode, upright.size)  # a new image carries no metadata at all
                clean.paste(upright)
                options: dict[str, Any] = {"quality": 90} if kind in ("image/jpeg", "image/webp") else {}
                clean.save(out, format=_PILLOW_FORMATS[kind], **options)
                return out.getvalue()
    except MediaRejected:
        raise
    except Image.DecompressionBombWarning as err:
        raise MediaRejected("image too large to decode") from err
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as err:
        raise MediaRejected(f"not a readable image ({type(err).__name__})") from err


def sniff(data: bytes) -> str | None:
    """The image type the bytes really are (by their signature), if any we accept."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


class MediaStore:
    """Saves photos from uploads and from MMS, and serves them back."""

    def __init__(self, settings: Settings, db: Database, http: HttpClient) -> None:
        self._settings = settings
        self._db = db
        self._http = http
        self._dir = Path(settings.media_dir)

    def url_for(self, token: str) -> str:
        """The public URL of a stored photo."""
        return f"{self._settings.public_base_url}/media/{token}"

    async def save(self, conversation_id: str | None, data: bytes, declared_type: str) -> str:
        """Check and store one photo; returns its token."""
        if len(data) > self._settings.max_upload_bytes:
            raise MediaRejected("too large")
        kind = sniff(data)
        if kind is None or declared_type.split(";")[0].strip().lower() not in IMAGE_TYPES:
            raise MediaRejected("not an image")
        clean = await asyncio.to_thread(without_metadata, data, kind)
        token = secrets.token_urlsafe(24)
        path = self._dir / f"{token}{IMAGE_TYPES[kind]}"

        def write(session: Session) -> None:
            if conversation_id is not None:
                stored = session.scalar(
                    select(func.count()).select_from(Media).where(Media.conversation_id == conversation_id)
                )
                if (stored or 0) >= MAX_PER_CONVERSATION:
                    raise MediaRejected("this conversation has sent the most photos allowed")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(clean)
            session.add(
                Media(token=token, conversation_id=conversation_id, content_type=kind, size=len(clean), path=str(path))
            )

        await self._db.run(write)
        return token

    async def store_items(self, conversation_id: str, items: list[dict[str, Any]]) -> str:
        """Store a message's attachments; returns the URL of the first photo, or raises MediaRejected."""
        urls: list[str] = []
        for item in items[:MAX_ITEMS]:
            try:
                token = item.get("token") or await self._fetch(conversation_id, item)
            except MediaRejected as err:
                logger.info("media.rejected: %s", err)
                continue
            if await self._owned(token, conversation_id):
                urls.append(self.url_for(token))
        if not urls:
            raise MediaRejected("no acceptable photo")
        return urls[0]

    async def _owned(self, token: str, conversation_id: str) -> bool:
        media = await self._db.run(lambda s: s.scalars(select(Media).where(Media.token == token)).first())
        return media is not None and media.conversation_id == conversation_id

    def _is_twilio_host(self, url: str) -> bool:
        """Whether ``url`` is on Twilio's API host over https, or on the configured stand-in (same host and port)."""
        parts = urlsplit(url)
        if parts.scheme == "https" and parts.hostname in TWILIO_MEDIA_HOSTS and parts.port in (None, 443):
            return True
        configured = urlsplit(self._settings.twilio_api_base_url)
        return (parts.scheme, parts.hostname, parts.port) == (configured.scheme, configured.hostname, configured.port)

    async def _fetch(self, conversation_id: str, item: dict[str, Any]) -> str:
        """Download an MMS attachment from Twilio: credentials go to Twilio's host only, never to a redirect."""
        declared = str(item.get("content_type") or "")
        if declared.split(";")[0].strip().lower() not in IMAGE_TYPES:
            raise MediaRejected(f"type {declared!r} refused")
        url = str(item.get("url") or "")
        if not self._is_twilio_host(url):
            raise MediaRejected("photo link is not on Twilio's media host")
        auth = None
        if self._settings.twilio_enabled:
            auth = aiohttp.BasicAuth(self._settings.twilio_account_sid, self._settings.twilio_auth_token)
        try:
            for _ in range(MAX_REDIRECTS + 1):
                async with self._http.session.get(
                    url, auth=auth, allow_redirects=False, timeout=aiohttp.ClientTimeout(total=20)
                ) as response:
                    if response.status in (301, 302, 303, 307, 308):
                        url = urljoin(url, response.headers.get("Location", ""))
                        if urlsplit(url).scheme not in ("https", "http") or not urlsplit(url).hostname:
                            raise MediaRejected("photo link redirects nowhere usable")
                        if not self._is_twilio_host(url):
                            auth = None  # Twilio's CDN: the photo is public there, the credentials stay home
                        continue
                    if response.status != 200:
                        raise MediaRejected(f"download answered {response.status}")
                    data = await response.content.read(self._settings.max_upload_bytes + 1)
                    return await self.save(conversation_id, data, response.headers.get("Content-Type", declared))
        except (TimeoutError, aiohttp.ClientError) as err:
            raise MediaRejected("download failed") from err
        raise MediaRejected("too many redirects")

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """GET /media/{token}."""
        token = request.match_info["token"]
        media = await self._db.run(lambda s: s.scalars(select(Media).where(Media.token == token)).first())
        if media is None or not Path(media.path).is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(
            media.path, headers={"Content-Type": media.content_type, "X-Content-Type-Options": "nosniff"}
        )
