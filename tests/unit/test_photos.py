"""Photos from the public: EXIF (GPS, camera) gone, turned upright and resized; anything not a
JPEG, PNG or WebP, too many bytes, a decompression bomb or a damaged file is refused with a
reason that names the photo."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from cspkit.privacy.photos import MAX_BYTES, MAX_SIDE, PhotoRefused, clean_photo


def photo_with_gps(width: int = 3000, height: int = 2000, orientation: int = 6) -> bytes:
    """A JPEG carrying a camera make, an orientation and a GPS position in its EXIF."""
    image = Image.new("RGB", (width, height), (200, 100, 50))
    exif = image.getexif()
    exif[0x010F] = "TestCam"
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 1.0, 37.0), 3: "W", 4: (0.0, 29.0, 46.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height`: a decompression bomb's shape."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def test_gps_and_camera_details_are_removed_and_the_photo_is_upright_and_smaller() -> None:
    original = photo_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the GPS is really there
    clean = clean_photo(original)
    kept = Image.open(io.BytesIO(clean.data))
    assert kept.format == "JPEG"
    assert dict(kept.getexif()) == {}
    assert b"TestCam" not in clean.data
    assert (clean.width, clean.height) == (1067, MAX_SIDE)  # orientation 6: turned upright
    assert "exif" not in kept.info


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_taken_as_jpeg(fmt: str) -> None:
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(out, fmt)
    clean = clean_photo(out.getvalue())
    assert (clean.width, clean.height) == (40, 30)
    assert Image.open(io.BytesIO(clean.data)).format == "JPEG"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Photo 2 is empty"),
        (b"GIF89a" + b"\0" * 100, "is not a JPEG, PNG or WebP photo"),
        (b"%PDF-1.7 not a photo", "is not a JPEG, PNG or WebP photo"),
        (png_claiming(60_000, 60_000), "too large to take"),
        (photo_with_gps()[:2000], "could not be read"),
        (b"\xff\xd8" + b"\0" * (MAX_BYTES + 1), "the limit is 8 MB"),
    ],
)
def test_each_kind_of_bad_photo_is_refused_with_its_name(data: bytes, message: str) -> None:
    with pytest.raises(PhotoRefused) as refused:
        clean_photo(data, name="Photo 2")
    assert message in str(refused.value)
    assert "Photo 2" in str(refused.value)


def test_a_damaged_photo_is_refused_even_after_weasyprint_allowed_truncated_images() -> None:
    """WeasyPrint turns Pillow's truncated-image allowance on for the process on import."""
    import weasyprint  # noqa: F401  (the import is the point)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    with pytest.raises(PhotoRefused, match="could not be read"):
        clean_photo(photo_with_gps()[:2000], name="Photo 1")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's own setting is left as it was
