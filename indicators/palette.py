"""One fixed, colour-blind-safe colour per country, the same on every chart."""
import zlib

FOCUS_COLOURS = {  # Okabe-Ito
    "KAZ": "#0072B2",  # blue
    "KGZ": "#D55E00",  # vermillion
    "TJK": "#009E73",  # bluish green
    "TKM": "#CC79A7",  # reddish purple
    "UZB": "#E69F00",  # orange
}
COMPARATOR_COLOURS = {
    "RUS": "#000000",  # black
    "AFG": "#56B4E9",  # sky blue
    "MNG": "#777777",  # mid grey
    "AZE": "#B07AA1",  # muted purple (Tableau 10, distinct from the focus colours)
}
OTHER_COLOURS = [  # Paul Tol "muted", for any other country, picked by a stable hash of its code
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933",
    "#DDCC77", "#CC6677", "#882255", "#AA4499",
]
FIXED_COLOURS = {**FOCUS_COLOURS, **COMPARATOR_COLOURS}


def country_colour(iso3: str) -> str:
    """The colour of a country: fixed for the focus and comparator countries, stable for any other."""
    code = str(iso3).strip().upper()
    if code in FIXED_COLOURS:
        return FIXED_COLOURS[code]
    return OTHER_COLOURS[zlib.crc32(code.encode("utf-8")) % len(OTHER_COLOURS)]


def country_dash(iso3: str) -> str:
    """Line style: solid for the five focus countries, dotted for comparators and others."""
    return "solid" if str(iso3).strip().upper() in FOCUS_COLOURS else "dot"


def with_alpha(colour: str, alpha: float) -> str:
    """'#RRGGBB' as an rgba() string with the given opacity (for confidence bands)."""
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"
