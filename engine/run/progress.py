"""A progress line on a terminal for runs that take more than a moment."""

import sys
import time
from typing import TextIO

#: Seconds before the progress line first appears.
DELAY = 1.0


class ProgressLine:
    """Draws done, rate and time left, redrawn in place on stderr.

    Shows nothing when stderr is not a terminal, and nothing for runs that
    finish within :data:`DELAY` seconds.

    Parameters
    ----------
    stream : text file, optional
        Where to draw; ``sys.stderr`` by default.
    quiet : bool
        Draw nothing at all.
    """

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.enabled = self.stream.isatty() and not quiet
        self.started = time.monotonic()
        self.shown = False
        self._last = 0.0
        self._first = None

    def __call__(self, done: int, total: int) -> None:
        """Record ``done`` of ``total`` draws; redraw at most ten times a second.

        A first call with draws already done (a run resumed from a checkpoint)
        says so on a line of its own, terminal or not; the rate counts only
        the draws made since.
        """
        if self._first is None:
            self._first = done
            if done and not self.quiet:
                self.stream.write(f"resumed {done:,} of {total:,} draws from the checkpoint\n")
                self.stream.flush()
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self.started
        if elapsed < DELAY or (now - self._last < 0.1 and done < total):
            return
        self._last = now
        rate = (done - self._first) / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else float("inf")
        width = 30
        filled = int(width * done / total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r[{bar}] {done:,}/{total:,} draws  {rate / 1e6:.1f} M/s  {_duration(left)} left "
        )
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """End the line, if one was drawn."""
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


def _duration(seconds):
    if seconds == float("inf"):
        return "?"
    seconds = round(seconds)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{seconds:02d}s"
