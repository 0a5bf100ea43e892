"""Write an output file whole or not at all: a temporary file beside it, then one rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomically(target: Path, text: str, *, private: bool = False) -> None:
    """`private`: readable by the owner only (0600); otherwise as a new file would be (umask)."""
    write_bytes_atomically(target, text.encode("utf-8"), private=private)


def write_bytes_atomically(target: Path, data: bytes, *, private: bool = False) -> None:
    """As `write_text_atomically`, for a PDF, a workbook or any other binary file."""
    target = target.expanduser()
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if not private:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
