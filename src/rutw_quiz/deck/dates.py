"""Partial dates as deck authors write them: "1895", "September 1992", "15 September 1992"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {name.casefold(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.casefold(): i for i, name in enumerate(calendar.month_abbr) if name})

_ISO = re.compile(r"^(?P<y>\d{1,4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?$")
_DMY = re.compile(r"^(?:(?P<d>\d{1,2})\s+)?(?P<mon>[A-Za-z]+)\.?\s+(?P<y>\d{1,4})$")
_MDY = re.compile(r"^(?P<mon>[A-Za-z]+)\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{1,4})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day; orders chronologically."""

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        if not self.month:
            return str(self.year)
        month = calendar.month_name[self.month]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"

    def shifted(self, years: int) -> PartialDate:
        """The same day and month in another year (29 February falls back to the 28th)."""
        day = self.day
        if self.month == 2 and day == 29 and not calendar.isleap(self.year + years):
            day = 28
        return PartialDate(self.year + years, self.month, day)


@lru_cache(maxsize=1 << 18)
def parse_partial_date(text: str) -> PartialDate:
    """Parse an ISO ("1992-09-15") or English ("15 September 1992") partial date.

    Raises ValueError with a message meant for a deck author.
    """
    text = text.strip()
    if m := _ISO.match(text):
        year, month_text, day_text = int(m["y"]), m["m"], m["d"]
        month = int(month_text) if month_text is not None else 0
        if month_text is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month} is out of range in '{text}'")
    elif m := (_DMY.match(text) or _MDY.match(text)):
        found = MONTHS.get(m["mon"].casefold())
        if found is None:
            raise ValueError(f"'{m['mon']}' is not a month name")
        year, month, day_text = int(m["y"]), found, m["d"]
    else:
        raise ValueError(
            f"'{text}' is not a date; write e.g. '1992', 'September 1992', "
            "'15 September 1992' or '1992-09-15'"
        )
    day = int(day_text) if day_text is not None else 0
    if day_text is not None:  # a written day must be real: no '0 May' or '31 February'
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"'{text}' is not a real calendar day") from None
    return PartialDate(year, month, day)
