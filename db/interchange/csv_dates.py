"""Dates in CSV cells: ISO (`1980-03-22`), without a year (`--03-22`), and the exporting machine's
own short form (`3/22/1980` in the US, `22.03.1980` in Germany) read in the file's day/month
order, which the user names or which is guessed from the file's dates. Outlook writes an empty
date as `0/0/00`."""

from __future__ import annotations

import locale
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from db.interchange.incoming import birthday_without_year

ORDERS = ("MDY", "DMY", "YMD")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z ]*)?$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NO_YEAR = re.compile(r"^--(\d{1,2})-?(\d{2})$")
_LOCAL = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?(?: [\d:.APMapm ]*)?$")
_EMPTY = re.compile(r"^0+([./-])0+(?:\1)0+$")  # 0/0/00, 00/00/0000, 0000-00-00, 00.00.0000
# Where the short date puts the month first or the year first; elsewhere the day comes first.
_MONTH_FIRST = {"US", "PH", "FM", "MH", "PW", "GU", "AS", "PR", "VI", "UM", "BZ"}
_YEAR_FIRST = {"CN", "JP", "KR", "KP", "TW", "HU", "LT", "MN", "IR", "SE"}


class DateError(ValueError):
    """The text is not a date (its message says why, in words)."""


@dataclass(frozen=True)
class DateOrder:
    order: str  # "MDY", "DMY" or "YMD"
    reason: str  # how it was chosen, in words for the import summary


def is_empty_date(text: str) -> bool:
    """Outlook's `0/0/00` and its kin: a date cell that means "no date"."""
    return bool(_EMPTY.match(text.strip()))


def parse_date(text: str, order: str) -> date | None:
    """The date `text` holds, `order` deciding local forms; None for an empty one. A date
    without a year comes back in `incoming.NO_YEAR`. Raises DateError."""
    text = text.strip()
    if not text or is_empty_date(text):
        return None
    if match := _NO_YEAR.match(text):
        month, day = int(match.group(1)), int(match.group(2))
        try:
            return birthday_without_year(month, day)
        except ValueError:
            raise DateError(f"'{text}' is not a day of the year") from None
    if match := _ISO.match(text) or _ISO_BASIC.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _LOCAL.match(text):
        year, month, day = _ordered(match.group(1), match.group(3), match.group(4), order)
    else:
        raise DateError(f"'{text}' is not a date")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{text}' is not a date on the calendar (read as {order})") from None


def _ordered(first: str, second: str, third: str, order: str) -> tuple[int, int, int]:
    if len(first) >= 3 or order == "YMD":
        year, month, day = first, second, third
    elif order == "MDY":
        month, day, year = first, second, third
    else:
        day, month, year = first, second, third
    return _full_year(year), int(month), int(day)


def _full_year(text: str) -> int:
    """A two-digit year is taken as the latest year ending so that is not in the future."""
    year = int(text)
    if len(text) > 2:
        return year
    this_year = date.today().year
    year += 2000
    return year if year <= this_year else year - 100


def guess_order(dates: Iterable[tuple[int, str]], system: str | None = None) -> DateOrder:
    """The day/month order of a file from (line, text) of its date cells: a first part over 12
    means day first, a second part over 12 month first; when no date settles it, dates with dots
    are day first (`22.03.1980`), else the system's own order (`system`, or the locale's)."""
    day_first: list[int] = []
    month_first: list[int] = []
    dots = slashes = 0
    for line, text in dates:
        match = _LOCAL.match(text.strip())
        if not match or len(match.group(1)) >= 3 or is_empty_date(text):
            continue
        first, second = int(match.group(1)), int(match.group(3))
        dots += match.group(2) == "."
        slashes += match.group(2) != "."
        if first > 12 >= second:
            day_first.append(line)
        elif second > 12 >= first:
            month_first.append(line)
    if day_first or month_first:
        order, lines, others = (
            ("DMY", day_first, month_first)
            if len(day_first) >= len(month_first)
            else ("MDY", month_first, day_first)
        )
        what = "day" if order == "DMY" else "month"
        reason = f"{what} first, as the date on line {lines[0]} shows"
        if others:
            reason += f" ({len(others)} dates read the other way round will be rejected)"
        return DateOrder(order, reason)
    if dots > slashes:
        return DateOrder("DMY", "day first, as dates written with dots are")
    chosen = system or system_date_order()
    return DateOrder(chosen, f"{chosen}, this computer's order (the dates fit either order)")


def system_date_order(environ: Mapping[str, str] | None = None) -> str:
    """The short-date order of the user's locale: "MDY" for US English (and the C locale),
    "YMD" for Chinese, Japanese, Korean, Hungarian..., else "DMY"."""
    environ = os.environ if environ is None else environ
    name = ""
    for variable in ("LC_ALL", "LC_TIME", "LANG"):
        if environ.get(variable):
            name = environ[variable]
            break
    else:
        name = locale.getlocale(locale.LC_TIME)[0] or ""
    territory = re.split(r"[.@]", name)[0].partition("_")[2].upper()
    if not territory or territory in _MONTH_FIRST:
        return "MDY"
    return "YMD" if territory in _YEAR_FIRST else "DMY"
