"""A progress line on a terminal for runs that take more than a moment."""

import sys
import time

#: Seconds before the progress line first appears.
DELAY = 1.0


class ProgressLine:
    """Draws done, rate and time left, redrawn in place on stderr.

    Shows nothing when stderr is not a terminal, and nothing for runs that
    finish within :data:`DELAY` seconds.

    Parameters
    ----------
    total : int
        Draws in the run.
    stream : file, optional
        Where to draw; ``sys.stderr`` by default.
    """

    def __init__(self, total, stream=None):
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.started = time.monotonic()
        self.shown = False
        self._last = 0.0

    def __call__(self, done):
        """Record ``done`` draws; redraw at most ten times a second."""
        if not self.enabled:
            return
        now = time.monotonic()
        elapsed = now - self.started
        if elapsed < DELAY or (now - self._last < 0.1 and done < self.total):
            return
        self._last = now
        rate = done / elapsed if elapsed > 0 else 0.0
        left = (self.total - done) / rate if rate > 0 else float("inf")
        width = 30
        filled = int(width * done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(
            f"\r[{bar}] {done:,}/{self.total:,} draws  {rate / 1e6:.1f} M/s  "
            f"{_duration(left)} left "
        )
        self.stream.flush()
        self.shown = True

    def close(self):
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
