"""The record store: immutable Parquet partitions, a catalogue of batches, atomic swaps."""

from __future__ import annotations

from cspkit.store.catalogue import Batch, Catalogue, Partition
from cspkit.store.generations import Snapshot, StoreWriter, open_snapshot
from cspkit.store.query import connect, connect_workspace
from cspkit.store.schema import DATASET_NAMES, SCHEMAS

__all__ = [
    "DATASET_NAMES",
    "SCHEMAS",
    "Batch",
    "Catalogue",
    "Partition",
    "Snapshot",
    "StoreWriter",
    "connect",
    "connect_workspace",
    "open_snapshot",
]
