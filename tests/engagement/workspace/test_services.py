import datetime

import pytest

from engagement.models import Action, ProgressEntry, Tag
from engagement.workspace import services
from tests import factories as f


@pytest.fixture
def locality(db):
    return f.make_locality(f.make_programme())


def test_draft_then_submit_keeps_every_change(locality):
    author = f.add_member(locality)
    lead = f.add_member(locality, role="commissioner", lead=True)
    phase = locality.programme.phases.first()
    entry = services.save_entry(
        locality=locality,
        editor=author,
        data={"what_we_did": "Half written"},
        tags=[],
        submit=False,
    )
    assert entry.status == ProgressEntry.DRAFT and entry.submitted_at is None
    tag = Tag.objects.get(slug="carers")
    entry = services.save_entry(
        locality=locality,
        editor=lead,
        entry=entry,
        expected_version=entry.version,
        data={"what_we_did": "Finished", "entry_date": phase.start_date, "phase": phase},
        tags=[tag],
        submit=True,
    )
    assert entry.status == ProgressEntry.SUBMITTED and entry.submitted_at is not None
    revisions = list(entry.revisions.order_by("version"))
    assert [r.version for r in revisions] == [1, 2]
    assert revisions[0].editor == author and revisions[1].editor == lead
    assert revisions[0].snapshot["what_we_did"] == "Half written"
    assert revisions[1].snapshot["what_we_did"] == "Finished"
    assert set(revisions[1].changed_fields) >= {"what_we_did", "status", "tags", "phase_id"}


def test_stale_edit_changes_nothing(locality):
    author = f.add_member(locality)
    entry = services.save_entry(
        locality=locality, editor=author, data={"what_we_did": "First"}, tags=[], submit=False
    )
    opened_at = entry.version
    services.save_entry(
        locality=locality,
        editor=author,
        entry=entry,
        expected_version=opened_at,
        data={"what_we_did": "Second"},
        tags=[],
        submit=False,
    )
    with pytest.raises(services.StaleEdit):
        services.save_entry(
            locality=locality,
            editor=author,
            entry=entry,
            expected_version=opened_at,
            data={"what_we_did": "Third"},
            tags=[],
            submit=False,
        )
    entry.refresh_from_db()
    assert entry.what_we_did == "Second"
    assert entry.revisions.count() == 2


def test_action_source_is_a_generic_link_and_done_is_timestamped(locality):
    author = f.add_member(locality)
    entry = f.make_entry(locality, author)
    action = services.create_action(
        locality=locality,
        creator=author,
        data={"title": "Write it up", "due_date": datetime.date(2027, 1, 1)},
        source=entry,
    )
    assert action.source == entry
    assert Action.objects.get(pk=action.pk).source == entry
    # The same field can point at any other model (events, stories later): here, a user.
    other = services.create_action(
        locality=locality, creator=author, data={"title": "Call"}, source=author
    )
    assert other.source == author
    done = services.set_action_status(action=action, status=Action.DONE)
    assert done.completed_at is not None
    reopened = services.set_action_status(action=done, status=Action.OPEN)
    assert reopened.completed_at is None


def test_overdue_is_only_for_active_actions(locality):
    today = datetime.date(2026, 11, 22)
    late = f.make_action(locality, due_date=datetime.date(2026, 11, 1))
    done = f.make_action(locality, due_date=datetime.date(2026, 11, 1), status=Action.DONE)
    future = f.make_action(locality, due_date=datetime.date(2026, 12, 1))
    assert late.is_overdue(today) and not done.is_overdue(today) and not future.is_overdue(today)


def test_current_phase_and_we_are_here(db):
    programme = f.make_programme()
    first, second = programme.phases.all()
    assert programme.current_phase(first.start_date) == first
    assert programme.current_phase(second.end_date) == second
    assert programme.current_phase(first.start_date - datetime.timedelta(days=1)) is None
    assert first.state(second.start_date) == "done" and second.state(second.start_date) == "current"
