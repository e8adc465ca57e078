"""Screenshot a folder of built reports in headless Chromium, so anyone can look at them again.

Each ``*.html`` page is captured at phone and desktop width and cut into tiles a person (or an
image viewer) can read; each chart embedded in a page is also saved as its own PNG.

Usage::

    python scripts/screenshot_reports.py reports/ /tmp/shots [--width 1000] [--height 6000]

Needs Chromium (Debian: ``apt-get install chromium``); nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import base64
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
]
_IMG = re.compile(r'<img[^>]*alt="([^"]*)"[^>]*src="data:image/png;base64,([^"]+)"')


def chromium() -> str:
    """The Chromium executable, or exit with how to install it."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("Chromium not found: apt-get update && apt-get install -y chromium")


def capture(page: Path, png: Path, *, width: int, height: int) -> None:
    """One screenshot of ``page`` at ``width`` × ``height`` CSS pixels."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--screenshot={png}", page.resolve().as_uri()],
            check=True, capture_output=True, timeout=120,
        )


def tiles(png: Path, *, tile_height: int) -> list[Path]:
    """Cut a tall screenshot into tiles, dropping the blank space below the page."""
    from PIL import Image, ImageChops

    image = Image.open(png).convert("RGB")
    # The page's own background colour, taken from the bottom corner of the capture.
    background = Image.new("RGB", image.size, image.getpixel((image.width - 1,
                                                              image.height - 1)))
    box = ImageChops.difference(image, background).getbbox()
    bottom = min(image.height, (box[3] if box else image.height) + 20)
    out = []
    for i, top in enumerate(range(0, bottom, tile_height)):
        part = png.with_name(f"{png.stem}.{i + 1:02d}.png")
        image.crop((0, top, image.width, min(bottom, top + tile_height))).save(part)
        out.append(part)
    png.unlink()
    return out


def figures(page: Path, out_dir: Path) -> list[Path]:
    """Every chart embedded in ``page``, saved as ``<page>.fig<N>.png``."""
    saved = []
    for i, (_, data) in enumerate(_IMG.findall(page.read_text(encoding="utf-8"))):
        path = out_dir / f"{page.stem}.fig{i + 1}.png"
        path.write_bytes(base64.b64decode(data))
        saved.append(path)
    return saved


def main(argv: list[str] | None = None) -> int:
    """Screenshot every page of ``reports`` into ``out``; print what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path, help="folder with the built *.html pages")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--width", type=int, default=1000, help="desktop width in CSS pixels")
    parser.add_argument("--phone", type=int, default=412, help="phone width in CSS pixels")
    parser.add_argument("--height", type=int, default=9000, help="longest page to capture")
    parser.add_argument("--tile", type=int, default=1300, help="height of each tile")
    parser.add_argument("--pattern", default="*.html", help="which pages, e.g. '*.vi.html'")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    pages = sorted(args.reports.glob(args.pattern))
    if not pages:
        print(f"no pages matching {args.pattern} in {args.reports}", file=sys.stderr)
        return 1
    for page in pages:
        for label, width in (("desktop", args.width), ("phone", args.phone)):
            png = args.out / f"{page.stem}.{label}.png"
            capture(page, png, width=width, height=args.height)
            for tile in tiles(png, tile_height=args.tile):
                print(tile)
        for figure in figures(page, args.out):
            print(figure)
    return 0


if __name__ == "__main__":
    sys.exit(main())
