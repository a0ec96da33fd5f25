"""The web chat widget in a real browser (headless Chromium) against the running assistant."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import re
import struct
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, WebSocketRoute, expect, sync_playwright

from bot.settings import ROOT
from tests.stack import RunningStack

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = ROOT / "results"
CASE = re.compile(r"PDX-\d{4}-\d{6}")
BOT_TIMEOUT = 45_000  # ms: a reply takes 1-3 s, much more on a busy 2-core machine
UI_TIMEOUT = 10_000


# ---- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser` (or set CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (so a new conversation) on a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(UI_TIMEOUT)
    tab = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not dialogs, f"the page opened dialogs (injected script?): {dialogs}"


# ---- helpers -------------------------------------------------------------------------------


class Chat:
    """Drives the widget the way a resident does: by its visible, accessible controls."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url

    def load(self) -> Chat:
        self.page.goto(self.base_url + "/")
        expect(self.launcher).to_be_visible()
        return self

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

    def textbox(self, name: str = "Message") -> Locator:
        return self.page.get_by_role("textbox", name=name, exact=True)

    def open(self) -> None:
        if self.launcher.get_attribute("aria-expanded") != "true":
            self.launcher.click()
        expect(self.panel).to_be_visible()

    def bot_texts(self) -> list[str]:
        return [t.strip() for t in self.bot_messages.locator(".text").all_inner_texts()]

    def user_texts(self) -> list[str]:
        return [t.strip() for t in self.user_messages.locator(".text").all_inner_texts()]

    def last_bot_text(self) -> str:
        texts = self.bot_texts()
        return texts[-1] if texts else ""

    def wait_for_answer(self, before: int, timeout: float = BOT_TIMEOUT) -> str:
        """Wait until the assistant has said more than ``before`` messages and stopped typing."""
        expect(self.bot_messages).not_to_have_count(before, timeout=timeout)
        deadline = time.monotonic() + timeout / 1000
        stable = 0
        count = self.bot_messages.count()
        while time.monotonic() < deadline and stable < 4:
            time.sleep(0.25)
            now = self.bot_messages.count()
            typing = self.page.locator("#pdx311-webchat .typing").is_visible()
            stable = stable + 1 if now == count and not typing else 0
            count = now
        return "\n".join(self.bot_texts()[before:])

    def say(self, text: str) -> str:
        """Type ``text``, press Send, and return what the assistant answered."""
        before = self.bot_messages.count()
        self.textbox().fill(text)
        self.page.get_by_role("button", name="Send", exact=True).click()
        return self.wait_for_answer(before)

    def reply_button(self, title: str) -> Locator:
        return self.log.get_by_role("button", name=title, exact=True)

    def click_reply(self, title: str) -> str:
        before = self.bot_messages.count()
        self.reply_button(title).click()
        return self.wait_for_answer(before)


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


@contextlib.contextmanager
def serve_page(html: str) -> Iterator[str]:
    """Serve ``html`` from another origin (a second port on this machine); yields its URL."""
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

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
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


def assert_no_duplicate_bot_messages(chat: Chat) -> None:
    seqs = [int(s) for s in chat.bot_messages.evaluate_all("els => els.map(e => e.dataset.seq)")]
    assert len(seqs) == len(set(seqs)), seqs
    assert seqs == sorted(seqs), seqs


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


def conversation_id(page: Page) -> str:
    value = page.evaluate("() => localStorage.getItem('pdx311.webchat.conversation')")
    assert value, "the widget stored no conversation id"
    return str(value)


# ---- tests ---------------------------------------------------------------------------------


def test_widget_opens_with_accessible_controls(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    launcher = page.get_by_role("button", name="Chat with 311")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()

    dialog = page.get_by_role("dialog", name="PDX 311 chat")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("lang", "en")
    message = page.get_by_role("textbox", name="Message", exact=True)
    expect(message).to_be_visible()
    expect(message).to_be_focused()
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Talk to a person")).to_be_visible()
    expect(page.get_by_role("button", name="Attach a photo")).to_be_visible()
    expect(page.get_by_role("button", name="Close chat")).to_be_visible()
    expect(page.get_by_role("button", name="English", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Español", exact=True)).to_have_attribute("aria-pressed", "false")
    expect(chat.log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_text("Emergency? Call 911.")).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")

    # The file input takes only images; the label really labels the message box.
    expect(page.locator("#pdx311-webchat input[type=file]")).to_have_attribute("accept", "image/*")
    expect(page.locator("#pdx311-webchat label")).to_have_text("Message")

    # Tab moves on from the message box, and the focused control shows a focus indicator.
    message.fill("hello")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Attach a photo")).to_be_focused()
    outline = page.get_by_role("button", name="Attach a photo").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("none", ""), "no visible focus indicator"
    message.fill("")

    # A first exchange: the greeting's quick replies are real buttons; all text has enough contrast.
    greeting = chat.say("hello")
    assert greeting.strip()
    assert chat.log.get_by_role("button").count() >= 1, "the greeting offers no quick replies"
    assert page.evaluate(CONTRAST_SCRIPT) == []
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / "widget.png"))

    # Escape closes the panel and gives focus back to the launcher.
    message.focus()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_widget_embeds_on_another_site_with_one_tag(stack: RunningStack, page: Page) -> None:
    """A page on another origin, with hostile styles, embeds the widget with one tag and data-lang."""
    host_page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Neighborhood news</title>'
        "<style>* { color: lime !important; font-size: 40px; } button { background: red; padding: 30px; }</style>"
        f'</head><body><h1>Neighborhood news</h1><script src="{stack.front_door_url}/widget.js" data-lang="es" defer>'
        "</script></body></html>"
    )
    with serve_page(host_page) as url:
        page.goto(url)
        page.get_by_role("button", name="Chatear con el 311").click()
        dialog = page.get_by_role("dialog", name="Chat del PDX 311")
        expect(dialog).to_have_attribute("lang", "es")
        expect(page.get_by_role("textbox", name="Mensaje", exact=True)).to_be_focused()
        send = page.get_by_role("button", name="Enviar", exact=True)
        assert send.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(29, 79, 145)"
        assert send.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"

        # The socket, the words and the photo upload all reach the assistant's origin.
        chat = Chat(page, stack.front_door_url)
        before = chat.bot_messages.count()
        chat.textbox("Mensaje").fill("hola")
        send.click()
        assert chat.wait_for_answer(before).strip()
        page.locator("#pdx311-webchat input[type=file]").set_input_files(
            files=[{"name": "pared.png", "mimeType": "image/png", "buffer": png_bytes()}]
        )
        expect(chat.user_messages.last).to_contain_text("Foto enviada")


def test_widget_styles_do_not_leak_into_the_page(stack: RunningStack, page: Page) -> None:
    Chat(page, stack.front_door_url).load().open()
    # The host page's own buttons keep their own look: the widget's rules live in a shadow root.
    search_button = page.get_by_role("button", name="Search", exact=True)
    assert search_button.evaluate("el => getComputedStyle(el).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate("() => !!document.getElementById('pdx311-webchat').shadowRoot")
    assert page.evaluate("() => document.querySelectorAll('head style, head link[rel=stylesheet]').length") == 1


def test_graffiti_report_end_to_end(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    answer = chat.say("someone tagged the wall behind Lents library")
    assert answer.strip()
    filed = answer_graffiti_questions(chat, answer)
    case = CASE.search(filed)
    assert case, filed
    expect(chat.log).to_contain_text(case.group(0))

    status, requests = get_json(f"{stack.front_door_url}/open311/v2/requests/{case.group(0)}.json")
    assert status == 200, requests
    assert requests[0]["service_code"] == "graffiti"


def test_reload_keeps_the_conversation_without_duplicates(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    first = "there's a tent camp blocking the sidewalk on SE Powell and 82nd"
    question = chat.say(first)
    assert "danger" in question.lower(), question
    before_users, before_bots = chat.user_texts(), chat.bot_texts()
    conversation = conversation_id(page)

    page.reload()
    chat.open()
    expect(chat.bot_messages).to_have_count(len(before_bots), timeout=BOT_TIMEOUT)
    expect(chat.user_messages).to_have_count(len(before_users))
    time.sleep(1.5)  # anything duplicated by a late live frame would show up by now
    assert chat.user_texts() == before_users
    assert chat.bot_texts() == before_bots
    assert chat.user_texts().count(first) == 1
    assert conversation_id(page) == conversation

    # The conversation goes on where it was: the danger question gets the summary.
    summary = chat.click_reply("No")
    assert "Powell" in summary and "file" in summary.lower(), summary

    # Reload right after sending: the message is kept (outbox) and sent once, answered once.
    before = chat.bot_messages.count()
    chat.textbox().fill("No, change something")
    page.get_by_role("button", name="Send", exact=True).click()
    page.reload()
    chat.open()
    chat.wait_for_answer(before, timeout=90_000)  # at worst the front door's sweeper picks the message up
    time.sleep(2)
    assert chat.user_texts().count("No, change something") == 1, chat.user_texts()
    assert chat.bot_texts()[: len(before_bots)] == before_bots
    assert_no_duplicate_bot_messages(chat)
    assert conversation_id(page) == conversation
    assert user_turns(stack, conversation).count("No, change something") == 1


def test_spanish_toggle_switches_labels_and_answers(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    page.get_by_role("button", name="Español", exact=True).click()
    expect(page.get_by_role("textbox", name="Mensaje", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Enviar", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Español", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(chat.panel).to_have_attribute("lang", "es")

    before = chat.bot_messages.count()
    chat.textbox("Mensaje").fill("hola")
    page.get_by_role("button", name="Enviar", exact=True).click()
    answer = chat.wait_for_answer(before)
    assert re.search(r"¡Hola|Soy|puedo|ayudar", answer), answer

    # The choice survives a reload (the conversation's language comes back from the server).
    page.reload()
    expect(page.get_by_role("button", name=re.compile("311"))).to_be_visible()
    chat.open()
    expect(page.get_by_role("textbox", name="Mensaje", exact=True)).to_be_visible()

    # And back to English.
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.get_by_role("textbox", name="Message", exact=True)).to_be_visible()
    expect(chat.panel).to_have_attribute("lang", "en")


def test_html_in_a_message_is_shown_as_text(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    attack = "<img src=x onerror=alert(1)>"
    chat.say(attack)
    assert attack in chat.user_texts()
    expect(chat.log.get_by_text(attack, exact=True)).to_have_count(1)
    expect(chat.log.locator("img")).to_have_count(0)
    # The page fixture fails the test if an alert() dialog opened.


def test_photo_upload_accepted_and_text_file_refused(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    answer = chat.say("there is graffiti on the fence at SE Division St and 50th Ave")
    question = answer_graffiti_questions(chat, answer, stop_at_photo=True)
    assert "photo" in question.lower(), question
    file_input = page.locator("#pdx311-webchat input[type=file]")

    # A text file is refused in the resident's language, and nothing is sent.
    _, words = get_json(f"{stack.front_door_url}/webchat/strings/en.json")
    users_before = chat.user_messages.count()
    file_input.set_input_files(files=[{"name": "notes.txt", "mimeType": "text/plain", "buffer": b"not a photo"}])
    expect(page.get_by_role("alert")).to_have_text(words["upload_wrong_type"])
    expect(chat.user_messages).to_have_count(users_before)

    # The server refuses it too (in Spanish when asked), whatever the browser claims.
    _, palabras = get_json(f"{stack.front_door_url}/webchat/strings/es.json")
    status, refusal = post_multipart(
        f"{stack.front_door_url}/webchat/upload?lang=es",
        {"conversation_id": conversation_id(page)},
        "notes.png",
        "image/png",
        b"not a photo",
    )
    assert status == 415, refusal
    assert refusal["message"] == palabras["upload_wrong_type"]

    # A real PNG is uploaded, shown as sent, and the report goes on to the summary.
    before = chat.bot_messages.count()
    file_input.set_input_files(files=[{"name": "wall.png", "mimeType": "image/png", "buffer": png_bytes()}])
    expect(chat.user_messages.last).to_contain_text(words["photo_sent"], timeout=UI_TIMEOUT)
    expect(page.get_by_role("alert")).to_be_hidden()
    summary = chat.wait_for_answer(before)
    assert "didn't get a photo" not in summary, summary
    expect(chat.reply_button("Yes, file it")).to_be_visible()
    filed = chat.click_reply("Yes, file it")
    case = CASE.search(filed)
    assert case, filed
    status, requests = get_json(f"{stack.front_door_url}/open311/v2/requests/{case.group(0)}.json")
    assert status == 200, requests
    assert requests[0]["service_code"] == "graffiti"
    media_url = requests[0]["media_url"]
    assert media_url and "/media/" in media_url, requests
    with urllib.request.urlopen(stack.front_door_url + "/media/" + media_url.rsplit("/media/", 1)[1], timeout=30) as r:
        assert r.headers["Content-Type"] == "image/png"
        assert r.read() == png_bytes()


def test_reconnects_after_a_drop_without_losing_or_duplicating(stack: RunningStack, page: Page) -> None:
    """The socket dies right after a message goes out (before its ack), then stays down a while."""
    state: dict[str, Any] = {"block": False, "drop_next_message": False, "sent_frames": []}

    def route(ws: WebSocketRoute) -> None:
        if state["block"]:
            ws.close(code=1011, reason="network down")
            return
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            server.send(message)
            frame = json.loads(message)
            state["sent_frames"].append(frame)
            if frame.get("type") == "message" and state["drop_next_message"]:
                state["drop_next_message"] = False
                state["block"] = True
                server.close()
                ws.close(code=1011, reason="network down")

        ws.on_message(from_page)

    page.route_web_socket(re.compile(r".*/webchat/ws.*"), route)
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    chat.say("hello")
    greetings = chat.bot_messages.count()

    state["drop_next_message"] = True
    before = chat.bot_messages.count()
    chat.textbox().fill("what can you help me with?")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"\S"), timeout=UI_TIMEOUT)
    time.sleep(2)
    state["block"] = False  # the network is back
    chat.wait_for_answer(before)
    expect(page.get_by_role("status")).to_be_hidden(timeout=BOT_TIMEOUT)
    time.sleep(2)

    assert chat.user_texts() == ["hello", "what can you help me with?"]
    resent = [f for f in state["sent_frames"] if f.get("type") == "message" and f["text"].startswith("what can")]
    assert len(resent) >= 2 and len({f["client_id"] for f in resent}) == 1, resent
    assert chat.bot_messages.count() > greetings
    assert_no_duplicate_bot_messages(chat)
    # It reached the assistant once, although the widget sent it twice.
    assert user_turns(stack, conversation_id(page)).count("what can you help me with?") == 1


def test_rate_limited_message_is_kept_and_retried(stack: RunningStack, page: Page) -> None:
    """A rate_limited error keeps the message; the widget sends it again after retry_after."""
    state: dict[str, Any] = {"limited": False, "frames": []}

    def route(ws: WebSocketRoute) -> None:
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            frame = json.loads(message)
            state["frames"].append(frame)
            if frame.get("type") == "message" and not state["limited"]:
                state["limited"] = True
                ws.send(
                    json.dumps(
                        {
                            "type": "error",
                            "code": "rate_limited",
                            "client_id": frame["client_id"],
                            "retry_after": 2,
                            "message": "You're sending messages very fast.",
                        }
                    )
                )
                return
            server.send(message)

        ws.on_message(from_page)

    page.route_web_socket(re.compile(r".*/webchat/ws.*"), route)
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    chat.textbox().fill("hello")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert")).to_have_text("You're sending messages very fast.")
    chat.wait_for_answer(0)
    expect(page.get_by_role("alert")).to_be_hidden()
    sends = [f for f in state["frames"] if f.get("type") == "message"]
    assert len(sends) == 2 and sends[0]["client_id"] == sends[1]["client_id"], sends
    assert chat.user_texts() == ["hello"]


def test_talk_to_a_person_button_sends_the_request(stack: RunningStack, page: Page) -> None:
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    before = chat.bot_messages.count()
    page.get_by_role("button", name="Talk to a person").click()
    answer = chat.wait_for_answer(before)
    assert chat.user_texts() == ["I want to talk to a person"]
    assert re.search(r"staff|person", answer, re.I), answer
