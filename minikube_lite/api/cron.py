"""Cron schedules as the CronJob controller reads them: robfig/cron v3's standard parser.

Port of ``github.com/robfig/cron/v3`` ``parser.go`` (ParseStandard: five fields minute, hour,
day of month, month, day of week; ``*``, ``?``, lists, ranges, steps, month and weekday names;
the ``@yearly`` ... ``@hourly`` descriptors and ``@every``) and ``spec.go`` (SpecSchedule.Next,
dayMatches).  Errors are the library's texts.  Times are seconds since the epoch; ``tz`` is an
IANA zone name (``zoneinfo`` is imported only then) or UTC.
"""

from __future__ import annotations

import datetime as dt

from minikube_lite.errors import MklError
from minikube_lite.records import dataclass

STAR = 1 << 63
_BOUNDS = {
    "minute": (0, 59, {}),
    "hour": (0, 23, {}),
    "dom": (1, 31, {}),
    "month": (
        1,
        12,
        {
            m: i + 1
            for i, m in enumerate(
                ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
            )
        },
    ),
    "dow": (0, 6, {d: i for i, d in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))}),
}
_DESCRIPTORS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}


class CronError(MklError):
    """A schedule the parser refuses (its message is robfig/cron's)."""


@dataclass(frozen=True, slots=True)
class Schedule:
    """SpecSchedule (bit sets per field) or, with ``every`` > 0, ConstantDelaySchedule."""

    minute: int = 0
    hour: int = 0
    dom: int = 0
    month: int = 0
    dow: int = 0
    every: float = 0.0


def parse(spec: str) -> Schedule:
    """Port of ParseStandard (Parser.Parse with the standard fields and descriptors)."""
    if not spec:
        raise CronError("empty spec string")
    if spec.startswith("@"):
        return _descriptor(spec)
    fields = spec.split()
    if len(fields) != 5:
        words = " ".join(fields)
        raise CronError(f"expected exactly 5 fields, found {len(fields)}: [{words}]")
    bits = [_field(f, name) for f, name in zip(fields, _BOUNDS, strict=True)]
    return Schedule(*bits)


def _descriptor(spec: str) -> Schedule:
    if spec in _DESCRIPTORS:
        return parse(_DESCRIPTORS[spec])
    if spec.startswith("@every "):
        from minikube_lite import clock

        try:
            seconds = clock.parse_duration(spec[len("@every ") :])
        except MklError as e:
            raise CronError(f"failed to parse duration {spec}: {e}") from None
        return Schedule(every=max(1.0, float(int(seconds))))
    raise CronError(f"unrecognized descriptor: {spec}")


def _field(text: str, name: str) -> int:
    """getField: the OR of each comma-separated range."""
    bits = 0
    for expr in text.split(","):
        bits |= _range(expr, name)
    return bits


def _range(expr: str, name: str) -> int:
    """getRange: ``*``/``?``, ``N``, ``N-M``, each with an optional ``/step``."""
    lo_b, hi_b, names = _BOUNDS[name]
    range_and_step = expr.split("/")
    low_and_high = range_and_step[0].split("-")
    single = len(low_and_high) == 1
    extra = 0
    if low_and_high[0] in ("*", "?"):
        start, end, extra = lo_b, hi_b, STAR
    else:
        start = _value(low_and_high[0], names)
        if len(low_and_high) == 1:
            end = start
        elif len(low_and_high) == 2:
            end = _value(low_and_high[1], names)
        else:
            raise CronError(f"too many hyphens: {expr}")
    if len(range_and_step) == 1:
        step = 1
    elif len(range_and_step) == 2:
        step = _number(range_and_step[1])
        if single:  # N/step means N-max/step
            end = hi_b
        if step > 1:
            extra = 0
    else:
        raise CronError(f"too many slashes: {expr}")
    _check_range(start, end, step, lo_b, hi_b, expr)
    bits = 0
    for i in range(start, end + 1, step):
        bits |= 1 << i
    return bits | extra


def _check_range(start: int, end: int, step: int, lo_b: int, hi_b: int, expr: str) -> None:
    if start < lo_b:
        raise CronError(f"beginning of range ({start}) below minimum ({lo_b}): {expr}")
    if end > hi_b:
        raise CronError(f"end of range ({end}) above maximum ({hi_b}): {expr}")
    if start > end:
        raise CronError(f"beginning of range ({start}) beyond end of range ({end}): {expr}")
    if step == 0:
        raise CronError(f"step of range should be a positive number: {expr}")


def _value(text: str, names: dict[str, int]) -> int:
    return names[text.lower()] if text.lower() in names else _number(text)


def _number(text: str) -> int:
    """mustParseInt: a non-negative decimal (Go's strconv.Atoi)."""
    body = text[1:] if text[:1] in "+-" else text
    if not body.isdigit() or not body.isascii():
        raise CronError(
            f'failed to parse int from {text}: strconv.Atoi: parsing "{text}": invalid syntax'
        )
    n = int(text)
    if n < 0:
        raise CronError(f"negative number ({n}) not allowed: {text}")
    return n


def _zone(tz: str | None) -> dt.tzinfo:
    if not tz:
        return dt.UTC
    import zoneinfo

    return zoneinfo.ZoneInfo(tz)


def next_after(s: Schedule, t: float, tz: str | None = None) -> float | None:
    """Port of SpecSchedule.Next: the first matching instant strictly after ``t`` (None when
    there is none in the next five years)."""
    if s.every:
        return float(int(t)) + s.every  # ConstantDelaySchedule: a whole second later
    zone = _zone(tz)
    cur = dt.datetime.fromtimestamp(int(t) + 1, zone).replace(second=0)
    if cur.timestamp() <= t:
        cur += dt.timedelta(minutes=1)
    year_limit = cur.year + 5
    while cur.year <= year_limit:
        if not (1 << cur.month) & s.month:
            cur = _first_of_next_month(cur)
            continue
        if not _day_matches(s, cur):
            cur = (cur + dt.timedelta(days=1)).replace(hour=0, minute=0)
            continue
        if not (1 << cur.hour) & s.hour:
            cur = (cur + dt.timedelta(hours=1)).replace(minute=0)
            continue
        if not (1 << cur.minute) & s.minute:
            cur += dt.timedelta(minutes=1)
            continue
        return cur.timestamp()
    return None


def _first_of_next_month(cur: dt.datetime) -> dt.datetime:
    year, month = (cur.year + 1, 1) if cur.month == 12 else (cur.year, cur.month + 1)
    return cur.replace(year=year, month=month, day=1, hour=0, minute=0)


def _day_matches(s: Schedule, t: dt.datetime) -> bool:
    """dayMatches: with a ``*`` in either day field both must match, else either."""
    dom = bool((1 << t.day) & s.dom)
    dow = bool((1 << ((t.weekday() + 1) % 7)) & s.dow)
    if s.dom & STAR or s.dow & STAR:
        return dom and dow
    return dom or dow
