"""One browser tab's app: ``python -m mgtui.serve.tab SERVER_PID --data-dir DIR ...``.

``mgtui serve`` starts one of these for each tab. It is the app as ``python -m mgtui``
runs it, except that it never outlives the server. The server ends a tab's app when the
tab closes; if the server itself dies (killed, crashed), nothing else would, and the
app would live on holding the log open. So first of all the process asks the kernel
to kill it when its parent dies (Linux's ``PR_SET_PDEATHSIG``); where there is no such
call, a thread watches for the parent to change. The signal is SIGKILL because the web
driver turns SIGTERM into a quit queued behind any input not yet handled; the store is
made to survive a kill at any moment.

Kept light on purpose: nothing of the server (aiohttp, textual-serve) is imported, so
a tab starts as fast as the app does.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Sequence

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
PARENT_POLL_SECONDS = 0.5


def end_with_parent(parent_pid: int) -> bool:
    """Arrange to be killed when ``parent_pid``, our parent, ends; False if it already has."""
    if not _kill_on_parent_death():
        threading.Thread(
            target=_watch_parent, args=(parent_pid,), name="end-with-server", daemon=True
        ).start()
    # The parent may have died before that took hold: then we already have another.
    return os.getppid() == parent_pid


def _kill_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: only Linux has prctl

    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(PARENT_POLL_SECONDS)
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: Sequence[str] | None = None) -> int:
    server_pid, *mgtui_args = sys.argv[1:] if argv is None else argv
    if not end_with_parent(int(server_pid)):
        return 1
    from mgtui.cli import main as mgtui  # after the line above, so nothing runs unguarded

    return mgtui(mgtui_args)


if __name__ == "__main__":
    sys.exit(main())
