"""Problems: what is wrong with a contributor's file, and exactly where.

Every stage collects problems instead of raising, so a contributor sees all of them in one run.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .errors import EXIT_PROBLEMS, LeakArchiveError

Severity = Literal["error", "review", "warning"]
"""error: the file is wrong. review: the file is valid but unfinished, as a reviewer would send it
back (refused by `validate` and a site build; a contributor's local preview shows the page marked
as a draft). warning: worth a look, never refused."""

_JOINERS = frozenset("\u200c\u200d")  # ZWNJ and ZWJ: Persian and Arabic spelling needs them


def printable(text: str) -> str:
    """`text` safe to print as part of one line: invisible and control characters escaped.

    Messages quote what a contributor wrote, and paths name what they created. Without this, an
    escape sequence (`"\\e[2J"` in YAML) would drive the terminal or CI log that shows the problem,
    a line break would forge a second problem line, and a bidi override would reorder the line.
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if (
            char in _JOINERS
            or char == " "
            or unicodedata.category(char) not in ("Cc", "Cf", "Cs", "Zl", "Zp")
        ):
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file: `path:line:column: field: message`."""

    path: str  # relative to the project, POSIX separators
    line: int  # 1-based; 1 when the whole file is concerned
    column: int  # 1-based
    field: str  # dotted path of the field, e.g. "quotes[2].speaker"; "" for the file itself
    message: str  # what was expected and what was found
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        message = f"{self.severity}: {self.message}" if self.severity == "warning" else self.message
        line = f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"
        return printable(line)

    @property
    def blocks_publication(self) -> bool:
        """Whether `validate`, CI and a site build refuse the archive for it (not a warning)."""
        return self.severity != "warning"

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the line in a review."""
        message = printable(f"{self.field}: {self.message}" if self.field else self.message)
        for char, code in (("%", "%25"), ("\r", "%0D"), ("\n", "%0A")):
            message = message.replace(char, code)
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        command = "warning" if self.severity == "warning" else "error"
        return f"::{command} file={path},line={self.line},col={self.column}::{message}"


def counted(count: int) -> str:
    """'1 problem', '2 problems': how every summary counts them."""
    return f"{count} problem{'s' if count != 1 else ''}"


class ArchiveError(LeakArchiveError):
    """Raised by callers that need an exception (the MkDocs plugin); carries every problem."""

    exit_status = EXIT_PROBLEMS

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{counted(len(self.problems))} in the archive:\n{lines}")


def did_you_mean(found: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a close choice exists, else ''."""
    close = difflib.get_close_matches(found, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def field_name(path: tuple[str | int, ...]) -> str:
    """Dotted field name for a path: ('quotes', 2, 'speaker') -> 'quotes[2].speaker'.

    List indexes are shown 1-based, as a contributor counts them.
    """
    name = ""
    for part in path:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else part
    return name
