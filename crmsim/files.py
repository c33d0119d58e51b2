"""Writing files so that nothing half-written is ever left behind.

Every file or folder crmsim writes is first built under a staging name next
to its target (same folder, so the final rename is atomic on every file
system) and renamed into place only when complete. On any exit before that,
an exception, Ctrl+C or ``SIGTERM`` (``timeout``, a closing terminal, a batch
system), the staging copy is removed. So a reader sees either nothing or the
whole export, never a part of it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Marks staging copies; a folder listing that shows one names the export it belongs to.
STAGING_MARK = ".crmsim-partial"


class Terminated(SystemExit):
    """Raised in the main thread when the process receives ``SIGTERM`` while a file is being written."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


def check_new_target(path: str | os.PathLike, name: str = "path") -> Path:
    """Return ``path`` as a Path if it does not exist yet and its folder does.

    Raises
    ------
    FileExistsError
        If something already exists at ``path``.
    FileNotFoundError
        If the folder it would go into does not exist (crmsim does not create
        folders: a mistyped folder would otherwise be created silently).
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{name}={str(path)!r} already exists; choose a new name or remove it first")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise FileNotFoundError(f"{name}={str(path)!r}: the folder {str(parent)!r} does not exist; create it first")
    return path


@contextmanager
def staged(target: str | os.PathLike, *, folder: bool = False) -> Iterator[Path]:
    """Build ``target`` under a staging name, then rename it into place.

    Parameters
    ----------
    target : path
        Where the finished file or folder goes; it must not exist yet, and its
        folder must (see :func:`check_new_target`).
    folder : bool
        True to stage a folder (created empty, with the umask's permissions),
        False for a file (the caller creates it at the yielded path).

    Yields
    ------
    Path
        The staging path to write to. It keeps the target's suffix, so tools
        that look at it (e.g. Excel writers) see the right type.
    """
    target = check_new_target(target)
    staging = target.with_name(f".{target.stem}{STAGING_MARK}-{secrets.token_hex(4)}{target.suffix}")
    with sigterm_as_exit():
        try:
            if folder:
                staging.mkdir()
            yield staging
            if target.exists():  # appeared while we were writing: never overwrite someone else's file
                raise FileExistsError(f"path={str(target)!r} was created by someone else during the export")
            os.rename(staging, target)
        except BaseException:
            _remove(staging)
            raise


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """Turn ``SIGTERM`` into :class:`Terminated` inside the block, so ``finally`` clauses run.

    Only in the main thread (signals are delivered there) and only where
    nobody else handles ``SIGTERM`` already.
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, None):
        yield
        return

    def terminate(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
