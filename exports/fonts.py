"""Finds a Unicode TrueType font (DejaVu Sans or a Cyrillic-capable fallback) for PDFs and previews."""
from functools import cache
from pathlib import Path

from settings import FONT_DIR_ENV, font_dir_given

REGULAR_NAMES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "NotoSans-Regular.ttf", "arial.ttf")
BOLD_NAMES = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf", "arialbd.ttf")
SYSTEM_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/noto",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)
INSTALL_HINT = (
    "No Unicode font with Cyrillic letters was found. Install DejaVu Sans "
    "(Debian/Ubuntu: apt-get install fonts-dejavu-core; or pip install matplotlib, which bundles it), "
    f"or set {FONT_DIR_ENV} to a folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf."
)


class FontNotFoundError(RuntimeError):
    """No Unicode TrueType font could be found on this machine."""


def _matplotlib_font_dir() -> list[Path]:
    try:
        import matplotlib
    except ImportError:
        return []
    return [Path(matplotlib.get_data_path()) / "fonts" / "ttf"]


def font_dirs() -> list[Path]:
    """Folders searched for fonts, in order: the override variable, matplotlib's bundle, system folders."""
    override = [font_dir_given()] if font_dir_given() else []
    system = [Path(folder).expanduser() for folder in SYSTEM_FONT_DIRS]
    return override + _matplotlib_font_dir() + system


def _first_existing(names: tuple[str, ...]) -> Path | None:
    for name in names:
        for folder in font_dirs():
            if (folder / name).is_file():
                return folder / name
    return None


@cache
def unicode_font(bold: bool = False) -> Path:
    """Path of a Unicode TTF (bold or regular); regular stands in for a missing bold face."""
    found = _first_existing(BOLD_NAMES) if bold else None
    found = found or _first_existing(REGULAR_NAMES)
    if found is None:
        raise FontNotFoundError(INSTALL_HINT)
    return found
