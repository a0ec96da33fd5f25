"""Case numbers: how a report's public number is written ("PDX-2026-000123") and found in what residents write.

Kept apart from the repository so that the NLU component, which reads case numbers in messages, needs no
database code.
"""

from __future__ import annotations

import re
from datetime import datetime

CASE_PREFIX = "PDX"
MAX_REFERENCE_CHARS = 2000
"""Only the start of a message is searched for a case number; every quantifier below is bounded (linear)."""
_NUMBER = r"0{0,9}(?P<number>[1-9]\d{0,8})(?!\d)"
# "PDX-2026-000123", "pdx 2026 123", "PDX#123" anywhere in the text.
_CASE_FORMAT = re.compile(r"(?<![a-z0-9])pdx[\s#_-]{0,3}(?>(?:20\d\d[\s#_-]{1,3})?)" + _NUMBER, re.IGNORECASE)
# A number introduced as one: "case 123", "report #45", "reporte número 7", "folio: 88", "#45".
_INTRODUCED = re.compile(
    r"(?:(?<!\w)(?:case|ticket|report|request|caso|reporte|folio|solicitud|n[uú]mero|number)"
    r"(?:\s{1,3}(?:number|n[uú]mero|no\.?))?[\s:.-]{0,3}#?\s{0,2}|#\s{0,2})" + _NUMBER,
    re.IGNORECASE,
)
# A message that is nothing but a number ("123", "#000123.").
_BARE = re.compile(r"\s{0,20}#?\s{0,2}" + _NUMBER + r"\s{0,20}[.!?]{0,3}\s{0,20}")


def format_case_number(row_id: int, when: datetime) -> str:
    """The public case number, e.g. ``PDX-2026-000123``."""
    return f"{CASE_PREFIX}-{when.year}-{row_id:06d}"


def parse_case_number(text: str) -> int | None:
    """The request number in ``text``, if it holds one: "PDX-2026-000123", "case 123", "#123", or just "123".

    Other numbers are not case numbers ("I reported 3 cars on 82nd" names none).
    """
    text = (text or "")[:MAX_REFERENCE_CHARS]
    match = _CASE_FORMAT.search(text) or _INTRODUCED.search(text) or _BARE.fullmatch(text)
    return int(match.group("number")) if match else None
