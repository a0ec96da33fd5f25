"""Emergency notification broadcasts: alert subscriptions, alerts composed and approved, sent at a paced rate.

Alerts go through the outbox like every message; ``python -m broadcasts`` sends from the command line and the
front door runs the ones approved in the console.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

from aiohttp import web

from bot.messaging.deps import Deps
from broadcasts.console.views import BroadcastViews
from broadcasts.subscriptions import answer_alert_keyword
from broadcasts.web import CORS, AlertSignup
from broadcasts.worker import BroadcastWorker, TransportFactory
from handoff.console.access import Access

__all__ = ["answer_alert_keyword", "setup"]


def setup(app: web.Application, deps: Deps, transports: TransportFactory) -> None:
    """Mount the broadcasters' page and API and the widget's sign-up, and run the broadcast worker.

    ``transports`` builds the SMS transport around a paced sender (the app factory gives the SMS channel's).
    """
    worker = BroadcastWorker(
        deps.db,
        transports,
        deps.hub.push_all,
        deps.settings.broadcast_rate,
        timedelta(seconds=deps.settings.stuck_after_seconds),
    )
    BroadcastViews(deps.settings, deps.db, Access(deps.settings, deps.db), worker.wake).setup(app)
    signup = AlertSignup(deps.db, deps.vault, deps.outbox)
    app.router.add_post("/alerts/subscribe", signup.subscribe)
    app.router.add_route("OPTIONS", "/alerts/subscribe", _preflight)

    async def running(app: web.Application) -> AsyncIterator[None]:
        worker.start()
        yield
        await worker.stop()

    app.cleanup_ctx.append(running)


async def _preflight(request: web.Request) -> web.Response:
    """The widget's JSON POST from another site is preceded by a CORS preflight."""
    return web.Response(
        headers={**CORS, "Access-Control-Allow-Methods": "POST", "Access-Control-Allow-Headers": "Content-Type"}
    )
