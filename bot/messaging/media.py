"""Residents' photos: checked, kept on disk, and served under unguessable URLs."""

from __future__ import annotations

import logging
import secrets
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messaging.models import Media
from bot.platform.db import Database
from bot.platform.exceptions import MediaRejected
from bot.platform.http import HttpClient
from bot.platform.settings import Settings

logger = logging.getLogger(__name__)

IMAGE_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
MAX_ITEMS = 3
_MAGIC = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


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
        token = secrets.token_urlsafe(24)
        path = self._dir / f"{token}{IMAGE_TYPES[kind]}"

        def write(session: Session) -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            session.add(
                Media(token=token, conversation_id=conversation_id, content_type=kind, size=len(data), path=str(path))
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

    async def _fetch(self, conversation_id: str, item: dict[str, Any]) -> str:
        """Download an MMS attachment from Twilio (with the account's credentials)."""
        declared = str(item.get("content_type") or "")
        if declared.split(";")[0].strip().lower() not in IMAGE_TYPES:
            raise MediaRejected(f"type {declared!r} refused")
        auth = None
        if self._settings.twilio_enabled:
            auth = aiohttp.BasicAuth(self._settings.twilio_account_sid, self._settings.twilio_auth_token)
        try:
            async with self._http.session.get(
                str(item["url"]), auth=auth, timeout=aiohttp.ClientTimeout(total=20)
            ) as response:
                if response.status != 200:
                    raise MediaRejected(f"download answered {response.status}")
                data = await response.content.read(self._settings.max_upload_bytes + 1)
        except (TimeoutError, aiohttp.ClientError, KeyError) as err:
            raise MediaRejected("download failed") from err
        return await self.save(conversation_id, data, response.headers.get("Content-Type", declared))

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """GET /media/{token}."""
        token = request.match_info["token"]
        media = await self._db.run(lambda s: s.scalars(select(Media).where(Media.token == token)).first())
        if media is None or not Path(media.path).is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(
            media.path, headers={"Content-Type": media.content_type, "X-Content-Type-Options": "nosniff"}
        )
