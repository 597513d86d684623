"""Figures as a source writes them: '49', '9,289', '0.5', '2.3 million', '1.5 billion'.

A deck author copies a number from the text; the engine reads its value (to compare answers and
make wrong values) and writes made-up values in the same style: the same number of decimals, the
same scale word, digit groups where the answer has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

SCALE_WORDS = {"thousand": 3, "million": 6, "billion": 9, "trillion": 12}
_FIGURE = re.compile(
    r"^(?P<whole>\d{1,3}(?:(?P<sep>[,\u202f\u00a0])\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?:\s+(?P<scale>" + "|".join(SCALE_WORDS) + r"))?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A number read from text: its mantissa as written, its scale word, and how it is written."""

    mantissa: Decimal
    decimals: int
    scale: str = ""
    separator: str = ""

    @property
    def value(self) -> Decimal:
        """The number itself: '2.3 million' -> 2300000."""
        return self.mantissa.scaleb(SCALE_WORDS.get(self.scale, 0))

    @property
    def unit(self) -> Decimal:
        """The step of the last written digit, in mantissa terms: '9,289' -> 1, '4,000' -> 1000, '2.3' -> 0.1."""
        if self.decimals:
            return Decimal(1).scaleb(-self.decimals)
        digits = str(int(self.mantissa))
        zeros = len(digits) - len(digits.rstrip("0")) if int(self.mantissa) else 0
        return Decimal(1).scaleb(zeros)

    @property
    def key(self) -> str:
        """The value as plain digits, so '2.3 million' and '2,300,000' compare equal."""
        text = format(self.value.normalize(), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text

    def written(self, mantissa: Decimal) -> str:
        """Another mantissa written in this figure's style: decimals, digit groups, scale word."""
        number = f"{mantissa:.{self.decimals}f}"
        if self.separator:
            whole, _, frac = number.partition(".")
            grouped = f"{int(whole):,}".replace(",", self.separator)
            number = grouped + (f".{frac}" if frac else "")
        return f"{number} {self.scale}" if self.scale else number


@lru_cache(maxsize=1 << 16)
def read_figure(text: str) -> Figure | None:
    """'2.3 million' -> Figure(2.3, 1 decimal, million); None when the text is not a plain figure."""
    match = _FIGURE.match(text.strip())
    if match is None:
        return None
    whole = re.sub(r"\D", "", match["whole"])
    frac = match["frac"] or ""
    mantissa = Decimal(f"{whole}.{frac}" if frac else whole)
    scale = (match["scale"] or "").lower()
    return Figure(mantissa, len(frac), scale, match["sep"] or "")
