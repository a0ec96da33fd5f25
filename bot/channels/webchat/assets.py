"""The web chat widget's JavaScript, assembled from its module files without a build step.

The widget's source lives in ``static/widget/``: ``styles.css`` (its CSS), ``connection.js`` (the reliable
WebSocket, also usable on its own), ``view.js`` (the DOM in a shadow root) and ``main.js`` (boot and wiring).
The JavaScript files are plain ``var``/``function`` declarations; ``widget_script`` puts them, in that
order, into one shared IIFE scope, with the CSS as a string, and serves the result as ``/widget.js``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

WIDGET_DIR = Path(__file__).resolve().parent / "static" / "widget"
#: The reliable connection alone (one global, ``ReliableConnection``), for other pages such as an agent console.
CONNECTION_SCRIPT = WIDGET_DIR / "connection.js"
STYLES = WIDGET_DIR / "styles.css"
#: The widget's scripts in the order they run: each may use what the ones before it declared.
MODULES = ("connection.js", "view.js", "main.js")

HEADER = """/*
 * PDX 311 web chat widget.
 *
 * Embed with one tag:  <script src="https://HOST/widget.js" defer></script>
 * Optional attributes on that tag:
 *   data-lang="es"                 first language of the interface (otherwise the page's <html lang>,
 *                                  then the browser's language)
 *   data-server="https://HOST/"    where the assistant lives (otherwise derived from the tag's own src)
 *
 * Everything the widget shows lives in a shadow root, so the host page's styles and the widget's
 * styles never touch each other. Every piece of interface text comes from /webchat/strings/{lang}.json;
 * residents' and the assistant's words are inserted with textContent only.
 *
 * Assembled by bot/channels/webchat/assets.py from bot/channels/webchat/static/widget/: edit those files.
 */
"""


def _read(path: Path) -> str:
    """The text of one module file, ending with exactly one newline.

    Args:
        path: The file to read.

    Returns:
        Its UTF-8 text.
    """
    return path.read_text(encoding="utf-8").rstrip() + "\n"


@functools.cache
def widget_script() -> str:
    """The whole widget as one JavaScript text (what GET /widget.js serves), built once per process.

    Returns:
        The header comment, then one IIFE that returns at once if the widget is already on the page,
        declares ``WIDGET_CSS`` (``styles.css`` as a string literal) and runs the module files in order.
    """
    parts = [
        HEADER,
        "(function () {\n",
        '  "use strict";\n\n',
        "  if (window.PDX311Webchat) {\n    return;\n  }\n\n",
        f"var WIDGET_CSS = {json.dumps(_read(STYLES))};\n",
    ]
    for name in MODULES:
        parts.append(f"\n// ---- {name} " + "-" * (86 - len(name)) + "\n\n")
        parts.append(_read(WIDGET_DIR / name))
    parts.append("})();\n")
    return "".join(parts)


@functools.cache
def connection_script() -> str:
    """``connection.js`` alone: defines the global ``ReliableConnection`` for pages other than the widget.

    Returns:
        The script's text.
    """
    return _read(CONNECTION_SCRIPT)
