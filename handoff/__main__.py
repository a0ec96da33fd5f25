"""Staff accounts from the command line.

    python -m handoff users add EMAIL --role agent|supervisor|admin|broadcaster [--spanish]
                                          (the password is read from standard input)
    python -m handoff users list
    python -m handoff users disable EMAIL | enable EMAIL
    python -m handoff users role EMAIL agent|supervisor|admin|broadcaster
    python -m handoff purge          (daily, beside ``python -m bot.messaging.retention``)

The database is the one ``DATABASE_URL`` names (the same as ``make run``).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.platform.db import Database
from bot.platform.settings import Settings
from handoff import retention
from handoff.auth import InvalidAccount, audit, create_user, normalize_email
from handoff.models import StaffUser
from handoff.vocabulary import Role


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise InvalidAccount("The passwords do not match.")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _find(session: Session, email: str) -> StaffUser:
    user = session.scalars(select(StaffUser).where(StaffUser.email == normalize_email(email))).first()
    if user is None:
        raise InvalidAccount(f"No account {email}.")
    return user


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 on success, 2 with a sentence on standard error otherwise."""
    parser = argparse.ArgumentParser(prog="python -m handoff", description="311 staff accounts")
    commands = parser.add_subparsers(dest="area", required=True)
    users = commands.add_parser("users", help="staff accounts").add_subparsers(dest="command", required=True)
    add = users.add_parser("add", help="create an account (password on standard input)")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--spanish", action="store_true", help="offered Spanish conversations first")
    users.add_parser("list", help="list accounts")
    for name in ("disable", "enable"):
        users.add_parser(name, help=f"{name} an account").add_argument("email")
    commands.add_parser("purge", help="remove old live events, ended sessions, old notes")
    role = users.add_parser("role", help="change an account's role")
    role.add_argument("email")
    role.add_argument("role", choices=[r.value for r in Role])
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    db = Database(settings.database_url)
    if args.area == "purge":
        purged = retention.purge(db, settings.retention_days)
        print(
            f"removed {purged.events} live events, {purged.sessions} sessions, "
            f"{purged.failures} sign-in failures, {purged.notes} notes"
        )
        return 0
    try:
        with db.session() as session:
            if args.command == "add":
                user = create_user(session, args.email, _read_password(), Role(args.role), args.spanish)
                audit(session, None, "user_create", user.email, via="command line", role=user.role)
                print(f"account {user.id}: {user.email} ({user.role}{', Spanish' if user.spanish else ''})")
            elif args.command == "list":
                for user in session.scalars(select(StaffUser).order_by(StaffUser.email)):
                    state = "active" if user.active else "disabled"
                    print(f"{user.id}\t{user.email}\t{user.role}\t{'es' if user.spanish else ''}\t{state}")
            elif args.command in ("disable", "enable"):
                user = _find(session, args.email)
                user.active = args.command == "enable"
                audit(session, None, f"user_{args.command}", user.email, via="command line")
                print(f"{user.email}: {'active' if user.active else 'disabled'}")
            else:
                user = _find(session, args.email)
                user.role = Role(args.role)
                audit(session, None, "user_role", user.email, via="command line", role=user.role)
                print(f"{user.email}: {user.role}")
    except InvalidAccount as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
