"""The web chat widget as a page object, and the helpers its browser tests share."""

from __future__ import annotations

import contextlib
import http.server
import json
import re
import struct
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, WebSocketRoute, expect

from bot.platform.settings import ROOT
from tests.harness.stack import RunningStack

RESULTS = ROOT / "results"
CASE = re.compile(r"PDX-\d{4}-\d{6}")
BOT_TIMEOUT = 45_000  # ms: a reply takes 1-3 s, much more on a busy 2-core machine
UI_TIMEOUT = 10_000
WEBCHAT_SOCKET = re.compile(r".*/webchat/ws.*")


class Chat:
    """Drives the widget the way a resident does: by its visible, accessible controls."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def load(self) -> Chat:
        self.page.goto(self.base_url + "/")
        expect(self.launcher).to_be_visible()
        return self

    # ---- what is on the page ---------------------------------------------------------------

    @property
    def launcher(self) -> Locator:
        return self.page.locator("#pdx311-webchat .launcher")

    @property
    def panel(self) -> Locator:
        return self.page.locator("#pdx311-webchat [role=dialog]")

    @property
    def log(self) -> Locator:
        return self.page.get_by_role("log")

    @property
    def bot_messages(self) -> Locator:
        return self.log.locator(".msg.bot")

    @property
    def user_messages(self) -> Locator:
        return self.log.locator(".msg.user")

    @property
    def file_input(self) -> Locator:
        return self.page.locator("#pdx311-webchat input[type=file]")

    @property
    def typing(self) -> Locator:
        return self.page.locator("#pdx311-webchat .typing")

    @property
    def alert(self) -> Locator:
        return self.page.get_by_role("alert")

    @property
    def status(self) -> Locator:
        return self.page.get_by_role("status")

    def textbox(self, name: str = "Message") -> Locator:
        return self.page.get_by_role("textbox", name=name, exact=True)

    def button(self, name: str) -> Locator:
        return self.page.get_by_role("button", name=name, exact=True)

    def language_button(self, name: str) -> Locator:
        """The language toggle's button for ``name`` ("English", "Español")."""
        return self.button(name)

    def reply_button(self, title: str) -> Locator:
        return self.log.get_by_role("button", name=title, exact=True)

    def bot_texts(self) -> list[str]:
        return [t.strip() for t in self.bot_messages.locator(".text").all_inner_texts()]

    def user_texts(self) -> list[str]:
        return [t.strip() for t in self.user_messages.locator(".text").all_inner_texts()]

    def last_bot_text(self) -> str:
        texts = self.bot_texts()
        return texts[-1] if texts else ""

    def conversation_id(self) -> str:
        """The conversation the widget stored (localStorage), as the server named it."""
        value = self.page.evaluate("() => localStorage.getItem('pdx311.webchat.conversation')")
        assert value, "the widget stored no conversation id"
        return str(value)

    def bot_seqs(self) -> list[int]:
        return [int(s) for s in self.bot_messages.evaluate_all("els => els.map(e => e.dataset.seq)")]

    def contrast_problems(self) -> list[str]:
        """Every visible piece of text in the widget with a contrast ratio under 4.5:1."""
        return list(self.page.evaluate(CONTRAST_SCRIPT))

    # ---- what a resident does --------------------------------------------------------------

    def open(self) -> None:
        if self.launcher.get_attribute("aria-expanded") != "true":
            self.launcher.click()
        expect(self.panel).to_be_visible()

    def type_and_send(self, text: str, box: str = "Message", send: str = "Send") -> None:
        """Type ``text`` and press the send button without waiting for an answer."""
        self.textbox(box).fill(text)
        self.button(send).click()

    def wait_for_answer(self, before: int, timeout: float = BOT_TIMEOUT) -> str:
        """Wait until the assistant has said more than ``before`` messages and stopped typing."""
        expect(self.bot_messages).not_to_have_count(before, timeout=timeout)
        deadline = time.monotonic() + timeout / 1000
        stable = 0
        count = self.bot_messages.count()
        while time.monotonic() < deadline and stable < 4:
            time.sleep(0.25)
            now = self.bot_messages.count()
            typing = self.typing.is_visible()
            stable = stable + 1 if now == count and not typing else 0
            count = now
        return "\n".join(self.bot_texts()[before:])

    def say(self, text: str, box: str = "Message", send: str = "Send") -> str:
        """Type ``text``, press Send, and return what the assistant answered."""
        before = self.bot_messages.count()
        self.type_and_send(text, box, send)
        return self.wait_for_answer(before)

    def click_reply(self, title: str) -> str:
        before = self.bot_messages.count()
        self.reply_button(title).click()
        return self.wait_for_answer(before)

    def choose_language(self, name: str) -> None:
        """Press the language toggle's button ``name`` ("English", "Español")."""
        self.language_button(name).click()

    def upload(self, name: str, mime_type: str, data: bytes) -> None:
        """Pick a file for the widget's photo input (what the camera button opens)."""
        self.file_input.set_input_files(files=[{"name": name, "mimeType": mime_type, "buffer": data}])

    def assert_no_duplicate_bot_messages(self) -> None:
        seqs = self.bot_seqs()
        assert len(seqs) == len(set(seqs)), seqs
        assert seqs == sorted(seqs), seqs


def answer_graffiti_questions(chat: Chat, answer: str, stop_at_photo: bool = False) -> str:
    """Answer whatever the graffiti form asks until the report is filed (or the photo question)."""
    for _ in range(10):
        last = chat.last_bot_text()
        lowered = last.lower()
        if CASE.search(answer):
            return answer
        if chat.reply_button("Yes, file it").count():
            answer = chat.click_reply("Yes, file it")
        elif "photo" in lowered and "?" in last:
            if stop_at_photo:
                return last
            answer = chat.click_reply("No photo") if chat.reply_button("No photo").count() else chat.say("no")
        elif "offensive" in lowered:
            answer = chat.click_reply("No") if chat.reply_button("No").count() else chat.say("no")
        elif "where" in lowered or "address" in lowered:
            answer = chat.say("behind the Lents branch library on SE 92nd Ave near Foster Rd")
        elif "on?" in lowered or "surface" in lowered or "what is the graffiti" in lowered:
            answer = chat.say("the brick wall of the library building")
        else:
            pytest.fail(f"unexpected question in the graffiti report: {last!r}")
    pytest.fail(f"the graffiti report did not finish; last answer: {answer!r}")


def relay_socket(
    page: Page,
    from_page: Callable[[WebSocketRoute, WebSocketRoute, str | bytes], None] | None = None,
    from_server: Callable[[WebSocketRoute, str | bytes], None] | None = None,
) -> None:
    """Put a hand between the widget and the server on every web chat socket of ``page``.

    ``from_page(ws, server, message)`` gets each frame the widget sends (and must forward it with
    ``server.send``); ``from_server(ws, message)`` gets each frame the server sends (and must forward it
    with ``ws.send``). Either left out relays as it is.
    """

    def route(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()
        if from_page is not None:
            ws.on_message(lambda message: from_page(ws, server, message))
        if from_server is not None:
            server.on_message(lambda message: from_server(ws, message))

    page.route_web_socket(WEBCHAT_SOCKET, route)


@contextlib.contextmanager
def serve_page(html: str, port: int = 0) -> Iterator[str]:
    """Serve ``html`` from another origin (a second port on this machine, ``port`` or any); yields its URL."""
    body = html.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the standard library's name
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/news.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A small valid PNG (solid orange), made here so the test needs no files."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + b"\xff\x80\x00" * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def get_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def post_multipart(url: str, fields: dict[str, str], file_name: str, content_type: str, data: bytes) -> tuple[int, Any]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"null")


def user_turns(stack: RunningStack, conversation: str) -> list[str]:
    """What the assistant (Rasa) received from the resident in this conversation."""
    status, tracker = get_json(f"{stack.rasa_url}/conversations/{conversation}/tracker")
    assert status == 200, tracker
    return [e.get("text") for e in tracker["events"] if e.get("event") == "user"]


CONTRAST_SCRIPT = """
() => {
  const root = document.getElementById('pdx311-webchat').shadowRoot;
  const rgba = (c) => {
    const p = c.match(/[\\d.]+/g).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = (c) => 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
  const background = (el) => {
    for (let node = el; node; node = node.parentElement || (node.getRootNode() && node.getRootNode().host)) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) return c;
    }
    return [255, 255, 255, 1];
  };
  const problems = [];
  root.querySelectorAll('button, label, h2, p, .text, .photo-note, textarea, .typing span').forEach((el) => {
    if (!el.getClientRects().length || !el.textContent.trim() && el.tagName !== 'TEXTAREA') return;
    const fg = rgba(getComputedStyle(el).color), bg = background(el);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const what = `${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}"`;
    if (ratio < 4.5) problems.push(`${what}: ${ratio.toFixed(2)}`);
  });
  return problems;
}
"""
