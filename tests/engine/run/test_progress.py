"""The progress line: drawn on a terminal only, after a delay, and ended cleanly."""

import io

from seatcast.engine.run import progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_drawn_on_a_terminal_and_ended_with_a_newline(monkeypatch):
    monkeypatch.setattr(progress, "DELAY", 0.0)
    stream = Terminal()
    line = progress.ProgressLine(stream)
    line(0, 1_000_000)  # runs report their start
    line(250_000, 1_000_000)
    line(1_000_000, 1_000_000)
    line.close()
    text = stream.getvalue()
    assert "1,000,000/1,000,000 draws" in text and "M/s" in text
    assert text.startswith("\r[") and text.endswith("\n")


def test_no_progress_when_not_a_terminal_or_when_quick(monkeypatch):
    stream = io.StringIO()
    line = progress.ProgressLine(stream)
    line(0, 10)
    line(10, 10)
    line.close()
    assert stream.getvalue() == ""
    quick = Terminal()
    line = progress.ProgressLine(quick)  # finishes within the delay
    line(0, 10)
    line(10, 10)
    line.close()
    assert quick.getvalue() == ""
    quiet = Terminal()
    monkeypatch.setattr(progress, "DELAY", 0.0)
    line = progress.ProgressLine(quiet, quiet=True)
    line(4, 10)  # resumed, but quiet
    line(10, 10)
    assert quiet.getvalue() == ""


def test_a_resumed_run_says_so_once_even_off_a_terminal():
    stream = io.StringIO()
    line = progress.ProgressLine(stream)
    line(400, 1_000)
    line(1_000, 1_000)
    line.close()
    assert stream.getvalue() == "resumed 400 of 1,000 draws from the checkpoint\n"
