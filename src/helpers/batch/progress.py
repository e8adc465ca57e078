"""The batch's progress bar (tqdm on stderr) and its one-line closing summary.

Skipped reports count as done at once; the bar's postfix keeps built / failed / skipped.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Tally:
    """Counts of a batch's reports by outcome, and when the batch started."""

    built: int = 0
    failed: int = 0
    skipped: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def total(self) -> int:
        """Reports accounted for so far."""
        return self.built + self.failed + self.skipped

    def summary(self) -> str:
        """``"63 reports: 60 built, 2 skipped, 1 failed in 84.2 s"``."""
        elapsed = time.perf_counter() - self.started
        noun = "report" if self.total == 1 else "reports"
        return (
            f"{self.total} {noun}: {self.built} built, {self.skipped} skipped, "
            f"{self.failed} failed in {elapsed:.1f} s"
        )


class BatchProgress:
    """A progress bar over ``total`` reports.

    Parameters
    ----------
    total
        Every report of the batch, skipped ones included.
    enabled
        ``None`` shows the bar only on a terminal; ``True``/``False`` force it.
    stream
        Where the bar goes (stderr).
    """

    def __init__(self, total: int, *, enabled: bool | None = None, stream: TextIO | None = None):
        # tqdm.auto: a widget when the batch runs from a notebook, text on a terminal.
        from tqdm.auto import tqdm

        self.tally = Tally()
        self._bar = tqdm(
            total=total,
            unit="report",
            file=stream or sys.stderr,
            disable=None if enabled is None else not enabled,
            dynamic_ncols=True,
            mininterval=0.5,
        )

    def skip(self, count: int) -> None:
        """Count reports whose inputs did not change."""
        self.tally.skipped += count
        self._advance(count)

    def done(self, status: str, label: str = "") -> None:
        """Count one finished report (``status`` is ``"built"`` or ``"failed"``)."""
        if status == "built":
            self.tally.built += 1
        else:
            self.tally.failed += 1
        self._bar.set_description_str(label, refresh=False)
        self._advance(1)

    def close(self) -> str:
        """Close the bar and return the summary line."""
        self._bar.close()
        return self.tally.summary()

    def _advance(self, count: int) -> None:
        t = self.tally
        self._bar.set_postfix_str(
            f"built={t.built} failed={t.failed} skipped={t.skipped}", refresh=False
        )
        self._bar.update(count)
