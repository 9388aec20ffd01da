"""The package's one family of errors, and the exit status each gives the `leakarchive` command.

A contributor's mistakes in the archive are not errors: every stage collects them as problems
(problems.py), so that one run shows them all. An error stops a command: the archive has problems
and the command cannot go on with them, or the command was given something it cannot use.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

EXIT_STATUS_HELP = f"""exit status:
  {EXIT_OK}  done
  {EXIT_PROBLEMS}  problems found and printed (in the archive; for offline: in the built site)
  {EXIT_USAGE}  bad usage or input: a wrong argument, a missing or unusable file or folder"""
"""The end of every `--help` of the `leakarchive` command."""


class LeakArchiveError(Exception):
    """Base of every error this package raises on purpose; its message says what to do."""

    exit_status = EXIT_USAGE


class UsageError(LeakArchiveError):
    """A command was given an argument, file or folder it cannot use."""
