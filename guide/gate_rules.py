"""The publication gate's rules that need no guide model (so the chapter blocks can ask them
when a page is shown without importing the gate's module, which imports the models)."""

from __future__ import annotations

from site_content import personal_details as details


def personal_details(text: str, also_allowed=()) -> list[str]:
    """Email addresses, phone numbers and postcodes in ``text`` that are not on the allow list
    (nor in ``also_allowed``)."""
    return details.contact_details(text, also_allowed)


def group_report_reasons(group) -> list[str]:
    """Why a working group's closing report may not be published now; empty if it may.
    Read from the database now: a group's state at the time of the check counts."""
    group.refresh_from_db()
    reasons = []
    if not group.is_closed:
        reasons.append("the group has not closed")
    if not group.report_is_learning:
        reasons.append("the closing report is not marked as learning for the guide")
    return reasons


def may_show_group_report(group) -> bool:
    """A live chapter page shows a group's report only when the gate would publish it."""
    return not group_report_reasons(group) and not personal_details(group.closing_report)


NEW_WORDS = (
    "its words have changed since an editor published them: they show again once a chapter "
    "quoting it is published again"
)


def entry_reasons(entry, *, new_words: bool = False) -> list[str]:
    """Why a progress entry's learning may not be published now; empty if it may. Words
    edited since an editor published them wait for the editor (``new_words``: the editor's
    own preview, before publishing, shows them)."""
    reasons = []
    if not new_words and entry.what_we_learned != entry.learning_published:
        reasons.append(NEW_WORDS)
    if entry.status != type(entry).SUBMITTED:
        reasons.append("the entry is a draft")
    if not entry.is_learning:
        reasons.append("the entry is not marked as learning for the guide")
    if not entry.locality.agreed_to_publish:
        reasons.append(f"{entry.locality.title} has not agreed to publish its learning")
    return reasons


def may_show_entry(entry, programme_id=None, *, new_words: bool = False) -> bool:
    """A live chapter page shows a learning entry only when the gate would publish it: in a
    guide of a programme (``programme_id``), only that programme's entries."""
    if programme_id is not None and entry.locality.programme_id != programme_id:
        return False
    return not entry_reasons(entry, new_words=new_words) and not personal_details(
        entry.what_we_learned
    )
