"""The ROCA human rights dashboard: shared filters in the URL, navigation over views/."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from etl.password import password_is_set
from i18n import set_language, t
from indicators.queries import run_query
from indicators.warehouse import warehouse_key
from ui.bootstrap import ensure_warehouse
from ui.context import PageContext, filter_defaults, name_maps
from ui.notices import notify_ignored
from ui.filters import FILTER_KEYS, Choices, parse_filters
from ui.presentation import requested_chart, run_page
from ui.screen import apply_screen_css
from ui.report_link import PARAM as REPORT_PARAM
from ui.report_url import report_params
from ui.sidebar import render_filters

PAGE_ICON = str(Path(__file__).parent / "static" / "icon" / "balance.png")   # local: no font CDN
PAGES = [
    ("views/overview.py", "Overview", ":material/dashboard:", "overview"),
    ("views/country.py", "Country profile", ":material/flag:", "country"),
    ("views/theme.py", "Theme explorer", ":material/category:", "theme"),
    ("views/progress.py", "Progress by cycle", ":material/trending_up:", "progress"),
    ("views/recommendations.py", "Recommendations", ":material/gavel:", "recommendations"),
    ("views/sources.py", "Data and sources", ":material/database:", "sources"),
    ("views/report.py", "Report", ":material/slideshow:", "report"),
]
# Only where a data manager password has been set (python -m etl set-password).
MANAGE_PAGE = ("views/manage.py", "Manage data", ":material/upload_file:", "manage")

url = {key: st.query_params.get_all(key) for key in st.query_params.keys()}
present, present_ignored = requested_chart(url)  # ?present=<chart_id>: presentation mode
first_lang = set_language((url.get("lang") or ["en"])[0])
st.set_page_config(page_title=t("ROCA human rights dashboard", lang=first_lang),
                   page_icon=PAGE_ICON, layout="wide",
                   initial_sidebar_state="collapsed" if present else "auto")
apply_screen_css()   # static/screen.css: layouts that reflow from 1024 to 1920 px
ensure_warehouse(first_lang)
key = warehouse_key()
known = name_maps(key, first_lang)      # the codes are the same in every language
choices = Choices(defaults=filter_defaults(key), countries=set(known.countries), themes=set(known.themes),
                  cycles=known.cycle_kinds)
initial, ignored = parse_filters(url, choices)
filters = render_filters(initial, lambda lang: name_maps(key, lang),
                         url_has_filters=any(name in url for name in FILTER_KEYS))
lang = set_language(filters.lang)
notify_ignored(ignored + present_ignored, lang)
build_info = dict(run_query("build_info", key).itertuples(index=False))
is_demo = build_info.get("is_demo") == "true"
if is_demo:
    st.warning(t("This dashboard is showing demonstration data, not real figures.", lang=lang),
               icon=":material/science:")
st.session_state["page_context"] = PageContext(key=key, filters=filters, is_demo=is_demo,
                                                 names=name_maps(key, lang), present=present)
pages = [st.Page(path, title=t(title, lang=lang), icon=icon, url_path=url_path, default=(i == 0))
         for i, (path, title, icon, url_path) in enumerate(PAGES + [MANAGE_PAGE] * password_is_set())]
page = st.navigation(pages)
page_params = {k: v for k, v in url.items() if k not in FILTER_KEYS | {"present", REPORT_PARAM}}
presenting = {"present": [present]} if present else {}
report = report_params(url, lang)   # the report's charts, order and key messages survive a reload
st.query_params.from_dict({**filters.as_params(), **page_params, **presenting, **report})
run_page(page, present, lang)
