"""Stopping from outside: SIGTERM and SIGHUP end a command as Ctrl-C ends it.

By default such a signal ended the process at once: a batch's output was left half written and
its worker processes, which the signal did not reach, slept on. The CLI turns them into
:class:`Terminated`, raised where the program is; but work that must not be cut anywhere (a batch,
whose worker pool an exception raised inside its own machinery left broken) defers it to a point
of its choosing (:func:`deferred`, :func:`check`), where it stops its workers and removes its
partial output as it does on any error.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(BaseException):
    """A stop asked for by a signal (a BaseException, as KeyboardInterrupt is: no handler of
    errors takes it for one)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _State:
    deferring = 0  # how many pieces of work defer a stop now
    pending: int | None = None  # the signal received meanwhile


_STATE = _State()


def _on_signal(signum: int, _frame: FrameType | None) -> None:
    if _STATE.deferring:
        _STATE.pending = signum
        return
    raise Terminated(signum)


@contextlib.contextmanager
def ending_on_termination() -> Iterator[None]:
    """SIGTERM and SIGHUP raise :class:`Terminated` meanwhile (or at the next :func:`check` of
    deferring work); the handlers before are put back after. Signals are handled in the main
    thread only: elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.signal(s, _on_signal) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
        _STATE.pending = None


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A stop asked for meanwhile waits for :func:`check` (or the end of this block)."""
    _STATE.deferring += 1
    try:
        yield
    finally:
        _STATE.deferring -= 1
    check()


def check() -> None:
    """Raise :class:`Terminated` if a stop was asked for."""
    if _STATE.pending is not None:
        signum, _STATE.pending = _STATE.pending, None
        raise Terminated(signum)


def _reset_in_child() -> None:
    """A forked process ends on these signals as by default, and defers nothing: the parent's
    handler and its count of deferring work, forked with it, would otherwise turn a signal meant to
    end it into a stop that nothing there ever takes. Run at every fork, in the child, before any
    other code of it; handlers the parent had not set through this module are left alone."""
    _STATE.deferring, _STATE.pending = 0, None
    for s in SIGNALS:
        if signal.getsignal(s) is _on_signal:
            signal.signal(s, signal.SIG_DFL)


if hasattr(os, "register_at_fork"):  # (not on Windows, which does not fork)
    os.register_at_fork(after_in_child=_reset_in_child)
