"""Subcommands beyond parse: render, build, check, sync (registered here to keep cli.py small)."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    del commands
