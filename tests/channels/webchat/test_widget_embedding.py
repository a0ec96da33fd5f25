"""The widget on other sites: one script tag, its own origin, styles kept apart from the page's."""

from __future__ import annotations

import urllib.request

import pytest
from playwright.sync_api import Page, expect

from bot.channels.webchat.assets import widget_script
from tests.channels.webchat.widget_page import Chat, png_bytes, serve_page
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.browser


def test_widget_script_is_served_as_one_file(stack: RunningStack) -> None:
    """GET /widget.js is the widget assembled from its modules (no build step), as JavaScript."""
    with urllib.request.urlopen(f"{stack.front_door_url}/widget.js", timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/javascript"), response.headers
        body = response.read().decode()
    assert body == widget_script()
    assert "data-lang" in body.split("(function", 1)[0], "the embed instructions head the script"


def test_widget_embeds_on_another_site_with_one_tag(stack: RunningStack, page: Page) -> None:
    """A page on another (allowed) origin, with hostile styles, embeds the widget with one tag and data-lang."""
    host_page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Neighborhood news</title>'
        "<style>* { color: lime !important; font-size: 40px; } button { background: red; padding: 30px; }</style>"
        f'</head><body><h1>Neighborhood news</h1><script src="{stack.front_door_url}/widget.js" data-lang="es" defer>'
        "</script></body></html>"
    )
    with serve_page(host_page, stack.embedding_site_port) as url:
        page.goto(url)
        page.get_by_role("button", name="Chatear con el 311").click()
        dialog = page.get_by_role("dialog", name="Chat del PDX 311")
        expect(dialog).to_have_attribute("lang", "es")
        chat = Chat(page, stack.front_door_url)
        expect(chat.textbox("Mensaje")).to_be_focused()
        send = chat.button("Enviar")
        assert send.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(29, 79, 145)"
        assert send.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"

        # The socket, the words and the photo upload all reach the assistant's origin.
        assert chat.say("hola", box="Mensaje", send="Enviar").strip()
        chat.upload("pared.png", "image/png", png_bytes())
        expect(chat.user_messages.last).to_contain_text("Foto enviada")


def test_widget_styles_do_not_leak_into_the_page(chat: Chat, page: Page) -> None:
    chat.open()
    # The host page's own buttons keep their own look: the widget's rules live in a shadow root.
    search_button = page.get_by_role("button", name="Search", exact=True)
    assert search_button.evaluate("el => getComputedStyle(el).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate("() => !!document.getElementById('pdx311-webchat').shadowRoot")
    assert page.evaluate("() => document.querySelectorAll('head style, head link[rel=stylesheet]').length") == 1
