"""Store generations: every write builds a new folder and swaps one symlink to it.

    WORKSPACE/store -> .store/000007          what every reader sees, all or nothing
    WORKSPACE/.store/000007/catalogue.json    batches and current partitions
    WORKSPACE/.store/000007/dataset=street/force=bedfordshire/month=2024-03/<batch>.parquet
    WORKSPACE/.store/000008.partial-<pid>/    a write under way
    WORKSPACE/.store/lock                     one writer at a time

Partition files never change once written: a new generation hard-links the files it keeps
and writes only new ones, then renames its folder into place and swaps the symlink (rename
is atomic). A write that dies leaves the old generation untouched and current; its partial
folder is removed by the next writer. Superseded generations are kept for readers that
opened one before the swap: always the last two, and any superseded less than
READER_GRACE_SECONDS ago, so a burst of writes (the nightly case work export ingests one
extract per dataset and agency) cannot pull files from under a page still reading them.
"""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyarrow as pa
import pyarrow.parquet as pq

from cspkit.faults import checkpoint
from cspkit.store.catalogue import Catalogue, Partition
from cspkit.store.lock import StoreLock
from cspkit.store.schema import DICTIONARY_COLUMNS

KEEP_GENERATIONS = 2
READER_GRACE_SECONDS = 600.0


def _generations(root: Path) -> Path:
    return root / ".store"


@dataclass(frozen=True)
class Snapshot:
    """One generation as a reader sees it: its folder and its catalogue."""

    folder: Path | None
    catalogue: Catalogue

    def path(self, partition: Partition) -> Path:
        if self.folder is None:
            raise LookupError("the store is empty: it has no partition files")
        return self.folder / partition.path


def open_snapshot(root: Path) -> Snapshot:
    """The current generation, or an empty store if nothing was ever ingested."""
    link = root / "store"
    if not link.exists():
        return Snapshot(None, Catalogue())
    folder = Path(os.path.realpath(link))
    return Snapshot(folder, Catalogue.read(folder / "catalogue.json"))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _ctrl_c_deferred() -> Iterator[None]:
    """Hold Ctrl-C over the last few milliseconds of a commit.

    Once the link is swapped the ingest has happened; an interrupt landing then must not
    report an unchanged store. The swap takes microseconds, so nobody waits on this."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda _signal, _frame: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class StoreWriter:
    """A write transaction: `add` partitions, then `commit`; leaving without commit undoes all."""

    def __init__(self, root: Path, wait: float = 0.0) -> None:
        self.root = root
        self.lock = StoreLock(_generations(root) / "lock", wait)
        self.base = Snapshot(None, Catalogue())
        self.catalogue = Catalogue()
        self.staging: Path | None = None
        self._new: dict[str, Path] = {}

    def __enter__(self) -> StoreWriter:
        self.lock.__enter__()
        try:
            self._recover()
            self.base = open_snapshot(self.root)
            self.catalogue = Catalogue.from_json(self.base.catalogue.to_json())
            self.catalogue.generation += 1
            name = f"{self.catalogue.generation:06d}.partial-{os.getpid()}"
            self.staging = _generations(self.root) / name
            self.staging.mkdir(parents=True)
        except BaseException:
            self.lock.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self.lock.__exit__(kind, error, trace)

    def _recover(self) -> None:
        """Remove what writers that died left behind (we hold the lock, so none is running)."""
        recover_generations(self.root, "store", _generations(self.root))

    def write_partition(self, partition: Partition, table: pa.Table) -> None:
        """Write one partition's rows into the new generation (not visible until commit)."""
        if self.staging is None:
            raise RuntimeError("no write in progress: use StoreWriter as a context manager")
        target = self.staging / partition.path
        target.parent.mkdir(parents=True, exist_ok=True)
        dictionary = [name for name in DICTIONARY_COLUMNS if name in table.column_names]
        pq.write_table(table, target, compression="zstd", compression_level=1, use_dictionary=dictionary)
        self._new[partition.path] = target
        checkpoint("write")

    def commit(self) -> None:
        """Make the new generation current in one atomic step."""
        if self.staging is None:
            raise RuntimeError("no write in progress: use StoreWriter as a context manager")
        for partition in self.catalogue.partitions:
            if partition.path in self._new:
                continue
            source = self.base.path(partition)
            target = self.staging / partition.path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
        (self.staging / "catalogue.json").write_text(self.catalogue.to_json(), encoding="utf-8")
        with open(self.staging / "catalogue.json", "rb") as handle:
            os.fsync(handle.fileno())
        checkpoint("catalogue")
        final = _generations(self.root) / f"{self.catalogue.generation:06d}"
        staging, self.staging = self.staging, None
        publish_generation(self.root, "store", staging, final)


def recover_generations(root: Path, link: str, folder: Path) -> None:
    """Remove what a writer that died left in `folder`: partial folders, and a finished
    generation the link `root/link` never reached. Call it holding the lock."""
    for path in folder.glob("*.partial-*"):
        shutil.rmtree(path, ignore_errors=True)
    current_link = root / link
    current = int(Path(os.path.realpath(current_link)).name) if current_link.exists() else 0
    for path in folder.iterdir():
        if path.is_dir() and path.name.isdigit() and int(path.name) > current:
            shutil.rmtree(path, ignore_errors=True)
    stray = root / f"{link}.swap"
    if stray.is_symlink():
        stray.unlink()


def publish_generation(root: Path, link: str, staging: Path, final: Path) -> None:
    """Rename a finished `staging` folder to `final` and point `root/link` at it in one
    atomic step; then drop all but the last KEEP_GENERATIONS generations beside it."""
    os.rename(staging, final)
    _fsync_dir(final.parent)
    swap = root / f"{link}.swap"
    if swap.is_symlink():
        swap.unlink()
    checkpoint("swap")
    with _ctrl_c_deferred():
        try:
            os.symlink(os.path.relpath(final, root), swap)
            os.replace(swap, root / link)
        except BaseException:
            # The new generation never became current: take it back out.
            if swap.is_symlink():
                swap.unlink()
            shutil.rmtree(final, ignore_errors=True)
            raise
        _fsync_dir(root)
        os.utime(final)  # when it became current: the moment its predecessor was superseded
        prune_generations(final.parent, final, time.time())


def prune_generations(folder: Path, current: Path, now: float) -> list[Path]:
    """Drop the generations in `folder` that no reader can still hold: all but the last
    KEEP_GENERATIONS, and of those only the ones whose successor became current at least
    READER_GRACE_SECONDS before `now`. The dropped folders."""
    done = sorted(path for path in folder.iterdir() if path.is_dir() and path.name.isdigit())
    dropped = []
    for path, successor in zip(done[:-KEEP_GENERATIONS], done[1:], strict=False):
        if path != current and now - successor.stat().st_mtime >= READER_GRACE_SECONDS:
            shutil.rmtree(path, ignore_errors=True)
            dropped.append(path)
    return dropped
