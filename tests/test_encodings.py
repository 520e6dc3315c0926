"""Text files in every encoding partners save in decode right (charset-normalizer over a fixed set)."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.errors import InputError
from etl.readers import textfile
from etl.readers.base import ReadContext
from etl.readers.upr_info import UprInfoReader

HEADER = "SuR,Rgrp,Org,Recommendation,RS,Rgrp,Org,Response,Action,Issue,Session"
RUSSIAN = [
    "Казахстан,Азия,СНГ,Ратифицировать Факультативный протокол к Конвенции против пыток.,"
    "Франция,ЗЕПГ,,Accepted,5,Torture and other CID treatment,7",
    "Кыргызстан,Азия,СНГ,Обеспечить независимость судей и адвокатов.,Германия,ЗЕПГ,,Noted,4,Justice,8",
    "Узбекистан,Азия,СНГ,Прекратить принудительный труд при сборе хлопка.,Швеция,ЗЕПГ,,Accepted,5,"
    "Labour,3",
]
LATIN = [
    "Kazakhstan,Asia,,Garantir l’accès à la justice (réforme pénale).,Côte d'Ivoire,Africa,,Accepted,5,"
    "Justice,7",
    "Kyrgyzstan,Asia,,Fortalecer la institución nacional de derechos humanos.,España,WEOG,,Accepted,4,"
    "NHRI,8",
]


def _read(path: Path):
    ctx = ReadContext(con=duckdb.connect(), catalogue=None, display_name=path.name)
    return UprInfoReader().read(path, ctx).frames["recommendation"].df()


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "utf-8", "utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_cyrillic_exports_decode_right(tmp_path, encoding, newline):
    path = tmp_path / "upr.csv"
    path.write_bytes((newline.join([HEADER, *RUSSIAN]) + newline).encode(encoding))
    assert UprInfoReader().sniff(path, path.read_bytes()[:65536])
    frame = _read(path)
    assert frame["country"].tolist() == ["Казахстан", "Кыргызстан", "Узбекистан"]
    assert frame["recommending_state"].tolist() == ["Франция", "Германия", "Швеция"]
    assert frame["text"].iloc[2] == "Прекратить принудительный труд при сборе хлопка."
    assert frame["row"].tolist() == [2, 3, 4]


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman"])
def test_latin_exports_still_decode_right(tmp_path, encoding):
    path = tmp_path / "upr.csv"
    path.write_bytes("\r\n".join([HEADER, *LATIN]).encode(encoding) + b"\r\n")
    frame = _read(path)
    assert frame["recommending_state"].tolist() == ["Côte d'Ivoire", "España"]
    assert frame["text"].tolist()[0] == "Garantir l’accès à la justice (réforme pénale)."


def test_mixed_line_ends_in_a_cp1251_file(tmp_path):
    path = tmp_path / "upr.csv"
    path.write_bytes((HEADER + "\r\n" + RUSSIAN[0] + "\n" + RUSSIAN[1] + "\r" + RUSSIAN[2] + "\r\n").encode("cp1251"))
    assert _read(path)["country"].tolist() == ["Казахстан", "Кыргызстан", "Узбекистан"]


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp1252", "mac_roman"])
def test_the_detector_names_the_encoding_of_a_sentence(encoding):
    sentence = ("Кыргызстан: право на справедливое судебное разбирательство" if encoding in ("cp1251", "koi8_r")
                else "Côte d’Ivoire : accès à la justice, réforme pénale et détention préventive")
    assert textfile.detect_single_byte(sentence.encode(encoding)) == encoding


def test_utf16_without_bom_is_text_not_binary():
    data = (HEADER + "\n" + RUSSIAN[0]).encode("utf-16-le")
    assert textfile.utf16_without_bom(data) == "utf-16-le"
    assert not textfile.data_is_binary(data)
    assert textfile.sniff_text(data).startswith("SuR,Rgrp")
    assert textfile.utf16_without_bom(b"\x00\x01\x02\x03" * 100) is None


@pytest.mark.parametrize("content, kept", [
    (b"a,b\n1,2\n", True), (b"a,b\r\n1,2\r\n", True), (b"a,b", True),
    (b"a,b\r\n1,2\n", False), (b"a,b\n1,2\r\n", False), (b"a,b\r1,2\r", False),
    ("a,b\nКазахстан,2\n".encode(), True), (b"\xef\xbb\xbfa,b\n1,2\n", False),
])
@pytest.mark.parametrize("chunk", [4, 1 << 24])
def test_only_clean_utf8_with_one_kind_of_line_end_is_read_in_place(tmp_path, monkeypatch, content, kept, chunk):
    """A clean UTF-8 file is read where it is; mixed or lone-\\r line ends, a BOM or a control byte
    give a normalised copy, also when the kinds of line end meet in different chunks of the file."""
    monkeypatch.setattr(textfile, "CHUNK_BYTES", chunk)
    path = tmp_path / "values.csv"
    path.write_bytes(content)
    found = textfile.utf8_path(path, path.name)
    assert (found == path) is kept
    if not kept:
        copy = found.read_bytes()
        assert b"\r" not in copy and not copy.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("chunk", [4, 1 << 24])
def test_a_control_byte_is_binary_content(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(textfile, "CHUNK_BYTES", chunk)
    path = tmp_path / "values.csv"
    path.write_bytes(b"a,b\n1,\x002\n")
    with pytest.raises(InputError, match=r"values.csv, row 2: undecodable byte 0x00 \(binary content\)"):
        textfile.utf8_path(path, path.name)
