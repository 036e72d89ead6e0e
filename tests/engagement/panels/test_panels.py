"""Experts by experience: permission matrix, feedback rules, responses, 'you said, we did'."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from engagement.models import (
    Action,
    Answer,
    Feedback,
    Panel,
    PanelMember,
    PointResponse,
    ProgrammeRole,
    ReviewRound,
)
from engagement.panels import services as panel_services
from tests import factories as f
from tests.site_content.test_sent_once import key_in

SECRET = "Only-invited-people-should-read-this"


@pytest.fixture
def world(db):
    programme, other_programme = f.make_programme(), f.make_programme()
    locality = f.make_locality(programme)
    facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    panel = Panel.objects.create(
        programme=programme, locality=locality, name="Panel", slug="panel", facilitator=facilitator
    )
    invited_user = f.add_programme_role(programme, ProgrammeRole.EXPERT)
    seat = PanelMember.objects.create(panel=panel, user=invited_user)
    uninvited_user = f.add_programme_role(programme, ProgrammeRole.EXPERT)
    PanelMember.objects.create(panel=panel, user=uninvited_user)
    other_panel = Panel.objects.create(
        programme=other_programme,
        name="Other",
        slug="other",
        facilitator=f.add_programme_role(other_programme, ProgrammeRole.TEAM),
    )
    review = panel_services.open_round(
        panel=panel,
        creator=facilitator,
        data={
            "title": "Leaflet",
            "page": f.home_page(),
            "closes_on": datetime.date.today() + datetime.timedelta(days=7),
        },
        questions=["Is it in plain English?"],
        invited=[seat],
    )
    q = review.questions.get()
    panel_services.submit_feedback(
        review_round=review,
        member=seat,
        entered_by=invited_user,
        how_given="online",
        answers={q.pk: ("no", SECRET)},
    )
    return {
        "programme": programme,
        "panel": panel,
        "other_panel": other_panel,
        "round": review,
        "answer": Answer.objects.get(),
        "seat": seat,
        "people": {
            "programme_admin": f.add_programme_role(programme, ProgrammeRole.ADMIN),
            "programme_team": f.add_programme_role(programme, ProgrammeRole.TEAM),
            "facilitator": facilitator,
            "invited_member": invited_user,
            "uninvited_member": uninvited_user,
            "locality_member": f.add_member(locality),
            "signed_in_public": f.UserFactory(),
            "anonymous": None,
        },
    }


OPS = ["panel", "round", "feedback_form", "respond_form", "publish", "you_said_before", "document"]
ALLOWED = {
    "programme_admin": {
        "panel",
        "round",
        "feedback_form",
        "respond_form",
        "publish",
        "you_said_before",
    },
    "programme_team": {"panel", "round", "respond_form", "publish", "you_said_before"},
    "facilitator": {
        "panel",
        "round",
        "feedback_form",
        "respond_form",
        "publish",
        "you_said_before",
    },
    "invited_member": {"panel", "round", "feedback_form"},
    "uninvited_member": {"panel"},
    "locality_member": set(),
    "signed_in_public": set(),
    "anonymous": set(),
}


def call(op, client, w):
    r, a = w["round"], w["answer"]
    return {
        "panel": lambda: client.get(reverse("panels:detail", args=[w["panel"].slug])),
        "round": lambda: client.get(reverse("panels:round", args=[r.pk])),
        "feedback_form": lambda: client.get(reverse("panels:feedback", args=[r.pk])),
        "respond_form": lambda: client.get(reverse("panels:respond", args=[r.pk, a.pk])),
        "publish": lambda: client.post(reverse("panels:publish_round", args=[r.pk])),
        "you_said_before": lambda: client.get(reverse("panels:you_said", args=[r.pk])),
        "document": lambda: client.get(reverse("panels:round_document", args=[r.pk])),
    }[op]()


@pytest.mark.parametrize("role", list(ALLOWED))
def test_panel_permission_matrix(role, world, client):
    user = world["people"][role]
    if user:
        client.force_login(user)
    wrong = []
    for op in OPS:
        ReviewRound.objects.filter(pk=world["round"].pk).update(status=ReviewRound.OPEN)
        response = call(op, client, world)
        refused = response.status_code in (403, 404) or (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )
        expected = "allowed" if op in ALLOWED[role] else "refused"
        got = (
            "refused"
            if refused
            else ("allowed" if response.status_code in (200, 302) else str(response.status_code))
        )
        if op == "document":  # this round reviews a page, so there is no document for anyone
            expected = "refused"
        if got != expected:
            wrong.append((op, expected, got))
        if refused and hasattr(response, "content"):
            assert SECRET.encode() not in response.content
    assert wrong == []
    # The other programme's panel is never visible to this programme's people.
    assert client.get(reverse("panels:detail", args=["other"])).status_code in (302, 404)


def test_members_see_only_their_own_feedback_before_publication(world, client):
    other_seat = PanelMember.objects.exclude(pk=world["seat"].pk).get(panel=world["panel"])
    world["round"].invited.add(other_seat)
    client.force_login(other_seat.user)
    html = client.get(reverse("panels:round", args=[world["round"].pk])).content.decode()
    assert SECRET not in html and "Your feedback" in html


def test_feedback_rules(world):
    r, seat = world["round"], world["seat"]
    q = r.questions.get()
    with pytest.raises(panel_services.FeedbackRefused, match="already been given"):
        panel_services.submit_feedback(
            review_round=r,
            member=seat,
            entered_by=seat.user,
            how_given="online",
            answers={q.pk: ("yes", "")},
        )
    outsider = PanelMember.objects.exclude(pk=seat.pk).get(panel=world["panel"])
    with pytest.raises(panel_services.FeedbackRefused, match="Only panel members invited"):
        panel_services.submit_feedback(
            review_round=r,
            member=outsider,
            entered_by=outsider.user,
            how_given="online",
            answers={q.pk: ("yes", "")},
        )
    r.closes_on = datetime.date.today() - datetime.timedelta(days=1)
    r.save()
    r.invited.add(outsider)
    with pytest.raises(panel_services.FeedbackRefused, match="This review closed on"):
        panel_services.submit_feedback(
            review_round=r,
            member=outsider,
            entered_by=outsider.user,
            how_given="online",
            answers={q.pk: ("yes", "")},
        )
    assert Feedback.objects.count() == 1


def test_feedback_form_errors_keep_what_was_typed_and_late_feedback_is_refused(world, client):
    r = world["round"]
    other_seat = PanelMember.objects.exclude(pk=world["seat"].pk).get(panel=world["panel"])
    r.invited.add(other_seat)
    client.force_login(other_seat.user)
    q = r.questions.get()
    url = reverse("panels:feedback", args=[r.pk])
    assert client.post(url, {}).status_code == 400
    assert "Answer at least one question" in client.post(url, {}).content.decode()
    response = client.post(url, {f"rating_{q.pk}": "maybe", f"text_{q.pk}": "Too many long words"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose one of the answers to question 1" in html and "Too many long words" in html
    ReviewRound.objects.filter(pk=r.pk).update(
        closes_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    response = client.post(url, {f"rating_{q.pk}": "no", f"text_{q.pk}": "Too many long words"})
    assert response.status_code == 400
    assert "This review closed on" in response.content.decode()
    assert "Too many long words" in response.content.decode()  # shown to copy, not a form
    assert "Send my feedback" not in response.content.decode()
    assert not Feedback.objects.filter(member=other_seat).exists()


def test_a_member_who_has_answered_sees_their_answers_not_an_empty_form(world, client):
    r = world["round"]
    client.force_login(world["people"]["invited_member"])
    url = reverse("panels:feedback", args=[r.pk])
    assert f'href="{url}"' in client.get(reverse("panels:round", args=[r.pk])).content.decode()
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "You sent your feedback on" in html and SECRET in html
    assert "Send my feedback" not in html and "<form" not in html.split("<main", 1)[1]
    assert world["panel"].facilitator.display_name in html
    # Sent again from a page left open: told plainly, in their own terms, and what they
    # typed is shown to copy; nothing changes.
    q = r.questions.get()
    again = client.post(url, {f"rating_{q.pk}": "yes", f"text_{q.pk}": "Second thoughts"})
    html = again.content.decode()
    assert again.status_code == 409
    assert "your feedback can only be sent once" in html and "Second thoughts" in html
    assert "from this member" not in html
    assert Answer.objects.get().text == SECRET


def test_facilitator_enters_feedback_on_behalf(world, client):
    r = world["round"]
    other_seat = PanelMember.objects.exclude(pk=world["seat"].pk).get(panel=world["panel"])
    r.invited.add(other_seat)
    client.force_login(world["people"]["facilitator"])
    q = r.questions.get()
    form = client.get(reverse("panels:feedback", args=[r.pk]) + "?for=member").content.decode()
    assert "A member&#x27;s feedback on" in form or "A member's feedback on" in form
    assert "Save their feedback" in form and "Send my feedback" not in form
    response = client.post(
        reverse("panels:feedback", args=[r.pk]) + "?for=member",
        {
            "member": other_seat.pk,
            "how_given": "phone",
            f"rating_{q.pk}": "mostly",
            f"text_{q.pk}": "Bigger print",
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get(member=other_seat)
    assert feedback.how_given == "phone" and feedback.entered_by == world["people"]["facilitator"]


def test_respond_creates_action_publish_tells_members_and_public_page_hides_names(
    world, client, django_capture_on_commit_callbacks
):
    r, answer = world["round"], world["answer"]
    team = world["people"]["programme_team"]
    client.force_login(team)
    url = reverse("panels:respond", args=[r.pk, answer.pk])
    bad = client.post(url, {"decision": "not_accepted"})
    assert bad.status_code == 400 and "Say why the point was not accepted" in bad.content.decode()
    ok = client.post(
        url, {"decision": "accepted", "what_changed": "Shorter sentences.", "make_action": "on"}
    )
    assert ok.status_code == 302
    response = PointResponse.objects.get()
    assert response.action is not None and response.action.source == answer
    assert Action.objects.filter(locality=world["panel"].locality).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("panels:publish_round", args=[r.pk]), {"confirm": "yes"})
    assert [m.to for m in mail.outbox] == [[world["seat"].user.email]]
    assert "answered" in mail.outbox[0].subject
    client.logout()
    assert client.get(reverse("panels:you_said", args=[r.pk])).status_code == 404  # not public
    ReviewRound.objects.filter(pk=r.pk).update(public=True)
    html = client.get(reverse("panels:you_said", args=[r.pk])).content.decode()
    assert "Shorter sentences." in html and SECRET in html
    assert world["seat"].user.display_name not in html and "A panel member" in html
    # The programme made private (a password on its page): its public round goes with it.
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=world["panel"].programme,
        restriction_type=PageViewRestriction.PASSWORD,
        password="hush",
    )
    assert client.get(reverse("panels:you_said", args=[r.pk])).status_code == 404


def test_open_round_form_validates_and_invites(world, client, django_capture_on_commit_callbacks):
    client.force_login(world["people"]["facilitator"])
    url = reverse("panels:round_new", args=[world["panel"].slug])
    bad = client.post(url, {"title": "", "closes_on": "2001-01-01", "extra_questions": ""})
    html = bad.content.decode()
    assert bad.status_code == 400
    for message in [
        "Enter a title for the review",
        "The closing date must be today or later",
        "Choose a document or a page for the panel to review",
        "Choose or write at least one question",
        "Choose at least one panel member to invite",
    ]:
        assert message in html
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        good = client.post(
            url,
            {
                "title": "New leaflet",
                "page": f.home_page().pk,
                "closes_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
                "standard_questions": ["Is anything missing?"],
                "extra_questions": "Is the print big enough?\n",
                "invited": [world["seat"].pk],
            },
        )
    assert good.status_code == 302
    new = ReviewRound.objects.get(title="New leaflet")
    assert [q.text for q in new.questions.all()] == [
        "Is anything missing?",
        "Is the print big enough?",
    ]
    assert [m.to for m in mail.outbox] == [[world["seat"].user.email]]


def test_round_csv_for_staff_only(world, client):
    url = reverse("panels:round_csv", args=[world["round"].pk])
    client.force_login(world["seat"].user)
    assert client.get(url).status_code == 404
    client.force_login(world["people"]["facilitator"])
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["Member", "How given", "Question", "Answer", "Comment"]
    assert SECRET in ",".join(rows[1]) and "No" in rows[1]


def test_plain_english_check_in_the_admin(world, client):
    from engagement.models import LocalityPage

    locality = LocalityPage.objects.get(pk=world["panel"].locality_id)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("plain_english", args=[locality.pk]))
    assert response.status_code == 200
    assert (
        "Reading ease" in response.content.decode()
        or "not enough words" in response.content.decode()
    )
    client.force_login(world["seat"].user)
    assert client.get(reverse("plain_english", args=[locality.pk])).status_code in (302, 403)


def test_feedback_records_involvement_and_payment_and_finance_report(world, client, settings):
    from decimal import Decimal

    from engagement.models import Involvement, Payment

    seat = world["seat"]
    assert Involvement.objects.get(member=seat).kind == Involvement.REVIEW
    payment = Payment.objects.get(member=seat)
    assert payment.amount == Decimal(settings.PANEL_REVIEW_FEE) and not payment.is_paid
    url = reverse("panels:involvement", args=[world["panel"].slug])
    client.force_login(seat.user)
    assert client.get(url).status_code == 404  # members do not see everyone's money
    mine = client.get(reverse("panels:my_involvement", args=[world["panel"].slug])).content.decode()
    assert "You have answered 1 review" in mine and "not paid yet" in mine
    hours = Involvement.objects.get(member=seat).hours
    said = f"{hours.normalize():f} hour{'' if hours == 1 else 's'}"
    assert f"given {said}." in mine and f"({said})" in mine
    client.force_login(world["people"]["facilitator"])
    csv_rows = list(csv.reader(io.StringIO(client.get(url + "?format=csv").content.decode())))
    assert csv_rows[0] == ["Member", "Email", "Reviews answered", "Hours", "Owed", "Paid", "Unpaid"]
    assert any(seat.user.email in row and row[-1] == "20.00" for row in csv_rows[1:])
    for odd in ("abc", "²", "1" * 23, ""):  # no such payment: a plain 404, nothing paid
        assert client.post(url, {"payment": odd}).status_code == 404
    # The rest of the programme team reads the report, and marks nothing paid.
    client.force_login(world["people"]["programme_team"])
    report = client.get(url)
    assert report.status_code == 200 and "Mark as paid" not in report.content.decode()
    assert client.post(url, {"payment": payment.pk}).status_code == 403
    payment.refresh_from_db()
    assert not payment.is_paid
    client.force_login(world["people"]["facilitator"])
    assert "Mark as paid" in client.get(url).content.decode()
    client.post(url, {"payment": payment.pk})
    payment.refresh_from_db()
    assert payment.is_paid
    client.force_login(seat.user)
    assert (
        "paid on"
        in client.get(reverse("panels:my_involvement", args=[world["panel"].slug])).content.decode()
    )


def _docx(text):
    import io

    import docx

    d = docx.Document()
    d.add_paragraph(text)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def test_document_and_easy_read_version_side_by_side(world, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world["people"]["facilitator"])
    url = reverse("panels:round_new", args=[world["panel"].slug])
    big = SimpleUploadedFile("huge.pdf", b"x" * (10 * 1024 * 1024 + 1))
    bad = client.post(
        url,
        {
            "title": "T",
            "closes_on": "2036-01-01",
            "document": big,
            "standard_questions": ["Is anything missing?"],
            "invited": [world["seat"].pk],
        },
    )
    assert bad.status_code == 400 and "or smaller" in bad.content.decode()
    response = client.post(
        url,
        {
            "title": "Leaflet and Easy Read",
            "closes_on": "2036-01-01",
            "document": SimpleUploadedFile(
                "leaflet.docx",
                _docx(
                    "Notwithstanding the aforementioned considerations, comprehensive "
                    "organisational "
                    "transformation necessitates multidisciplinary consultation."
                ),
            ),
            "easy_read_document": SimpleUploadedFile(
                "easy.docx",
                _docx(
                    "We will help you. You choose your support. We check it works. When you "
                    "come to the centre we will ask you what you would like to do next week."
                ),
            ),
            "standard_questions": ["Is anything missing?"],
            "invited": [world["seat"].pk],
        },
    )
    assert response.status_code == 302
    review = ReviewRound.objects.get(title="Leaflet and Easy Read")
    html = client.get(reverse("panels:round", args=[review.pk])).content.decode()
    assert "The Easy Read version" in html and "easy to read" in html and "hard to read" in html
    # Easy Read is held to its own aims: short sentences; the long one is shown.
    assert "The aim is 10 words or fewer" in html and "The aim is 20 words or fewer on" in html
    assert "syllables" not in html and "passive" not in html.lower()  # said in plain words
    assert "Sentences longer than 10 words" in html
    assert "we will ask you what you would like to do next week" in html
    download = client.get(reverse("panels:round_document", args=[review.pk]) + "?version=easy-read")
    assert 'filename="easy.docx"' in download["Content-Disposition"]


def test_programme_panel_points_become_actions_on_a_chosen_locality(world, client):
    from engagement.models import LocalityPage

    Panel.objects.filter(pk=world["panel"].pk).update(locality=None)
    locality = LocalityPage.objects.get(
        pk=world["people"]["locality_member"].memberships.get().locality_id
    )
    client.force_login(world["people"]["programme_team"])
    url = reverse("panels:respond", args=[world["round"].pk, world["answer"].pk])
    # The owners are listed under their locality, so the right team's people are found.
    member = world["people"]["locality_member"]
    form = client.get(url).content.decode()
    assert f'<optgroup label="{locality.title}">' in form
    group = form.split(f'<optgroup label="{locality.title}">')[1].split("</optgroup>")[0]
    assert f'value="{member.pk}"' in group and member.display_name in group
    outsider = world["people"]["signed_in_public"]
    bad = client.post(
        url,
        {
            "decision": "accepted",
            "what_changed": "Done",
            "make_action": "on",
            "action_locality": locality.pk,
            "owner": outsider.pk,
        },
    )
    assert bad.status_code == 400 and "Choose an owner from the team" in bad.content.decode()
    # An owner and a list chosen, the box left unticked: asked, never dropped unsaid.
    typed = {"decision": "accepted", "what_changed": "Done", "action_locality": locality.pk}
    typed["owner"] = world["people"]["locality_member"].pk
    unticked = client.post(url, typed)
    assert unticked.status_code == 400
    assert "Tick this box to add the action" in unticked.content.decode()
    assert not PointResponse.objects.exists()
    ok = client.post(
        url,
        {
            "decision": "accepted",
            "what_changed": "Done",
            "make_action": "on",
            "action_locality": locality.pk,
            "owner": world["people"]["locality_member"].pk,
        },
    )
    assert ok.status_code == 302
    action = PointResponse.objects.get().action
    assert action.locality == locality and action.owner == world["people"]["locality_member"]


def test_a_review_opened_twice_in_a_hurry_is_one_review_and_one_email_each(
    world, client, django_capture_on_commit_callbacks
):
    client.force_login(world["people"]["facilitator"])
    url = reverse("panels:round_new", args=[world["panel"].slug])
    key = key_in(client, url)
    typed = {
        "once": key,
        "title": "Bus leaflet",
        "page": f.home_page().pk,
        "closes_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
        "standard_questions": ["Is anything missing?"],
        "invited": [world["seat"].pk],
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, typed) for _ in range(2)]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert ReviewRound.objects.filter(title="Bus leaflet").count() == 1
    assert [m.to for m in mail.outbox] == [[world["seat"].user.email]]
    r, answer = world["round"], world["answer"]
    client.force_login(world["people"]["programme_team"])
    url = reverse("panels:respond", args=[r.pk, answer.pk])
    key = key_in(client, url)
    typed = {"once": key, "decision": "accepted", "what_changed": "Bigger print."}
    for _ in range(2):
        assert client.post(url, dict(typed, make_action="on")).status_code == 302
    assert Action.objects.filter(locality=world["panel"].locality).count() == 1


def test_no_payment_or_time_given_is_below_nothing(world, client):
    """A payment of -£5 would tell a member "You are owed £-5.00": the admin's editor (any
    form made from the model) refuses it, and negative hours likewise (£0, for a fee set to
    nothing, is kept)."""
    from engagement.models import Involvement, Payment

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    payment = Payment.objects.get(member=world["seat"])
    url = f"/admin/snippets/engagement/payment/edit/{payment.pk}/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(amount="-5")
    response = client.post(url, data)
    assert "Enter an amount of £0 or more" in response.content.decode()
    payment.refresh_from_db()
    assert payment.amount > 0
    time = Involvement.objects.get(member=world["seat"])
    time.hours = -1
    with pytest.raises(ValidationError, match="Enter the hours given: 0 or more"):
        time.full_clean()


def test_a_review_reads_only_a_page_anyone_can_read_and_only_what_they_see(world, client):
    """The panel reads a page as any visitor does: a draft or a private page is not offered
    (its title and words are not the members' to read), and an event page's words are what
    the public page shows, never its joining details or the addresses it invited."""
    from wagtail.models import PageViewRestriction

    from events.models import EventPage

    programme = world["programme"]
    start = f.morning(20)
    event = EventPage(
        title="Carers' morning",
        kind="design_day",
        purpose="Hear what makes a good day for carers in the town.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=10,
        online_joining="Phone 0161 496 0999, code 4242. Ask for Harriet Example.",
        invited_emails="harriet.example@example.org",
    )
    programme.add_child(instance=event)
    event.save_revision().publish()
    private = f.make_locality(programme, title="Northfold safeguarding notes")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = f.make_locality(programme, title="Easterby closure plan")
    draft.unpublish()
    client.force_login(world["people"]["facilitator"])
    url = reverse("panels:round_new", args=[world["panel"].slug])
    form = client.get(url).content.decode()
    assert "Carers&#x27; morning" in form or "Carers' morning" in form
    assert "Northfold safeguarding" not in form and "Easterby closure" not in form
    typed = {
        "title": "The morning's page",
        "closes_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
        "standard_questions": ["Is anything missing?"],
        "invited": [world["seat"].pk],
    }
    refused = client.post(url, {**typed, "page": private.pk})
    assert refused.status_code == 400 and not ReviewRound.objects.filter(page=private).exists()
    assert client.post(url, {**typed, "page": event.pk}).status_code == 302
    review = ReviewRound.objects.get(page=event)
    html = client.get(reverse("panels:round", args=[review.pk])).content.decode()
    assert "How easy to read" in html  # the public page's words were read
    assert "0161 496 0999" not in html and "Harriet" not in html and "harriet" not in html
    # Members read the page itself and give their own view: the check is the team's.
    client.force_login(world["seat"].user)
    html = client.get(reverse("panels:round", args=[review.pk])).content.decode()
    assert "Carers&#x27; morning" in html and "Plain English check" not in html
    client.force_login(world["people"]["facilitator"])
    # The page made private afterwards: its words are no longer read for the panel.
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    html = client.get(reverse("panels:round", args=[review.pk])).content.decode()
    assert "This page is not public now" in html


def test_the_review_email_quotes_the_title_so_a_question_reads_right(world, mailoutbox):
    """ "Is the events page clear?" in the email: quoted, not "…clear?." as a sentence."""
    panel_services.open_round(
        panel=world["panel"],
        creator=world["people"]["facilitator"],
        data={
            "title": "Is the events page clear?",
            "page": f.home_page(),
            "closes_on": datetime.date.today() + datetime.timedelta(days=7),
        },
        questions=["Is it in plain English?"],
        invited=[world["seat"]],
    )
    body = mailoutbox[-1].body
    assert "a new review: “Is the events page clear?”." in body and "clear?.\n" not in body


def test_a_page_that_does_not_show_itself_to_visitors_is_said_not_a_crash(
    world, client, monkeypatch
):
    """A guide's pages send visitors to the built guide (or answer "not found" before it is
    built): the review's page says its words are checked from a document, and answers 200."""
    from django.core.cache import cache
    from django.http import Http404

    from site_content.models import HomePage

    cache.clear()

    def not_here(self, request, *args, **kwargs):
        raise Http404("Only editors see this page here")

    monkeypatch.setattr(HomePage, "serve", not_here)
    client.force_login(world["people"]["facilitator"])
    answer = client.get(reverse("panels:round", args=[world["round"].pk]))
    assert answer.status_code == 200
    assert "send it to the panel as a document" in answer.content.decode()
