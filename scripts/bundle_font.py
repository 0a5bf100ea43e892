"""Ship the reports' one font: Noto Sans (SIL Open Font License 1.1), Latin subset.

    python scripts/bundle_font.py                 # fetch Debian's fonts-noto-core and (re)write the fonts
    python scripts/bundle_font.py --deb FILE.deb  # from a package already downloaded
    python scripts/bundle_font.py --check         # exit 1 if the shipped files differ from a fresh build

HTML, charts (vl-convert) and PDF (WeasyPrint) all use these files, so a report looks the
same on every machine. The subset keeps Latin (Welsh included: ŵ, ŷ, ẁ, ỳ), punctuation,
currency and the few mathematical signs the reports print; it keeps no Reserved Font Name
question open because Noto declares none. FONTS.json records the Debian package and the
sha256 of each source and output file; the output is deterministic (no timestamps).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "cspkit" / "reports" / "fonts"
PACKAGE = "fonts-noto-core"
FACES = ("NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic")
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x017F),  # Latin-1 Supplement, Latin Extended-A (Welsh ŵ ŷ)
    (0x0218, 0x021B),  # Romanian commas below
    (0x02C6, 0x02DD),  # spacing modifiers
    (0x1E80, 0x1E85),  # Welsh ẁ ẃ ẅ
    (0x1EF2, 0x1EF3),  # Welsh ỳ
    (0x2000, 0x206F),  # General Punctuation
    (0x20AC, 0x20AC),  # euro
    (0x2116, 0x2116),  # numero
    (0x2190, 0x2193),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2248, 0x2248),  # almost equal
    (0x2260, 0x2265),  # not equal, less and greater or equal
    (0x25B2, 0x25BC),  # triangles for up and down
)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _download(folder: Path) -> Path:
    subprocess.run(["apt-get", "download", PACKAGE], cwd=folder, check=True, capture_output=True)
    return next(folder.glob(f"{PACKAGE}_*.deb"))


def _extract(deb: Path, folder: Path) -> Path:
    subprocess.run(["dpkg-deb", "-x", str(deb), str(folder)], check=True)
    return folder


def _licence(copyright_text: str) -> str:
    """The OFL 1.1 text from the Debian copyright file's `License: OFL-1.1` paragraph."""
    match = re.search(r"^License: OFL-1\.1\n((?: .*\n?)+)", copyright_text, re.MULTILINE)
    if not match:
        raise SystemExit("bundle_font: the OFL 1.1 text is not in the package's copyright file")
    lines = [line[1:] for line in match.group(1).splitlines()]
    return "\n".join("" if line == "." else line for line in lines).strip() + "\n"


def _subset(data: bytes) -> bytes:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = True
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def build(deb: Path) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        tree = _extract(deb, Path(tmp))
        fonts = tree / "usr/share/fonts/truetype/noto"
        copyright_text = (tree / f"usr/share/doc/{PACKAGE}/copyright").read_text(encoding="utf-8")
        outputs: dict[str, bytes] = {}
        sources = {}
        for face in FACES:
            source = (fonts / f"{face}.ttf").read_bytes()
            outputs[f"{face}.ttf"] = _subset(source)
            sources[face] = {"file": f"/usr/share/fonts/truetype/noto/{face}.ttf", "sha256": _sha256(source)}
    outputs["OFL.txt"] = (
        "Noto Sans, Copyright 2010-2020 Google Inc. and Google LLC.\n"
        "Subset to Latin by cspkit's scripts/bundle_font.py (see FONTS.json).\n\n" + _licence(copyright_text)
    ).encode()
    manifest = {
        "family": "Noto Sans",
        "licence": "SIL Open Font License 1.1 (OFL.txt)",
        "source_package": f"Debian {deb.name}",
        "source_package_sha256": _sha256(deb.read_bytes()),
        "sources": sources,
        "unicode_ranges": [f"U+{low:04X}-{high:04X}" for low, high in RANGES],
        "outputs": {name: _sha256(data) for name, data in sorted(outputs.items())},
    }
    outputs["FONTS.json"] = (json.dumps(manifest, indent=1) + "\n").encode()
    return outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deb", type=Path, help=f"a downloaded {PACKAGE} .deb (default: apt-get download it)")
    parser.add_argument("--check", action="store_true", help="compare a fresh build with the shipped files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        deb = args.deb or _download(Path(tmp))
        outputs = build(deb)
    if args.check:
        differ = [n for n, data in outputs.items() if n != "FONTS.json" and (OUT / n).read_bytes() != data]
        for name in differ:
            print(f"bundle_font: {name} differs from a fresh build", file=sys.stderr)
        return 1 if differ else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
