"""Bad input gets a clear message, keeps what was typed, never a 500, and loses nothing saved."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import Action, DevelopmentPlan, ProgressEntry
from tests import factories as f


@pytest.fixture
def setup(db, client):
    programme = f.make_programme()
    locality = f.make_locality(programme)
    member = f.add_member(locality, role="carer")
    client.force_login(member)
    return {"programme": programme, "locality": locality, "member": member, "client": client}


def post_entry(s, **data):
    phase = s["programme"].phases.first()
    payload = {
        "entry_date": phase.start_date.isoformat(),
        "phase": phase.pk,
        "what_we_did": "Ran a drop-in at the library",
        "submit": "1",
    }
    payload.update(data)
    return s["client"].post(reverse("workspace:entry_new", args=[s["locality"].slug]), payload)


def test_submitting_an_empty_form_lists_each_problem_in_the_summary(setup):
    response = setup["client"].post(
        reverse("workspace:entry_new", args=[setup["locality"].slug]), {"submit": "1"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    for message, anchor in [
        ("Enter the date", "#id_entry_date_0"),
        ("Choose the phase", "#id_phase"),
        ("Enter what you did", "#id_what_we_did"),
    ]:
        assert f'<a href="{anchor}">{message}</a>' in html
    assert ProgressEntry.objects.count() == 0


def test_a_draft_needs_nothing(setup):
    response = setup["client"].post(
        reverse("workspace:entry_new", args=[setup["locality"].slug]),
        {"what_we_learned": "Only this so far", "draft": "1"},
    )
    assert response.status_code == 302
    entry = ProgressEntry.objects.get()
    assert entry.is_draft and entry.what_we_learned == "Only this so far"


def test_a_draft_of_nothing_is_not_saved(setup):
    """ "Save as draft" on a form with no words (a date and a phase only): said, nothing
    saved, instead of a blank entry in the log."""
    response = setup["client"].post(
        reverse("workspace:entry_new", args=[setup["locality"].slug]),
        {"what_we_did": "  ", "draft": "1"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_what_we_did">Write something before saving a draft</a>' in html
    assert ProgressEntry.objects.count() == 0


def test_date_outside_the_phase_is_explained_and_text_kept(setup):
    phase = setup["programme"].phases.first()
    response = post_entry(
        setup, entry_date=(phase.end_date + datetime.timedelta(days=3)).isoformat()
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f"must be within the phase “{phase.name}”" in html
    assert "Ran a drop-in at the library" in html
    assert ProgressEntry.objects.count() == 0


def test_nonsense_date_and_unknown_phase_do_not_crash(setup):
    response = post_entry(setup, entry_date="31/02/2026", phase="99999")
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<a href="#id_entry_date_0">Date must be a real date, for example 27 March 2027</a>' in html
    )
    assert '<a href="#id_phase">Choose the phase from the list</a>' in html


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        ("notes.exe", 10, "is not a file type we accept"),
        ("big.pdf", 10 * 1024 * 1024 + 1, "must be 10.0\xa0MB or smaller"),
        ("empty.txt", 0, "is empty"),
    ],
)
def test_bad_attachments_are_refused_with_a_reason(setup, name, size, message):
    upload = SimpleUploadedFile(name, b"x" * size)
    response = post_entry(setup, attachments=[upload])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ProgressEntry.objects.count() == 0


def test_good_attachment_is_saved_privately_and_downloadable_by_the_team(setup):
    upload = SimpleUploadedFile("minutes.txt", b"We met.")
    response = post_entry(setup, attachments=[upload])
    assert response.status_code == 302
    attachment = ProgressEntry.objects.get().attachments.get()
    url = reverse("workspace:attachment", args=[setup["locality"].slug, attachment.pk])
    download = setup["client"].get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"We met."
    assert 'filename="minutes.txt"' in download["Content-Disposition"]


def test_stale_edit_keeps_both_versions(setup):
    entry = f.make_entry(setup["locality"], setup["member"], what_we_did="Original")
    url = reverse("workspace:entry_edit", args=[setup["locality"].slug, entry.pk])
    opened = entry.version
    ProgressEntry.objects.filter(pk=entry.pk).update(
        what_we_did="Saved by someone else", version=opened + 1
    )
    phase = entry.phase
    response = setup["client"].post(
        url,
        {
            "version": opened,
            "entry_date": phase.start_date.isoformat(),
            "phase": phase.pk,
            "what_we_did": "My late change",
            "submit": "1",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved changes" in html
    assert "Saved by someone else" in html and "My late change" in html
    entry.refresh_from_db()
    assert entry.what_we_did == "Saved by someone else"
    # Saving again from the re-shown form (now based on the latest version) works.
    assert f'name="version" value="{opened + 1}"' in html


def test_action_owner_must_be_in_the_team(setup):
    outsider = f.UserFactory()
    response = setup["client"].post(
        reverse("workspace:action_new", args=[setup["locality"].slug]),
        {"title": "Phone the venue", "owner": outsider.pk, "status": "open"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose an owner from the team" in html
    assert 'value="Phone the venue"' in html
    assert not Action.objects.exists()


def test_plan_stale_edit(setup):
    plan = DevelopmentPlan.objects.create(locality=setup["locality"], priorities="Old")
    url = reverse("workspace:plan", args=[setup["locality"].slug])
    DevelopmentPlan.objects.filter(pk=plan.pk).update(priorities="Theirs", version=2)
    response = setup["client"].post(url, {"version": 1, "priorities": "Mine", "proposals": ""})
    assert response.status_code == 409
    assert "Theirs" in response.content.decode() and "Mine" in response.content.decode()
    plan.refresh_from_db()
    assert plan.priorities == "Theirs"


def test_milestone_figure_must_be_a_number(setup):
    milestone = setup["programme"].milestones.first()
    response = setup["client"].post(
        reverse("workspace:milestones", args=[setup["locality"].slug]),
        {"milestone": milestone.pk, "value": "about ten", "reported_on": "2026-09-01"},
    )
    assert response.status_code == 400
    assert "Enter the figure as a number" in response.content.decode()


@pytest.mark.parametrize(
    "unit, value, message",
    [
        ("%", "-5", "Enter a percentage from 0 to 100"),
        ("%", "250", "Enter a percentage from 0 to 100"),
    ]
    + [("per cent", "150", "Enter a percentage from 0 to 100")]
    + [("% of carers", "101", "Enter a percentage from 0 to 100")],
)
def test_a_figure_no_milestone_can_have_is_refused_at_every_door(setup, unit, value, message):
    """The workspace's form, the admin's editor (the model's own check) and any code calling
    the service: the same rule, in the same words."""
    from django.core.exceptions import ValidationError

    from engagement.models import MilestoneReport
    from engagement.workspace import services

    milestone = setup["programme"].milestones.first()
    milestone.unit = unit
    milestone.save()
    url = reverse("workspace:milestones", args=[setup["locality"].slug])
    typed = {"milestone": milestone.pk, "value": value, "reported_on": "2026-09-01"}
    response = setup["client"].post(url, typed)
    assert response.status_code == 400, response.status_code
    assert message in response.content.decode()
    assert f'value="{value}"' in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.report_milestone(
            locality=setup["locality"],
            milestone=milestone,
            value=value,
            reported_on=datetime.date(2026, 9, 1),
            note="",
            reporter=setup["member"],
        )
    assert refused.value.message_dict["value"] == [message]
    assert not MilestoneReport.objects.exists()
    assert setup["client"].post(url, {**typed, "value": "40"}).status_code == 302


def test_unknown_action_status_is_refused_politely(setup):
    action = f.make_action(setup["locality"])
    response = setup["client"].post(
        reverse("workspace:action_status", args=[setup["locality"].slug, action.pk]),
        {"status": "exploded"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.OPEN


@pytest.mark.parametrize("odd", ["x", "²", "1" * 23, "//evil.example/", "https://evil.example/"])
def test_an_odd_place_to_go_back_to_goes_to_the_action_list(setup, odd):
    action = f.make_action(setup["locality"])
    url = reverse("workspace:action_status", args=[setup["locality"].slug, action.pk])
    response = setup["client"].post(url, {"status": Action.DONE, "next": odd})
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:actions", args=[setup["locality"].slug])
    kept = setup["client"].post(url, {"status": Action.OPEN, "next": "/workspace/?page=2"})
    assert kept["Location"] == "/workspace/?page=2"


def test_ids_too_big_for_the_database_are_refused_politely(setup):
    huge = "99999999999999999999999999"
    response = post_entry(setup, phase=huge, sds_steps=[huge])
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_work_in_the_set_up_weeks_before_the_first_phase_can_be_logged(setup):
    first = setup["programme"].phases.first()
    before = first.start_date - datetime.timedelta(days=10)
    response = post_entry(setup, entry_date=before.isoformat(), phase="")
    assert response.status_code == 302
    entry = ProgressEntry.objects.get()
    assert entry.phase is None and entry.phase_label == "Set-up"
    page = setup["client"].get(reverse("workspace:log", args=[setup["locality"].slug]))
    assert "Set-up" in page.content.decode()
    # After the first phase began, "Set-up" is not a phase: the form says why.
    response = post_entry(setup, entry_date=first.start_date.isoformat(), phase="")
    assert response.status_code == 400
    assert "“Set-up” is only for work before 1 January 2026" in response.content.decode()
    assert ProgressEntry.objects.count() == 1


def test_a_programme_with_no_phases_yet_logs_set_up_work(setup):
    setup["programme"].phases.all().delete()
    response = setup["client"].post(
        reverse("workspace:entry_new", args=[setup["locality"].slug]),
        {"entry_date": "2026-02-01", "phase": "", "what_we_did": "Met partners", "submit": "1"},
    )
    assert response.status_code == 302
    assert ProgressEntry.objects.get().phase_label == "Set-up"


def test_an_admins_change_to_an_action_is_not_written_over_by_an_older_form(db, client):
    """The lead opens an action's form; a programme admin changes it in the Wagtail admin;
    the lead's save is told someone else saved, and the admin's words stay."""
    locality = f.make_locality(f.make_programme())
    lead = f.add_member(locality, lead=True)
    action = f.make_action(locality, description="Book the hall")
    opened_at = action.version
    admin = f.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = f"/admin/snippets/engagement/action/edit/{action.pk}/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(description="Book the hall for 40, with a hearing loop")
    assert client.post(url, data).status_code == 302
    action.refresh_from_db()
    assert action.version == opened_at + 1
    client.force_login(lead)
    response = client.post(
        reverse("workspace:action_edit", args=[locality.slug, action.pk]),
        {"title": action.title, "description": "Book the hall", "version": opened_at},
    )
    assert response.status_code in (400, 409)
    action.refresh_from_db()
    assert action.description == "Book the hall for 40, with a hearing loop"
