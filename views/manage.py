"""Manage data: sign in as data manager, upload and check files, apply, history and roll back."""
from __future__ import annotations

import duckdb
import streamlit as st

from etl.errors import InputError, InputErrors
from etl.password import GUARD
from etl.uploads import MAX_BYTES, MAX_FILES, CheckResult, check_upload, store_upload
from etl.versions import apply_uploads, history, roll_back, rollback_choices
from i18n import t
from indicators.markdown import escape_markdown
from settings import sources_path, warehouse_path
from ui.bootstrap import build_log
from ui.context import page_context
from ui.manage_tables import action_words, changes_table, check_table, history_table, problems_table

ctx = page_context()
lang = ctx.lang
sources = sources_path()
st.title(t("Manage data", lang=lang))


def sign_in() -> None:
    """The sign-in form; nothing else of the page is shown until it succeeds."""
    with st.form("dm_sign_in"):
        name = st.text_input(t("Your name (recorded in the history)", lang=lang), max_chars=80)
        password = st.text_input(t("Data manager password", lang=lang), type="password", max_chars=256)
        submitted = st.form_submit_button(t("Sign in", lang=lang))
    if not submitted:
        return
    outcome = GUARD.attempt(password)
    if outcome.accepted:
        st.session_state["dm_user"] = name.strip()[:80] or t("data manager", lang=lang)
        st.rerun()
    elif outcome.locked_seconds:
        st.error(t("Sign-in is locked after five failed attempts; try again in {minutes} min.",
                   lang=lang, minutes=int(max(1, round(outcome.locked_seconds / 60)))))
    else:
        st.error(t("Wrong password. Attempts left before sign-in is locked: {n}", lang=lang,
                   n=int(outcome.attempts_left)))


def show_check(result: CheckResult) -> None:
    st.markdown(f"**{escape_markdown(result.name)}**")
    if result.skipped:
        st.error(t("Not loaded: {reason}", lang=lang, reason=escape_markdown(result.skipped)))
    elif result.errors:
        st.error(t("Refused: fix these problems and upload the file again.", lang=lang))
        st.dataframe(problems_table(result.errors, lang), hide_index=True)
    elif result.summary is not None:
        s = result.summary
        st.success(t("Checked: ready to apply.", lang=lang))
        st.dataframe(check_table(s, lang), hide_index=True)
        for note in s.notes + result.warnings:   # the ETL's own words, as python -m etl check prints them
            st.caption(escape_markdown(note))


def uploads_section(user: str) -> None:
    st.subheader(t("Add files", lang=lang))
    st.caption(t("Any format the ETL reads, templates included; at most {files} files of {mb} MB each.",
                 lang=lang, files=MAX_FILES, mb=MAX_BYTES // (1024 * 1024)))
    files = st.file_uploader(t("Files to add", lang=lang), accept_multiple_files=True,
                             key=f"dm_files_{st.session_state.get('dm_round', 0)}",
                             max_upload_size=MAX_BYTES // (1024 * 1024)) or []
    if len(files) > MAX_FILES:
        st.error(t("At most {files} files at a time.", lang=lang, files=MAX_FILES))
        return
    checks: dict = st.session_state.setdefault("dm_checks", {})
    accepted = []
    for uploaded in files:
        try:
            stored = store_upload(sources, uploaded.getvalue(), uploaded.name)
        except InputError as error:
            show_check(CheckResult(error.file, errors=[error]))
            continue
        if stored.sha256 not in checks:
            with st.spinner(t("Checking {name}…", lang=lang, name=escape_markdown(stored.name))):
                checks[stored.sha256] = (stored, check_upload(sources, stored, accepted))
        stored, result = checks[stored.sha256]
        show_check(result)
        if result.accepted:
            accepted.append(stored)
    st.subheader(t("Apply", lang=lang))
    st.caption(t("Builds a new warehouse from the current sources and the files checked above; it "
                 "replaces the one in use only when every check passes.", lang=lang))
    if st.button(t("Apply", lang=lang), type="primary", key="dm_apply"):
        apply(user, accepted)


def apply(user: str, accepted: list) -> None:
    with st.status(t("Building the new warehouse…", lang=lang), expanded=True) as status:
        log = build_log()
        try:
            applied = apply_uploads(sources, warehouse_path(), accepted, user, log=log)
        except (InputError, InputErrors) as error:
            status.update(label=t("Not applied: the warehouse in use is unchanged", lang=lang),
                          state="error")
            st.dataframe(problems_table(getattr(error, "errors", [error]), lang), hide_index=True)
            return
        except (duckdb.Error, OSError) as error:
            status.update(label=t("Not applied: the warehouse in use is unchanged", lang=lang),
                          state="error")
            st.code(str(error)[:2000], language=None)
            return
        status.update(label=t("Applied", lang=lang), state="complete", expanded=False)
    st.session_state["dm_changes"] = applied.changes
    st.session_state["dm_round"] = st.session_state.get("dm_round", 0) + 1
    st.session_state["dm_checks"] = {}
    st.rerun()


def changes_section() -> None:
    changes = st.session_state.get("dm_changes")
    if changes is None:
        return
    st.success(t("The new warehouse is in use. What changed:", lang=lang))
    if changes.empty:
        st.info(t("No rows were added or removed.", lang=lang))
        return
    st.dataframe(changes_table(changes, lang), hide_index=True)


def history_section(user: str) -> None:
    st.subheader(t("Versions", lang=lang))
    records = history(sources)
    if not records:
        st.info(t("No version has been applied from this page yet.", lang=lang))
        return
    actions = action_words(lang)
    st.dataframe(history_table(records, lang), hide_index=True)
    choices = rollback_choices(sources)
    if not choices:
        return
    labels = {r["id"]: f"{r['date']} · {r['who'] or '—'} · {actions.get(r['action'], r['action'])}"
              for r in choices}
    chosen = st.selectbox(t("Roll back to", lang=lang), list(labels), format_func=labels.get, key="dm_rollback")
    if st.button(t("Roll back", lang=lang), key="dm_rollback_button"):
        roll_back(sources, warehouse_path(), chosen, user)
        st.session_state["dm_changes"] = None
        st.session_state["dm_rolled_back"] = labels[chosen]
        st.rerun()


user = st.session_state.get("dm_user")
if not user:
    sign_in()
else:
    st.caption(t("Signed in as {name}", lang=lang, name=escape_markdown(user)))
    if st.button(t("Sign out", lang=lang), key="dm_sign_out"):
        st.session_state.pop("dm_user", None)
        st.rerun()
    if st.session_state.get("dm_rolled_back"):
        st.success(t("Rolled back to {version}", lang=lang,
                     version=escape_markdown(st.session_state.pop("dm_rolled_back"))))
    changes_section()
    uploads_section(user)
    history_section(user)
