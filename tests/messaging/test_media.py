"""Photos: metadata stripped with Pillow, decompression bombs refused, a per-conversation quota, and MMS
downloads that send Twilio's credentials to Twilio only."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from PIL import Image, PngImagePlugin

from bot.messaging.media import MAX_PER_CONVERSATION, MediaStore, without_metadata
from bot.platform.db import Database
from bot.platform.exceptions import MediaRejected
from bot.platform.http import HttpClient
from bot.platform.settings import Settings

GPS_IFD = 0x8825


def jpeg_with_location() -> bytes:
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMakerCo"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (45.0, 31.0, 12.0), 3: "W", 4: (122.0, 40.0, 30.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_exif_and_gps_are_removed_and_the_photo_is_turned_upright() -> None:
    original = jpeg_with_location()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test photo has a location
    clean = without_metadata(original, "image/jpeg")
    image = Image.open(io.BytesIO(clean))
    assert dict(image.getexif()) == {} and b"PhoneMakerCo" not in clean
    assert image.size == (20, 40)  # orientation applied before it was dropped


def test_png_text_chunks_are_removed() -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "home address: 1234 SE Example St")
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "PNG", pnginfo=info)
    clean = without_metadata(out.getvalue(), "image/png")
    assert b"Example St" not in clean and Image.open(io.BytesIO(clean)).size == (8, 8)


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    Image.new("1", (10_000, 5_000)).save(out, "PNG")  # 50 megapixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    with pytest.raises(MediaRejected):
        without_metadata(out.getvalue(), "image/png")


def test_bytes_that_only_start_like_an_image_are_refused() -> None:
    with pytest.raises(MediaRejected):
        without_metadata(b"\x89PNG\r\n\x1a\n" + b"not really", "image/png")


class Hosts:
    """A stand-in for Twilio's API host (redirecting to a CDN), the CDN, and an unrelated host."""

    def __init__(self) -> None:
        self.seen: dict[str, list[str | None]] = {"twilio": [], "cdn": [], "other": []}
        self.photo = jpeg_with_location()

    def app(self, name: str, redirect_to: str | None = None) -> web.Application:
        async def handler(request: web.Request) -> web.StreamResponse:
            self.seen[name].append(request.headers.get("Authorization"))
            if redirect_to is not None:
                raise web.HTTPFound(f"{redirect_to}/photo.jpg")
            return web.Response(body=self.photo, content_type="image/jpeg")

        app = web.Application()
        app.router.add_get("/{tail:.*}", handler)
        return app


@pytest.fixture
async def hosts() -> AsyncIterator[tuple[Hosts, str, str, str]]:
    recorder = Hosts()
    async with (
        TestServer(recorder.app("cdn"), host="127.0.0.1") as cdn,
        TestServer(recorder.app("other"), host="localhost") as other,
    ):
        cdn_url = str(cdn.make_url("")).rstrip("/").replace("127.0.0.1", "localhost")
        async with TestServer(recorder.app("twilio", cdn_url), host="127.0.0.1") as twilio:
            yield recorder, str(twilio.make_url("")).rstrip("/"), cdn_url, str(other.make_url("")).rstrip("/")


def _store(db: Database, tmp_path: Path, twilio_url: str, session: aiohttp.ClientSession) -> MediaStore:
    settings = Settings(
        twilio_account_sid="AC" + "1" * 32,
        twilio_auth_token="secret-token",
        twilio_api_base_url=twilio_url,
        media_dir=tmp_path,
    )
    return MediaStore(settings, db, HttpClient(session))


async def test_credentials_go_to_twilio_only_and_a_redirect_to_the_cdn_is_followed_without_them(
    db: Database, tmp_path: Path, hosts: tuple[Hosts, str, str, str]
) -> None:
    recorder, twilio_url, _, other_url = hosts
    async with aiohttp.ClientSession() as session:
        store = _store(db, tmp_path, twilio_url, session)
        url = await store.store_items("sms-1", [{"url": f"{twilio_url}/Media/ME1", "content_type": "image/jpeg"}])
        assert "/media/" in url
        with pytest.raises(MediaRejected):
            await store.store_items("sms-1", [{"url": f"{other_url}/evil.jpg", "content_type": "image/jpeg"}])
    assert recorder.seen["twilio"][0] is not None  # Twilio got the account's credentials
    assert recorder.seen["cdn"] == [None]  # the redirect target did not
    assert recorder.seen["other"] == []  # a link elsewhere is never fetched
    stored = next(tmp_path.glob("*.jpg")).read_bytes()
    assert b"PhoneMakerCo" not in stored


async def test_a_conversation_has_a_photo_quota(db: Database, tmp_path: Path) -> None:
    async with aiohttp.ClientSession() as session:
        store = _store(db, tmp_path, "https://api.twilio.com", session)
        photo = jpeg_with_location()
        for _ in range(MAX_PER_CONVERSATION):
            await store.save("web-quota", photo, "image/jpeg")
        with pytest.raises(MediaRejected):
            await store.save("web-quota", photo, "image/jpeg")
        await store.save("web-other", photo, "image/jpeg")  # another conversation is not affected
