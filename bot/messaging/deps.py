"""What the packages mounted on the front door are given: the shared resources of the message path."""

from __future__ import annotations

from dataclasses import dataclass

from bot.messaging.inbox import Inbox
from bot.messaging.media import MediaStore
from bot.messaging.outbox import Outbox
from bot.messaging.rasa_client import RasaClient
from bot.platform.db import Database
from bot.platform.http import HttpClient
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings
from bot.platform.sockets import SocketHub


@dataclass(frozen=True)
class Deps:
    """Built once by ``bot.app.create_app`` and passed to every package's ``setup(app, deps)``."""

    settings: Settings
    db: Database
    vault: PiiVault
    http: HttpClient
    hub: SocketHub
    rasa: RasaClient
    media: MediaStore
    outbox: Outbox
    inbox: Inbox
