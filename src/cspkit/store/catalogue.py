"""The catalogue: every batch ever ingested and the partition files that are current."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1


@dataclass
class Batch:
    """One source file as ingested: where from, its fingerprint, and what became of it."""

    batch_id: str
    dataset: str
    force: str
    source: str
    sha256: str
    rows: int
    ingested_at: str
    months: list[str]
    lsoa_vintage: str
    replaced_by: str | None = None
    agency: str = ""  # partner data: the agency that shared it (force is then empty)
    expected_from: str | None = None  # partner data: the first month the agency shares
    synthetic: bool = False  # generated for the demo (a synthetic survey), never real

    @property
    def holder(self) -> str:
        """Whose data this is: the police force, or the partner agency."""
        return self.force or self.agency


@dataclass
class Partition:
    """The rows of one dataset, force (or partner agency) and month, as one immutable Parquet file."""

    dataset: str
    force: str
    month: str
    batch_id: str
    path: str
    rows: int
    quality: dict[str, int]
    agency: str = ""

    @property
    def holder(self) -> str:
        return self.force or self.agency

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.dataset, self.holder, self.month)


@dataclass
class Catalogue:
    generation: int = 0
    batches: list[Batch] = field(default_factory=list)
    partitions: list[Partition] = field(default_factory=list)

    def batch_with_sha(self, sha256: str) -> Batch | None:
        return next((batch for batch in self.batches if batch.sha256 == sha256), None)

    def partition(self, key: tuple[str, str, str]) -> Partition | None:
        return next((part for part in self.partitions if part.key == key), None)

    def to_json(self) -> str:
        body = {
            "format": FORMAT,
            "generation": self.generation,
            "batches": [asdict(batch) for batch in self.batches],
            "partitions": [asdict(part) for part in self.partitions],
        }
        return json.dumps(body, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Catalogue:
        body: dict[str, Any] = json.loads(text)
        if body.get("format") != FORMAT:
            raise ValueError(f"catalogue format {body.get('format')} is not {FORMAT}")
        return cls(
            generation=int(body["generation"]),
            batches=[Batch(**batch) for batch in body["batches"]],
            partitions=[Partition(**part) for part in body["partitions"]],
        )

    @classmethod
    def read(cls, path: Path) -> Catalogue:
        return cls.from_json(path.read_text(encoding="utf-8"))
