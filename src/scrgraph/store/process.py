"""The local Neo4j's process, on Linux, macOS and Windows.

Linux and macOS: the server runs in its own session; stopping sends SIGTERM, on which Neo4j
shuts down cleanly (its shutdown hook), and SIGKILL only if it has not stopped in time.

Windows has no SIGTERM: the server runs in its own process group without a console window, and
stopping ends it through its process handle (TerminateProcess). Neo4j writes every committed
transaction to its transaction log before the commit returns, so the next start recovers to
the last commit; what is lost is only the time that recovery takes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def popen_options() -> dict[str, Any]:
    """Detach the server from the terminal that started it, so closing that leaves it running."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP
                | subprocess.CREATE_NO_WINDOW}
    return {"start_new_session": True}


def pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _windows_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) counts as gone.
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().split(") ", 1)[1][:1] != "Z"
    return True


def command_line(pid: int) -> bytes | None:
    """The process's command line where the system shows it (Linux), else None."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None


def terminate(pid: int, timeout: float) -> bool:
    """End the process: cleanly where the system allows, by force after ``timeout``.

    True when it ended cleanly (it had the chance to finish writing its files).
    """
    if sys.platform == "win32":
        _windows_terminate(pid)
        _wait_gone(pid, timeout)
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if _wait_gone(pid, timeout):
        return True
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)
    return False


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sys.platform != "win32":
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        if not pid_alive(pid):
            return True
        time.sleep(0.2)
    return False


if sys.platform == "win32":  # pragma: no cover - not testable on this Linux machine
    import ctypes

    _QUERY = 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION
    _TERMINATE = 0x0001  # PROCESS_TERMINATE
    _STILL_ACTIVE = 259

    def _windows_alive(pid: int) -> bool:
        # os.kill(pid, 0) would end the process on Windows; ask its exit code instead.
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(_QUERY, False, pid)
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return False
            return code.value == _STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)

    def _windows_terminate(pid: int) -> None:
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(_TERMINATE, False, pid)
        if handle:
            try:
                kernel32.TerminateProcess(handle, 1)
            finally:
                kernel32.CloseHandle(handle)
