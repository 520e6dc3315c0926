"""Decode delimited text files as publishers ship them: UTF-8, UTF-16, cp1252, Mac Roman, cp1251, KOI8-R."""
from __future__ import annotations

import codecs
import os
import tempfile
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from etl.errors import InputError

CHUNK_BYTES = 1 << 24
UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Bytes a text file may hold besides printable ones: tab, line feed, form feed, carriage return.
TEXT_CONTROL_BYTES = b"\t\n\x0c\r"
PRINTABLE_BYTES = bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100)) + TEXT_CONTROL_BYTES
# Punctuation that sits between letters in real text (apostrophes, hyphens, middle dot).
IN_WORD_PUNCTUATION = "\u2019\u2018'\u2010\u2011\u2013\u00b7"
SCORED_CHARACTERS = 20000
# The single-byte encodings partners' files come in; charset-normalizer chooses among them.
SINGLE_BYTE_ENCODINGS = ["cp1252", "mac_roman", "cp1251", "koi8_r"]
DETECTION_BYTES = 1 << 22
UTF16_SAMPLE_BYTES = 4096

_temp_dir: tempfile.TemporaryDirectory | None = None
TEXT_COPIES_PREFIX = "etl-text-"


def row_at(data: bytes, offset: int) -> int:
    """1-based line of byte `offset`; a line ends at \\n, \\r\\n or a lone \\r."""
    prefix = data[:offset]
    return prefix.count(b"\n") + prefix.count(b"\r") - prefix.count(b"\r\n") + 1


def _first_control_byte(data: bytes) -> int | None:
    """Offset of the first byte that never occurs in text (NUL and other control bytes), or None."""
    found = data.translate(None, PRINTABLE_BYTES)
    if not found:
        return None
    return min(data.find(bytes([b])) for b in set(found))


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ", 1)[0]     # LATIN, CYRILLIC, ...
    except ValueError:
        return ""


def _plausibility(text: str) -> int:
    """Tie-break between decodings charset-normalizer scores alike (short samples): how much the
    non-ASCII characters read as letters inside words (higher = better)."""
    score = 0
    seen = 0
    for index, char in enumerate(text):
        if char.isascii():
            continue
        seen += 1
        if seen > SCORED_CHARACTERS:
            break
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        category = unicodedata.category(char)
        if char.isalpha() and any(n.isalpha() and _script(n) != _script(char) for n in (before, after)):
            score -= 2                                    # Latin and Cyrillic in one word
        elif category == "Ll":
            score += 1
        elif category == "Lu":
            # a capital between a letter and a lower-case letter is a mis-decoded byte
            score += -1 if before.isalpha() and after.islower() else 1
        elif before.isalpha() and after.isalpha() and char not in IN_WORD_PUNCTUATION:
            score -= 2
    return score


def detect_single_byte(data: bytes) -> str:
    """The encoding of non-UTF-8 text among SINGLE_BYTE_ENCODINGS, as charset-normalizer ranks
    them; decodings it scores alike (too little text to tell) are split by _plausibility."""
    sample = data[:DETECTION_BYTES]
    ranked = list(from_bytes(sample, cp_isolation=SINGLE_BYTE_ENCODINGS))
    if not ranked:
        return next(e for e in SINGLE_BYTE_ENCODINGS[::-1] if _decodes(sample, e))
    best = ranked[0]
    tied = [m.encoding for m in ranked if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if len(tied) == 1:
        return best.encoding
    preference = {encoding: rank for rank, encoding in enumerate(SINGLE_BYTE_ENCODINGS)}
    tied.sort(key=lambda encoding: preference.get(encoding, len(preference)))
    return max(tied, key=lambda encoding: _plausibility(sample.decode(encoding, errors="replace")))


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _single_byte_decode(data: bytes) -> str:
    """Decode non-UTF-8 bytes in the single-byte encoding detected for them (or, if a byte beyond
    the detection sample is undefined there, the next candidate that decodes every byte)."""
    chosen = detect_single_byte(data)
    for encoding in [chosen] + [e for e in SINGLE_BYTE_ENCODINGS if e != chosen]:
        if _decodes(data, encoding):
            return data.decode(encoding)
    return data.decode(chosen, errors="replace")   # unreachable: Mac Roman decodes any byte


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 text (NUL bytes in every other place), else None."""
    sample = data[:UTF16_SAMPLE_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0) / (len(sample) / 2), sample[1::2].count(0) / (len(sample) / 2)
    encoding = "utf-16-le" if odd > 0.4 and even < 0.05 else "utf-16-be" if even > 0.4 and odd < 0.05 else None
    if encoding is None:
        return None
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(sample, final=False)
    except UnicodeDecodeError:
        return None
    if any(ord(char) < 0x20 and char not in "\t\n\x0c\r" for char in text):
        return None                    # control characters: binary data, not text
    return encoding


def decode_text(data: bytes, display_name: str) -> str:
    """Decode a whole text file; InputError (file, row) for bytes no candidate encoding explains."""
    bomless = utf16_without_bom(data)
    if data.startswith(UTF16_BOMS) or bomless:
        try:
            return data.decode(bomless or "utf-16")
        except UnicodeDecodeError as error:
            raise InputError(display_name, "invalid UTF-16 text", row=row_at(data, error.start),
                             expected="a text file") from None
    if data.startswith(UTF8_BOM):
        body = data[len(UTF8_BOM):]
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(display_name, f"invalid UTF-8 byte 0x{body[error.start]:02X} in a file "
                             "marked UTF-8", row=row_at(body, error.start),
                             expected="UTF-8 text") from None
        _check_control_bytes(body, display_name)
        return text
    _check_control_bytes(data, display_name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if not data[:error.start].isascii():
            # valid multi-byte UTF-8 came first: the file is UTF-8 with corrupt bytes
            raise InputError(display_name, f"invalid UTF-8 byte 0x{data[error.start]:02X}",
                             row=row_at(data, error.start), expected="UTF-8 text") from None
    return _single_byte_decode(data)


def _check_control_bytes(data: bytes, display_name: str) -> None:
    """InputError at the first NUL or other control byte: the file is binary, not text."""
    offset = _first_control_byte(data)
    if offset is not None:
        raise InputError(display_name, f"undecodable byte 0x{data[offset]:02X} (binary content)",
                         row=row_at(data, offset), expected="a text file")


def normalise_line_ends(text: str) -> str:
    """\\r\\n and lone \\r become \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def sniff_text(head: bytes) -> str:
    """The first bytes of a file decoded for sniffing ('' for binary), line ends as \\n."""
    if data_is_binary(head):
        return ""
    bomless = utf16_without_bom(head)
    if head.startswith(UTF16_BOMS) or bomless:
        text = head[: len(head) - len(head) % 2].decode(bomless or "utf-16", errors="replace")
    elif head.startswith(UTF8_BOM) or _is_utf8_prefix(head):
        text = head.decode("utf-8-sig", errors="ignore")
    else:
        text = _single_byte_decode(head)
    return normalise_line_ends(text)


def data_is_binary(head: bytes) -> bool:
    """True for bytes holding NUL or other control bytes (UTF-16 text with a BOM is not binary)."""
    return (not head.startswith(UTF16_BOMS) and utf16_without_bom(head) is None
            and _first_control_byte(head) is not None)


def _is_utf8_prefix(head: bytes) -> bool:
    """True if `head` is valid UTF-8 apart from a character cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def read_text(path: Path, display_name: str) -> str:
    """A whole (small) text file decoded and with \\n line ends."""
    return normalise_line_ends(decode_text(Path(path).read_bytes(), display_name))


def _is_clean_utf8(path: Path) -> bool:
    """True if the file is UTF-8 without BOM, with \\n or \\r\\n line ends (not both) and no control bytes."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line_ends = set()
    with open(path, "rb") as stream:
        first = True
        while True:
            chunk = stream.read(CHUNK_BYTES)
            if chunk.endswith(b"\r"):
                chunk += stream.read(1)           # keep a \r\n pair in one chunk
            if first and chunk.startswith((UTF8_BOM,) + UTF16_BOMS):
                return False
            first = False
            if not chunk:
                decoder.decode(b"", final=True)
                return True
            carriage_returns = chunk.count(b"\r")  # most files have none: then \n is the only line end
            crlf = chunk.count(b"\r\n") if carriage_returns else 0
            if chunk.endswith(b"\r") or carriage_returns != crlf:
                return False                      # a lone \r line end
            lone_newline = chunk.count(b"\n") != crlf if crlf else b"\n" in chunk   # a \n not after a \r
            line_ends |= {b"\r\n"} if crlf else set()
            line_ends |= {b"\n"} if lone_newline else set()
            if len(line_ends) > 1:
                return False                      # \r\n and \n mixed: DuckDB reads one kind
            if _first_control_byte(chunk) is not None:
                return False
            if chunk.isascii() and not decoder.getstate()[0]:
                continue
            try:
                decoder.decode(chunk, final=False)
            except UnicodeDecodeError:
                return False


def utf8_path(path: Path, display_name: str) -> Path:
    """`path` itself if it is clean UTF-8 with \\n or \\r\\n line ends, else a normalised UTF-8 copy.

    The copy lives in a temporary directory removed when the process exits.
    """
    path = Path(path)
    try:
        if _is_clean_utf8(path):
            return path
    except UnicodeDecodeError:
        pass
    text = read_text(path, display_name)
    handle, copy = tempfile.mkstemp(dir=temporary_directory(), suffix=path.suffix or ".txt")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write(text)
    return Path(copy)


def temporary_directory() -> str:
    """The process-wide directory for normalised copies (created on first use)."""
    global _temp_dir
    if _temp_dir is None:
        # the process id in the name lets a later build remove the folder of a killed one
        # (etl.workspace.remove_leftovers)
        _temp_dir = tempfile.TemporaryDirectory(prefix=f"{TEXT_COPIES_PREFIX}{os.getpid()}-")
    return _temp_dir.name
