"""Simulated time.  Instants are float seconds since the Unix epoch (UTC); durations are seconds.

Floats instead of ``datetime`` keep the reconcile loop cheap (a 1,000-replica rollout runs tens of
thousands of comparisons).  The wire format is RFC 3339 at second precision.  This module, and the
CLI, are the only places allowed to read the wall clock.
"""

from __future__ import annotations

import re
import time as _time

EPOCH_2024 = 1704067200.0  # 2024-01-01T00:00:00Z: the manual clock's default start

_DUR_RE = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNIT = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def wall() -> float:
    """The real wall clock (only RealClock and the CLI use it)."""
    return _time.time()


def monotonic() -> float:
    """Seconds on a clock that never steps (what a real-clock ``--timeout`` is measured on)."""
    return _time.monotonic()


def sleep(seconds: float) -> None:
    """Wait in wall time (only the CLI's waiting commands do; tests replace it with monotonic)."""
    _time.sleep(seconds)


def parse_duration(text: str) -> float:
    """Go ``time.ParseDuration``: ``500ms``, ``30s``, ``1h30m``;
    a bare ``0`` is zero. Raises ValueError.
    """
    s = text.strip()
    if not s:
        raise ValueError(f'time: invalid duration "{text}"')
    sign = 1.0
    if s[0] in "+-":
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if s == "0":
        return 0.0
    pos = 0
    total = 0.0
    while pos < len(s):
        m = _DUR_RE.match(s, pos)
        if not m:
            if re.match(r"(\d+(?:\.\d*)?|\.\d+)$", s[pos:]):
                raise ValueError(f'time: missing unit in duration "{text}"')
            raise ValueError(f'time: invalid duration "{text}"')
        total += float(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    return sign * total


def go_duration(seconds: float) -> str:
    """Go ``time.Duration.String()`` for a duration in seconds
    (``3s``, ``1m30s``, ``300ms``, ``2m0.5s``).
    """
    ns = round(seconds * 1e9)
    if ns == 0:
        return "0s"
    neg = ns < 0
    ns = abs(ns)
    if ns < 1_000_000_000:
        if ns < 1000:
            out = f"{ns}ns"
        elif ns < 1_000_000:
            out = _trim(ns / 1e3) + "µs"
        else:
            out = _trim(ns / 1e6) + "ms"
        return ("-" if neg else "") + out
    h, rem = divmod(ns, 3600 * 10**9)
    m, rem = divmod(rem, 60 * 10**9)
    sec = _trim(rem / 1e9)
    out = ""
    if h:
        out += f"{h}h"
    if h or m:
        out += f"{m}m"
    out += f"{sec}s"
    return ("-" if neg else "") + out


def _trim(x: float) -> str:
    s = f"{x:.9f}".rstrip("0").rstrip(".")
    return s or "0"


# Formatted and parsed timestamps, memoized: the controllers stamp and read the same few seconds
# thousands of times in a rollout (one Event, condition and pod each).  Cleared when full.
_CACHE_SIZE = 8192
_RFC: dict[int, str] = {}
_PARSED: dict[str, float | None] = {}


def rfc3339(t: float) -> str:
    """``2024-01-01T00:00:00Z`` (truncated to the second)."""
    global _LAST_RFC
    last = _LAST_RFC
    if t == last[0]:
        return last[1]  # (the controllers ask for the same instant in a row, thousands of times)
    second = int(t // 1)
    text = _RFC.get(second)
    if text is None:
        text = _time.strftime("%Y-%m-%dT%H:%M:%SZ", _time.gmtime(second))
        if len(_RFC) >= _CACHE_SIZE:
            _RFC.clear()
        _RFC[second] = text
    _LAST_RFC = (t, text)
    return text


# the last (instant, rfc3339 of it): a pure function of the instant, so valid for every cluster
_LAST_RFC: tuple[float, str] = (float("nan"), "")


def rfc3339_micro(t: float) -> str:
    """MicroTime: ``2024-01-01T00:00:00.123456Z``."""
    whole = int(t // 1)
    micro = round((t - whole) * 1e6)
    if micro >= 1_000_000:
        whole, micro = whole + 1, 0
    return _time.strftime("%Y-%m-%dT%H:%M:%S", _time.gmtime(whole)) + f".{micro:06d}Z"


_TS_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(\.\d+)?([Zz]|[+-]\d\d:\d\d)?$")


def parse_time(text: str | None) -> float | None:
    """Parse RFC 3339 (as stored in objects) to epoch seconds; None for missing or malformed."""
    if not text or not isinstance(text, str):
        return None
    try:
        return _PARSED[text]
    except KeyError:
        pass
    t = _parse_time(text)
    if len(_PARSED) >= _CACHE_SIZE:
        _PARSED.clear()
    _PARSED[text] = t
    return t


def _parse_time(text: str) -> float | None:
    m = _TS_RE.match(text)
    if not m:
        return None
    y, mo, d, hh, mm, ss = (int(m.group(i)) for i in range(1, 7))
    try:
        t = float(_timegm(y, mo, d, hh, mm, ss))
    except (ValueError, OverflowError):
        return None
    if m.group(7):
        t += float(m.group(7))
    tz = m.group(8)
    if tz and tz not in "Zz":
        off = (int(tz[1:3]) * 3600 + int(tz[4:6]) * 60) * (1 if tz[0] == "+" else -1)
        t -= off
    return t


def _timegm(y: int, mo: int, d: int, hh: int, mm: int, ss: int) -> int:
    """calendar.timegm without importing calendar (and datetime): days from the civil date."""
    if not (1 <= mo <= 12 and 1 <= d <= 31 and hh < 24 and mm < 60 and ss < 61):
        raise ValueError("date out of range")
    y -= mo <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (mo + (-3 if mo > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days = era * 146097 + doe - 719468
    return days * 86400 + hh * 3600 + mm * 60 + ss


def rfc1123z_local(t: float) -> str:
    """``Wed, 06 Aug 2025 10:00:00 +0900`` in the local time zone (describe's absolute times)."""
    lt = _time.localtime(int(t // 1))
    off = lt.tm_gmtoff or 0
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    return (
        _time.strftime("%a, %d %b %Y %H:%M:%S ", lt)
        + f"{sign}{off // 3600:02d}{(off % 3600) // 60:02d}"
    )


def rfc3339_local(t: float) -> str:
    """RFC 3339 in the local zone (``rollout restart``'s restartedAt):
    ``Z`` when the zone is UTC.
    """
    lt = _time.localtime(int(t // 1))
    off = lt.tm_gmtoff or 0
    base = _time.strftime("%Y-%m-%dT%H:%M:%S", lt)
    if off == 0:
        return base + "Z"
    sign = "+" if off >= 0 else "-"
    off = abs(off)
    return base + f"{sign}{off // 3600:02d}:{(off % 3600) // 60:02d}"


def human_duration(seconds: float) -> str:
    """Port of ``duration.HumanDuration`` (apimachinery pkg/util/duration): the AGE column."""
    if seconds < -1:
        return "<invalid>"
    if seconds < 0:
        return "0s"
    s = int(seconds)
    if s < 120:
        return f"{s}s"
    m = s // 60
    if m < 10:
        return f"{m}m" if s % 60 == 0 else f"{m}m{s % 60}s"
    if m < 180:
        return f"{m}m"
    h = s // 3600
    if h < 8:
        return f"{h}h" if m % 60 == 0 else f"{h}h{m % 60}m"
    if h < 48:
        return f"{h}h"
    if h < 24 * 8:
        return f"{h // 24}d" if h % 24 == 0 else f"{h // 24}d{h % 24}h"
    if h < 24 * 365 * 2:
        return f"{h // 24}d"
    if h < 24 * 365 * 8:
        years = h // 24 // 365
        dy = (h // 24) % 365
        return f"{years}y" if dy == 0 else f"{years}y{dy}d"
    return f"{h // 24 // 365}y"


def age(now: float, timestamp: str | None) -> str:
    """AGE cell: HumanDuration(now - timestamp); ``<unknown>`` for a missing timestamp."""
    t = parse_time(timestamp)
    if t is None:
        return "<unknown>"
    return human_duration(now - t)
