"""Where the compiled Brandes pass runs: in this process, or in a child started early.

Why a child process: loading numba and its cached kernel costs about half a
second of pure Python (numba's import, then its typing and target
registries), and so does importing SQLAlchemy and reading the registry. In
one process both hold the interpreter lock, so they add up; on a machine
with a second core a child started before those imports loads the kernel
*while* the parent reads the registry, then runs the searches while the
parent computes igraph's figures. The figures are the same either way: the
child runs the very function :func:`.kernel.brandes` on the arrays it is
sent, and sends its three result arrays back.

The ``network`` command starts the child (:func:`start_early`) as its first
step, before any heavy import; only where ``os.fork`` exists, numba is
installed and more than one core is usable (the setting ``kernel_child``,
``SISTERCITIES_KERNEL_CHILD=0``, turns it off). Anything else (a library
caller, the web app, a test runner) searches in its own process. If the
child fails, the parent searches itself: the child is a speed-up, never a
dependency. This module imports nothing heavy: starting the child must cost
nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import pickle
import signal
from typing import Any

#: The child started by :func:`start_early`: (pid, its request pipe, its answer pipe).
_child: tuple[int, int, int] | None = None


def numba_available() -> bool:
    """Whether numba is installed, without importing it (``find_spec`` only)."""
    return importlib.util.find_spec("numba") is not None


def start_early() -> bool:
    """Start the kernel's child process now, if it can help; True if started.

    Call it before importing SQLAlchemy, numpy or numba, and before any
    thread exists (a fork copies only the calling thread).
    """
    global _child
    if _child is not None:
        return True
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    if not hasattr(os, "fork") or (usable or 1) < 2 or not numba_available():
        return False
    requests, to_child = os.pipe()
    from_child, answers = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(to_child)
        os.close(from_child)
        _serve(requests, answers)
    os.close(requests)
    os.close(answers)
    _child = (pid, to_child, from_child)
    atexit.register(_stop)
    return True


def brandes(*arrays: Any) -> tuple[tuple[Any, Any, Any], str]:
    """:func:`.kernel.brandes` of ``arrays`` and where it ran: ``"child process"`` or ``"here"``.

    In the child if one was started (once: it answers one request), else here.
    """
    global _child
    if _child is not None:
        pid, to_child, from_child = _child
        _child = None
        try:
            _write(to_child, arrays)
            answer = _read(from_child)
        except (OSError, EOFError, pickle.UnpicklingError):
            answer = None
        finally:
            os.close(to_child)
            os.close(from_child)
            _reap(pid)
        if isinstance(answer, tuple):
            return answer, "child process"
    from sistercities.analysis.network.kernel import brandes as search  # numba: 0.5 s

    return search(*arrays), "here"


def _serve(requests: int, answers: int) -> None:
    """The child: load the kernel, answer one request, exit (without the parent's atexit)."""
    code = 0
    try:
        import numpy as np

        from sistercities.analysis.network.kernel import brandes as search

        one = np.ones(1)
        search(  # loads numba's cached kernel while the parent reads the registry
            np.array([0, 1, 2], np.int64), np.array([1, 0], np.int32), np.ones(2),
            np.array([0], np.int64), one, one,
        )  # fmt: skip
        arrays = _read(requests)
        _write(answers, search(*arrays))
    except EOFError:  # the parent needed no search after all
        pass
    except BaseException as error:  # reported to the parent, which then searches itself
        code = 1
        with contextlib.suppress(OSError):
            _write(answers, f"kernel child failed: {error!r}")
    finally:  # no flush: the buffers still hold what the parent had not written
        os._exit(code)


def _write(fd: int, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


def _read(fd: int) -> Any:
    size = int.from_bytes(_read_exactly(fd, 8), "little")
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    parts: list[bytes] = []
    while size:
        part = os.read(fd, min(size, 1 << 20))
        if not part:
            raise EOFError("the kernel's child closed its pipe")
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _stop() -> None:
    """At exit: a child that was never asked (an error, an empty network) is ended now.

    It holds nothing worth keeping, and it may still be loading numba: waiting
    for it to read the end of its pipe would hold the command's exit.
    """
    global _child
    if _child is not None:
        pid, to_child, from_child = _child
        _child = None
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        os.close(to_child)
        os.close(from_child)
        _reap(pid)
