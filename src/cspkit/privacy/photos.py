"""Photos the public send (Safer Streets): checked and cleaned before anything keeps them.

A photo is accepted only when Pillow recognises it as JPEG, PNG or WebP from its content
(never its name), it is under the byte and pixel limits (decompression bombs are refused
before decoding), and it decodes. What is kept is a fresh JPEG of the pixels alone, turned
upright and shrunk to `MAX_SIDE`: no EXIF, so no GPS position, camera serial or time.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # about a 48-megapixel phone photo's headroom; far below a bomb
MAX_SIDE = 1600
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")


_STRICT = threading.Lock()


@contextmanager
def _truncated_photos_refused() -> Iterator[None]:
    """Pillow's truncated-image allowance off while a public photo decodes.

    WeasyPrint turns `ImageFile.LOAD_TRUNCATED_IMAGES` on for the whole process when it is
    imported (for PDF exports), which would let a damaged upload through as grey pixels.
    """
    from PIL import ImageFile

    with _STRICT:
        allowed = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = allowed


class PhotoRefused(ValueError):
    """A photo that cannot be kept; the message says why in words a resident understands."""


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes  # JPEG
    width: int
    height: int


def clean_photo(data: bytes, *, name: str = "photo") -> CleanPhoto:
    """`data` re-encoded as a metadata-free JPEG, or PhotoRefused naming `name`."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_BYTES:
        raise PhotoRefused(f"{name} is {len(data) / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB")
    if not data:
        raise PhotoRefused(f"{name} is empty")
    try:
        with warnings.catch_warnings(), _truncated_photos_refused():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=list(ACCEPTED_FORMATS))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoRefused(f"{name} is {image.width}×{image.height} pixels; too large to take")
            image.load()
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoRefused(f"{name} is too large to take (it would expand to too many pixels)") from error
    except UnidentifiedImageError as error:
        raise PhotoRefused(f"{name} is not a JPEG, PNG or WebP photo") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoRefused(f"{name} could not be read as a photo (it may be damaged)") from error
    upright = ImageOps.exif_transpose(image)
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    pixels = upright.convert("RGB")
    clean = Image.new("RGB", pixels.size)  # a new image carries none of the original's metadata
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return CleanPhoto(data=out.getvalue(), width=clean.width, height=clean.height)
