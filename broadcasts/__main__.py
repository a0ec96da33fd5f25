"""Broadcasts from the command line (the same database and Twilio settings as ``make run``).

    python -m broadcasts subscribers import FILE.csv
    python -m broadcasts send --en TEXT --es TEXT --severity emergency|urgent|advisory [--zip 97201,97202]
                              [--rate N] [--yes] [--workers N]
    python -m broadcasts resume ID [--workers N]

``send`` prints ``broadcast ID: …`` first; with ``--yes`` it approves the broadcast as the command-line
operator and sends it in the foreground with a progress bar (without it, the broadcast waits for approval in
the console). ``--rate`` is messages per second (default ``BROADCAST_RATE``; 0 for no limit). ``send`` and
``resume`` exit 0 once every recipient has been handed to Twilio or has failed permanently, 3 if the
broadcast was cancelled, 2 on bad input. ``--workers`` sending processes (default: the cores, up to 4) each
take a share of the messages at an equal share of the rate; a crash of any of them is resumed the same way.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
from datetime import timedelta

from tqdm import tqdm

import bot.channels.sms as sms
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings
from broadcasts import service
from broadcasts.imports import import_rows, read_csv
from broadcasts.pacing import PacedSender, Shard
from broadcasts.sender import BroadcastSender, broadcast_outbox
from broadcasts.sender import start as sender_start
from broadcasts.vocabulary import BroadcastStatus

DEFAULT_WORKERS = min(4, os.cpu_count() or 1)
WHOLE = Shard()
STARTUP_SECONDS = 3.0
"""How long after the first sending process the others start sending (their start-up time)."""
SWITCH_INTERVAL = 0.001
"""Seconds a database thread may hold the GIL while the event loop waits (Python's default is 5 ms): a paced
send woken late misses its slot, so the loop takes the GIL back within a millisecond."""
DONE_STATUSES = ("sent", "delivered", "undelivered", "read", "failed", "suppressed", "cancelled")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m broadcasts", description="311 emergency alert broadcasts")
    commands = parser.add_subparsers(dest="command", required=True)
    subscribers = commands.add_parser("subscribers", help="alert subscribers").add_subparsers(
        dest="action", required=True
    )
    subscribers.add_parser("import", help="import phone,language,zip,consented_at rows").add_argument("file")
    send = commands.add_parser("send", help="create a broadcast (and send it with --yes)")
    send.add_argument("--en", required=True, help="the English text")
    send.add_argument("--es", required=True, help="the Spanish text")
    send.add_argument("--severity", required=True, choices=["emergency", "urgent", "advisory"])
    send.add_argument("--zip", default="", help="comma-separated ZIP codes (default: everyone)")
    send.add_argument("--rate", type=float, default=None, help="messages per second (0: no limit)")
    send.add_argument("--yes", action="store_true", help="approve as the command-line operator and send now")
    resume = commands.add_parser("resume", help="continue an interrupted broadcast")
    resume.add_argument("id", type=int)
    resume.add_argument("--shard", default="", help=argparse.SUPPRESS)  # "K/N": one of N sending processes
    for command in (send, resume):
        command.add_argument(
            "--workers", type=int, default=DEFAULT_WORKERS, help=f"sending processes (default {DEFAULT_WORKERS})"
        )
    return parser


def _helpers(broadcast_id: int, workers: int) -> list[subprocess.Popen[bytes]]:
    """The other sending processes (each its shard of the messages; this process takes shard 0)."""
    return [
        subprocess.Popen(
            [sys.executable, "-m", "broadcasts", "resume", str(broadcast_id), "--shard", f"{k}/{workers}"],
            stdout=subprocess.DEVNULL,
        )
        for k in range(1, workers)
    ]


async def _send(
    settings: Settings, db: Database, broadcast_id: int, rate: float | None, workers: int = 1, shard: Shard = WHOLE
) -> int:
    """Run the broadcast in the foreground with a progress bar; the exit status."""
    # Database threads hand the event loop back its pacing slots within a millisecond.
    sys.setswitchinterval(SWITCH_INTERVAL)
    vault = PiiVault(settings.pii_key, settings.pii_lookup_key or None)
    pace = rate if rate is not None else (await db.run(lambda s: service.get(s, broadcast_id).rate))
    pace = settings.broadcast_rate if pace is None else pace
    if workers > 1 and shard.count == 1:
        await db.run(lambda s: sender_start(s, broadcast_id))  # queue the messages once, before the shards start
        helpers, shard = _helpers(broadcast_id, workers), Shard(0, workers)
    else:
        helpers = []
    # Every process starts on the same grid, a moment after the first one queued the messages.
    started = await db.run(lambda s: service.get(s, broadcast_id).started_at)
    origin = (started.timestamp() + STARTUP_SECONDS) if started and shard.count > 1 else None
    pacer = shard.pacer(pace or None, origin)
    transport, twilio = sms.make_transport(settings, vault, lambda sender: PacedSender(sender, pacer))
    if twilio is not None:
        await twilio.prepare()
    stuck_after = timedelta(seconds=settings.stuck_after_seconds)
    outbox = broadcast_outbox(db, transport, stuck_after)
    total = await db.run(lambda s: service.get(s, broadcast_id).recipients)
    quiet = shard.count > 1 and shard.index > 0
    bar = tqdm(total=total or None, unit="msg", desc=f"broadcast {broadcast_id}", file=sys.stderr, disable=quiet)

    def progress(counts: dict[str, int]) -> None:
        if bar.total is None or bar.total <= 0:
            bar.total = sum(counts.values())
        done = sum(counts.get(s, 0) for s in DONE_STATUSES)
        bar.update(done - bar.n)

    try:
        sender = BroadcastSender(db, outbox, stuck_after, pacer, shard=shard)
        outcome = await sender.run(broadcast_id, progress)
        for helper in helpers:
            await asyncio.to_thread(helper.wait)
    finally:
        bar.close()
        await outbox.close()
        if twilio is not None:
            await twilio.close()
    summary = ", ".join(f"{count} {status}" for status, count in sorted(outcome.counts.items())) or "no recipients"
    if not quiet:
        print(f"broadcast {broadcast_id}: {outcome.status}: {summary}")
    return 0 if outcome.status == BroadcastStatus.SENT else 3


def main(argv: list[str] | None = None) -> int:
    """Run one command."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    logging.getLogger("twilio").setLevel(logging.WARNING)
    args = _parser().parse_args(argv)
    settings = Settings.from_env()
    db = Database(settings.database_url)
    if args.command == "subscribers":
        rows, problem = read_csv(args.file)
        if problem:
            print(f"error: {problem}", file=sys.stderr)
            return 2
        vault = PiiVault(settings.pii_key, settings.pii_lookup_key or None)
        with db.session() as session:
            report = import_rows(session, vault, rows)
        print(f"added {report.added}, updated {report.updated}, refused {len(report.refused)}")
        for line, reason in report.refused:
            print(f"  line {line}: {reason}")
        return 0
    if args.command == "resume":
        try:
            db_status = asyncio.run(db.run(lambda s: service.get(s, args.id).status))
        except service.NotAllowed as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        if db_status == BroadcastStatus.AWAITING_APPROVAL:
            print(f"broadcast {args.id}: waiting for approval", file=sys.stderr)
            return 2
        if args.shard:
            index, count = (int(part) for part in args.shard.split("/"))
            return asyncio.run(_send(settings, db, args.id, None, shard=Shard(index, count)))
        return asyncio.run(_send(settings, db, args.id, None, args.workers))
    try:
        draft = service.check(args.en, args.es, args.severity, args.zip, args.rate)
    except service.InvalidBroadcast as err:
        for name, problem in err.fields.items():
            print(f"error: {name}: {problem}", file=sys.stderr)
        return 2
    with db.session() as session:
        broadcast = service.create(session, draft, None, "cli", approval_required=True)
        if args.yes and broadcast.status == BroadcastStatus.AWAITING_APPROVAL:
            service.approve(session, broadcast.id, None)
        shown = service.preview(session, draft, settings.broadcast_rate)
        broadcast_id, status = broadcast.id, broadcast.status
    rate = draft.rate if draft.rate is not None else settings.broadcast_rate
    pace = f"{rate:g}/s" if rate else "no limit"
    segments = f"en {shown.segments['en']} {shown.encoding['en']} / es {shown.segments['es']} {shown.encoding['es']}"
    print(
        f"broadcast {broadcast_id}: {draft.severity}, {shown.total} recipients "
        f"(en {shown.recipients['en']}, es {shown.recipients['es']}), "
        f"segments {segments}, "
        f"rate {pace}",
        flush=True,
    )
    if not args.yes:
        print(f"broadcast {broadcast_id}: {status}; approve it in the console, or run again with --yes")
        return 0
    return asyncio.run(_send(settings, db, broadcast_id, args.rate, args.workers))


if __name__ == "__main__":
    raise SystemExit(main())
