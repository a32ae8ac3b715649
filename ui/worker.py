"""Run slow work (database, scrypt, keyring) off the GUI thread.

`run_in_background(fn, *args, on_result=..., on_error=...)` queues `fn` on a
thread pool and calls back on the GUI thread through one queued signal.

Ownership is split on purpose: the worker thread holds only `fn`, its arguments
and a numeric key; the callbacks (usually bound methods of widgets) live in a
GUI-side table until delivered. So the last reference to a widget can never be
dropped on a worker thread (a QObject destroyed off its thread corrupts Qt), and
nothing is garbage-collected mid-flight. `fn` and its arguments must therefore
be plain Python (a Database, strings, ids), not widgets. Callbacks that are
bound methods of an already-deleted QObject are skipped, and a cancelled task
(a stale search) delivers nothing.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

ResultCallback = Callable[[Any], object]
ErrorCallback = Callable[[BaseException], object]


class Task:
    """The GUI-side handle of one queued call; `cancel()` drops its callbacks."""

    def __init__(self, on_result: ResultCallback | None, on_error: ErrorCallback | None) -> None:
        self._on_result, self._on_error = on_result, on_error
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def deliver(self, result: Any, error: BaseException | None) -> None:  # GUI thread
        if self.cancelled:
            return
        if error is None:
            _call(self._on_result, result)
            return
        for watcher in list(_error_watchers):  # offline mode hears every failure (issue #5)
            try:
                _call(watcher, error)
            except Exception:  # the task's own callback must still run: wait_for's loop
                log.exception("background error watcher failed")  # would never end
        if self._on_error is not None:
            _call(self._on_error, error)
        else:
            log.error("background task failed", exc_info=error)


class _Dispatcher(QObject):
    """Lives on the GUI thread: its slot runs there, queued from the worker threads."""

    done = Signal(object, object, object)  # key, result, exception

    def __init__(self) -> None:
        from PySide6.QtCore import Qt  # not before the first window (ui.widgets.centre)

        super().__init__()
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, key: int, result: Any, error: BaseException | None) -> None:
        task = _pending.pop(key, None)
        if task is not None:
            task.deliver(result, error)


_pending: dict[int, Task] = {}
_error_watchers: list[ErrorCallback] = []


def watch_errors(callback: ErrorCallback) -> None:
    """`callback(exc)` on the GUI thread for every task that fails (before its own
    error callback): how a connection error anywhere switches the client offline."""
    _error_watchers.append(callback)


def unwatch_errors(callback: ErrorCallback) -> None:
    if callback in _error_watchers:
        _error_watchers.remove(callback)


_keys = itertools.count(1)
_pool: QThreadPool | None = None
_dispatch: _Dispatcher | None = None


def pool() -> QThreadPool:
    """The pool all GUI background work shares (a few threads: the work waits on I/O)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
    return _pool


def _work(
    dispatcher: _Dispatcher,
    key: int,
    fn: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:  # worker thread: no callbacks, no widgets
    try:
        result, error = fn(*args, **kwargs), None
    except BaseException as exc:
        result, error = None, exc
    try:
        dispatcher.done.emit(key, result, error)
    except RuntimeError:  # "Signal source has been deleted": the application has quit
        log.debug("background result dropped at exit: %s", getattr(fn, "__name__", fn))


def _call(callback: Callable[[Any], object] | None, value: Any) -> None:
    if callback is None:
        return
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, QObject) and not shiboken6.isValid(owner):
        return
    callback(value)


def run_in_background(
    fn: Callable[..., Any],
    *args: Any,
    on_result: ResultCallback | None = None,
    on_error: ErrorCallback | None = None,
    **kwargs: Any,
) -> Task:
    """Queue `fn(*args, **kwargs)`; its result or exception comes back on the GUI thread.

    Call from the GUI thread only.
    """
    global _dispatch
    if _dispatch is None:
        _dispatch = _Dispatcher()
    key = next(_keys)
    task = Task(on_result, on_error)
    _pending[key] = task
    pool().start(functools.partial(_work, _dispatch, key, fn, args, kwargs))
    return task


def pending() -> int:
    """Tasks whose callback has not run yet (tests and shutdown wait on this)."""
    return len(_pending)


def wait_for_idle(timeout_ms: int = 30_000) -> bool:
    """Block until every queued call returned (shutdown: before the engine is disposed)."""
    return bool(pool().waitForDone(timeout_ms))
