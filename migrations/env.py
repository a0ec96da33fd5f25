"""Alembic environment: migrates the database named by DATABASE_URL."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

import bot.messaging.models  # noqa: F401 - registers the tables on Base
import bot.reports.models  # noqa: F401
import handoff.models  # noqa: F401
from bot.platform.db import Base, make_engine
from bot.platform.settings import Settings

config = context.config
if config.config_file_name and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def include_object(obj, name, type_, reflected, compare_to):  # type: ignore[no-untyped-def]
    """Leave alone the tables that are not ours (Rasa's tracker store shares the database)."""
    return not (type_ == "table" and reflected and compare_to is None)


def run_migrations() -> None:
    """Run the migrations online against DATABASE_URL (or the URL given in config attributes)."""
    url = config.attributes.get("database_url") or Settings.from_env().database_url
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
