"""Argument checks the parser cannot express: positive job counts, one-line usage errors, a reader
that went away. Each ends in one line and exit 2 (or a quiet 141), never a traceback. (Folders that
are files: `fileio.output_folder`.)
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import NoReturn

SIGPIPE_STATUS = 141  # what a shell reports for a process ended by SIGPIPE (`check | head`)
FORMAT_HELP = (
    "text: one line a finding and a summary (default); json: one object (schema version 1); "
    "github: workflow annotations"
)


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line (`b24-docgen check: error: …`) and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def job_count(text: str) -> int:
    """`--jobs N`: N worker processes, at least one."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = 0
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return jobs


def quiet_broken_pipe() -> int:
    """The reader of stdout went away: stop without a traceback, and without the interpreter's
    own complaint when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return SIGPIPE_STATUS
