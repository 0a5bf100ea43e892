"""Write an output file whole or not at all: a temporary file beside it, then one rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomically(target: Path, text: str) -> None:
    target = target.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
