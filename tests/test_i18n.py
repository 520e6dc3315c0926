"""Tests for the translation layer: catalogue coverage, lookup, formatting and the check command."""
import contextvars
import datetime
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import i18n.translate
from i18n import (
    LANGUAGES,
    current_language,
    format_date,
    format_number,
    format_percent,
    format_year_range,
    localized,
    set_language,
    t,
)
from i18n.__main__ import main
from i18n.catalog import po_path, read_catalog
from i18n.extract import PROJECT_ROOT, compare, extract_msgids

NBSP = "\xa0"
NNBSP = "\u202f"


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts and ends in English."""
    set_language("en")
    yield
    set_language("en")


def write_project(root: Path, files: dict[str, str]) -> Path:
    for relative, source in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


def write_po(path: Path, entries: dict[str, str]) -> Path:
    header = 'msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    body = "".join(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n' for msgid, msgstr in entries.items())
    path.write_text(header + body, encoding="utf-8")
    return path


# (1) every t("...") in the project has a Russian translation


def test_every_string_used_in_code_has_a_russian_translation():
    report = compare(extract_msgids(PROJECT_ROOT), read_catalog(po_path("ru")))
    assert report.missing == [], (
        "Strings used in t(...) without a Russian translation; run `python -m i18n update` "
        f"and fill in i18n/locales/ru/LC_MESSAGES/messages.po: {report.missing}"
    )


def test_russian_translations_keep_the_placeholders_of_the_english():
    report = compare({}, read_catalog(po_path("ru")))
    assert report.mismatched_placeholders == []


def test_seeded_vocabulary_is_translated():
    for msgid, russian in {
        "Universal Periodic Review": "Универсальный периодический обзор",
        "Treaty bodies": "Договорные органы",
        "Reset filters": "Сбросить фильтры",
        "Noted": "Принято к сведению",
    }.items():
        assert t(msgid, "ru") == russian


def test_extraction_finds_literal_calls_and_skips_tests_data_and_variables(tmp_path):
    write_project(
        tmp_path,
        {
            "app.py": 'from i18n import t\nt("Countries")\nlabel = "x"\nt(label)\n',
            "pages/overview.py": 't("Page {page} of {pages}", page=1, pages=2)\n',
            "tests/test_app.py": 't("Only in tests")\n',
            "data/helper.py": 't("Only in data")\n',
            ".venv/lib.py": 't("Only in venv")\n',
        },
    )
    used = extract_msgids(tmp_path)
    assert sorted(used) == ["Countries", "Page {page} of {pages}"]
    assert used["Countries"] == [("app.py", 2)]


# (2) fallback and (3) formatting with values


def test_known_string_is_translated_only_in_russian():
    assert t("Countries", "ru") == "Страны"
    assert t("Countries", "en") == "Countries"
    assert t("Countries") == "Countries"


def test_unknown_string_falls_back_to_english():
    assert t("A sentence nobody translated", "ru") == "A sentence nobody translated"


def test_values_are_formatted_after_lookup():
    assert t("Page {page} of {pages}", "ru", page=2, pages=5) == "Страница 2 из 5"
    assert t("Page {page} of {pages}", "en", page=2, pages=5) == "Page 2 of 5"
    assert t("Untranslated {n}", "ru", n=3) == "Untranslated 3"


def test_text_with_braces_is_left_alone_without_values():
    assert t("Use {curly} braces", "ru") == "Use {curly} braces"


def test_broken_translation_falls_back_to_formatted_english(monkeypatch):
    monkeypatch.setattr(i18n.translate, "translations", lambda lang: {"Rows: {n}": "Строк: {count}"})
    assert t("Rows: {n}", "ru", n=4) == "Rows: 4"


def test_current_language_is_used_when_none_is_given():
    set_language("ru")
    assert t("Filters") == "Фильтры"
    assert format_number(1.5) == "1,5"


def test_language_is_isolated_per_context():
    def in_russian():
        set_language("ru")
        return t("Search")

    assert contextvars.copy_context().run(in_russian) == "Поиск"
    assert current_language() == "en"
    assert t("Search") == "Search"


# (4) numbers, percentages, dates in both locales (the values Babel gives)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "1,234,567.5"), ("ru", f"1{NBSP}234{NBSP}567,5")],
)
def test_format_number(lang, expected):
    assert format_number(1234567.5, lang) == expected


def test_format_number_with_fixed_decimals_and_integers():
    assert format_number(1234.5, "en", decimals=2) == "1,234.50"
    assert format_number(1234.5, "ru", decimals=2) == f"1{NBSP}234,50"
    assert format_number(-0.004, "en", decimals=2) == "0.00"
    assert format_number(12, "en") == "12"
    assert format_number(pd.Series([7], dtype="int64").iloc[0], "ru") == "7"


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_values_print_as_a_dash(missing):
    assert format_number(missing, "ru") == "–"
    assert format_percent(missing, "en") == "–"
    assert format_date(missing, "ru") == "–"


def test_format_percent():
    assert format_percent(0.42, "en") == "42%"
    assert format_percent(0.42, "ru") == f"42{NBSP}%"
    assert format_percent(0.4256, "en", decimals=1) == "42.6%"
    assert format_percent(0.4256, "ru", decimals=1) == f"42,6{NBSP}%"


def test_format_date():
    day = datetime.date(2024, 3, 5)
    assert format_date(day, "en") == "Mar 5, 2024"
    assert format_date(day, "ru") == f"5 мар. 2024{NNBSP}г."
    assert format_date(day, "ru", format="long") == f"5 марта 2024{NNBSP}г."
    assert format_date("2024-03-05", "en", format="long") == "March 5, 2024"
    assert format_date(pd.Timestamp("2024-03-05 10:30"), "en") == "Mar 5, 2024"


def test_format_year_range():
    assert format_year_range(2018, 2021) == "2018–2021"
    assert format_year_range(2020, 2020) == "2020"
    assert format_year_range(None, 2021) == "2021"
    assert format_year_range(2018, float("nan")) == "2018"
    assert format_year_range(None, None) == "–"


# (5) names from the warehouse


def test_localized_prefers_russian_name_in_russian():
    row = {"name_en": "Kyrgyzstan", "name_ru": "Кыргызстан"}
    assert localized(row, "name", "ru") == "Кыргызстан"
    assert localized(row, "name", "en") == "Kyrgyzstan"


@pytest.mark.parametrize("empty", ["", "  ", None, float("nan"), pd.NA])
def test_localized_falls_back_to_english_name(empty):
    assert localized({"name_en": "Kyrgyzstan", "name_ru": empty}, "name", "ru") == "Kyrgyzstan"


def test_localized_reads_series_and_named_tuples():
    series = pd.Series({"name_en": "Fair trial", "name_ru": "Справедливое судебное разбирательство"})
    assert localized(series, "name", "ru") == "Справедливое судебное разбирательство"
    frame = pd.DataFrame([{"name_en": "Tajikistan", "name_ru": "Таджикистан"}])
    assert localized(next(frame.itertuples()), "name", "ru") == "Таджикистан"
    assert localized({"name_en": "Tajikistan"}, "name", "ru") == "Tajikistan"


# (6) language codes


@pytest.mark.parametrize("code", ["de", "xx", "", None, 5, "english"])
def test_invalid_language_falls_back_to_english(code):
    assert set_language(code) == "en"
    assert current_language() == "en"
    assert t("Countries", code) == "Countries"


@pytest.mark.parametrize("code", ["ru", "RU", "ru-RU", "ru_RU", " ru "])
def test_russian_language_codes(code):
    assert set_language(code) == "ru"
    assert current_language() == "ru"


def test_languages_offered():
    assert LANGUAGES == {"en": "English", "ru": "Русский"}


# (7) the check and update commands


def test_check_fails_on_an_untranslated_string(tmp_path, capsys):
    write_project(tmp_path, {"app.py": 't("Countries")\nt("Brand new label")\n'})
    po = write_po(tmp_path / "messages.po", {"Countries": "Страны", "Old label": "Старая метка"})
    assert main(["check", "--root", str(tmp_path), "--po", str(po)]) == 1
    output = capsys.readouterr().out
    assert "missing translation: 'Brand new label'" in output
    assert "unused entry: 'Old label'" in output


def test_check_passes_when_everything_is_translated(tmp_path):
    write_project(tmp_path, {"app.py": 't("Countries")\n'})
    po = write_po(tmp_path / "messages.po", {"Countries": "Страны"})
    assert main(["check", "--root", str(tmp_path), "--po", str(po)]) == 0


def test_check_fails_on_a_translation_with_wrong_placeholders(tmp_path):
    write_project(tmp_path, {"app.py": 't("Rows: {n}", n=1)\n'})
    po = write_po(tmp_path / "messages.po", {"Rows: {n}": "Строк: {count}"})
    assert main(["check", "--root", str(tmp_path), "--po", str(po)]) == 1


def test_check_command_exits_non_zero_from_the_command_line(tmp_path):
    write_project(tmp_path, {"pages/overview.py": 't("Untranslated page title")\n'})
    po = write_po(tmp_path / "messages.po", {"Countries": "Страны"})
    completed = subprocess.run(
        [sys.executable, "-m", "i18n", "check", "--root", str(tmp_path), "--po", str(po)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Untranslated page title" in completed.stdout


def test_update_adds_missing_entries_and_keeps_translations(tmp_path):
    write_project(tmp_path, {"app.py": 't("Zebra label")\nt("Countries")\nt("Alpha label")\n'})
    po = write_po(tmp_path / "messages.po", {"Countries": "Страны", "Old label": "Старая метка"})
    assert main(["update", "--root", str(tmp_path), "--po", str(po)]) == 0
    catalog = read_catalog(po)
    entries = {message.id: message.string for message in catalog if message.id}
    assert entries == {"Alpha label": "", "Countries": "Страны", "Old label": "Старая метка", "Zebra label": ""}
    assert list(entries) == sorted(entries)
    assert main(["check", "--root", str(tmp_path), "--po", str(po)]) == 1
    once = po.read_bytes()
    main(["update", "--root", str(tmp_path), "--po", str(po)])
    assert po.read_bytes() == once


def test_committed_catalogue_is_in_the_form_update_writes(tmp_path):
    committed = po_path("ru")
    copy = tmp_path / "messages.po"
    copy.write_bytes(committed.read_bytes())
    main(["update", "--root", str(tmp_path), "--po", str(copy)])
    assert copy.read_bytes() == committed.read_bytes()
