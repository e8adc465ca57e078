"""The `bhxh` command: one entry point, one subcommand per module in `helpers.commands`.

A subcommand module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``
and keeps heavy imports inside ``run`` so that ``bhxh --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from collections.abc import Sequence
from types import ModuleType

from helpers import __version__
from helpers.errors import BhxhError


def _command_modules() -> list[ModuleType]:
    import helpers.commands as package

    modules = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        modules.append(importlib.import_module(f"helpers.commands.{info.name}"))
    return modules


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="bhxh",
        description="Measure BHXH tự nguyện / BHYT hộ gia đình enrolment campaigns.",
    )
    parser.add_argument("--version", action="version", version=f"bhxh {__version__}")
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument("-v", "--verbose", action="count", default=0,
                          help="say more on stderr (-v: progress and files written; -vv: debug)")
    loudness.add_argument("-q", "--quiet", action="store_true",
                          help="errors only on stderr (no warnings, no progress bar)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        sp = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(sp)
        sp.set_defaults(_run=module.run)
    return parser


def configure_logging(verbose: int = 0, quiet: bool = False) -> int:
    """Send the ``helpers`` loggers to stderr at the level the flags ask for; return it.

    By default only warnings and errors are shown, so a user error stays one or two lines;
    ``-v`` adds what was done (files written, reports built), ``-vv`` debugging detail.
    """
    level = logging.ERROR if quiet else {0: logging.WARNING, 1: logging.INFO}.get(
        verbose, logging.DEBUG
    )
    logger = logging.getLogger("helpers")
    logger.setLevel(level)
    for old in [h for h in logger.handlers if getattr(h, "_bhxh", False)]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("bhxh: %(levelname)s: %(message)s"))
    handler._bhxh = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.propagate = False
    return level


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 some work failed, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose, args.quiet)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except BhxhError as exc:
        print(f"bhxh {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"bhxh {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
