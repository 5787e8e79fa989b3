"""An index folder on disk: whole generations, swapped by a pointer, and one writer at a time.

    SEARCH_INDEX_PATH/
        CURRENT          the name of the generation searches use, replaced atomically
        write.lock       held (flock) by whoever writes: one thread or process at a time
        rebuild.lock     held by whoever is building a new generation
        g-…/             a generation: a Whoosh index, its FORMAT, and APPLIED

A rebuild writes a new generation beside the current one, then swaps CURRENT: searches carry on
with the old generation until the swap, and never see a half-built one. Every gunicorn worker
of one server may share the folder; each server keeps its own.

APPLIED is the directory version (knowledge/models/directory_state.py) whose changes the
generation holds. It is written after the Whoosh commit, under the write lock, so it can lag the
index (a crash in between: those changes are applied again, which is harmless) but never run
ahead of it (that would lose a change for good).
"""

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

POINTER = "CURRENT"
WRITE_LOCK = "write.lock"
REBUILD_LOCK = "rebuild.lock"
APPLIED = "APPLIED"
FORMAT = "FORMAT"
# A generation made empty to stand in until the first rebuild.
PLACEHOLDER = "PLACEHOLDER"
PREFIX = "g-"
BUILDING = ".building"
ABANDONED_AFTER_SECONDS = 24 * 3600


class IndexBusy(TimeoutError):
    """Another thread or process held the write lock for longer than we would wait."""


class Folder:
    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    # The pointer ----------------------------------------------------------------------------

    def current(self) -> str | None:
        try:
            name = (self.root / POINTER).read_text().strip()
        except FileNotFoundError:
            return None
        return name if name.startswith(PREFIX) and (self.root / name).is_dir() else None

    def pointer_stamp(self) -> tuple[int, int] | None:
        """Changes whenever the pointer is replaced: a cheap check before each search."""
        try:
            stat = os.stat(self.root / POINTER)
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns

    def swap(self, name: str) -> None:
        """Point searches at `name` (call holding the write lock), and clear away generations
        older than the one it replaces: a process still reading that one has it open."""
        previous = self.current()
        temporary = self.root / f".{POINTER}.{uuid.uuid4().hex}"
        temporary.write_text(name + "\n")
        os.replace(temporary, self.root / POINTER)
        self._remove_old(keep={name, previous})

    def _remove_old(self, keep: set[str | None]) -> None:
        for path in self.root.glob(f"{PREFIX}*"):
            if path.name not in keep and not _being_built(path):
                shutil.rmtree(path, ignore_errors=True)

    # Generations ----------------------------------------------------------------------------

    def new_generation(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = self.root / f"{PREFIX}{stamp}-{uuid.uuid4().hex[:8]}"
        path.mkdir()
        (path / BUILDING).touch()
        return path

    @staticmethod
    def finish(path: Path, index_format: str, applied: int, placeholder: bool = False) -> None:
        (path / FORMAT).write_text(index_format + "\n")
        write_applied(path, applied)
        if placeholder:
            (path / PLACEHOLDER).touch()
        (path / BUILDING).unlink()

    def abandon(self, path: Path) -> None:
        shutil.rmtree(path, ignore_errors=True)

    # The write lock -------------------------------------------------------------------------

    def write_lock(self, timeout: float) -> AbstractContextManager[None]:
        """Held by one writer at a time, across threads and processes."""
        return self._lock(WRITE_LOCK, timeout)

    def rebuild_lock(self, timeout: float) -> AbstractContextManager[None]:
        """Held while a rebuild runs, so the workers of one server do not all rebuild at once.
        Taken before the write lock, never while holding it."""
        return self._lock(REBUILD_LOCK, timeout)

    @contextmanager
    def _lock(self, name: str, timeout: float) -> Iterator[None]:
        """An flock on a file this call opens itself, so two threads of one process exclude
        each other as two processes do. Raises IndexBusy after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with open(self.root / name, "a") as handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexBusy(f"{self.root} is being written by someone else") from None
                    time.sleep(0.01)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _being_built(path: Path) -> bool:
    """A rebuild in another process is writing it (a day-old one died half way)."""
    try:
        started = (path / BUILDING).stat().st_mtime
    except FileNotFoundError:
        return False
    return time.time() - started < ABANDONED_AFTER_SECONDS


def read_applied(path: Path) -> int:
    try:
        return int((path / APPLIED).read_text().strip())
    except (FileNotFoundError, ValueError):
        return 0


def write_applied(path: Path, version: int) -> None:
    temporary = path / f".{APPLIED}.{uuid.uuid4().hex}"
    temporary.write_text(f"{version}\n")
    os.replace(temporary, path / APPLIED)


def format_of(path: Path) -> str | None:
    try:
        return (path / FORMAT).read_text().strip()
    except FileNotFoundError:
        return None
