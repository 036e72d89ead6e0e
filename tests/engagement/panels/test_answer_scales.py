"""A programme's own review questions: each has its answer scale (agreement, yes or no, or own
words only), every answer is optional and unanswered ones are counted apart; a round closed
shows no form; publishing before the closing date says who has not answered yet."""

import datetime

import pytest
from django.urls import reverse

from engagement.models import AGREEMENT, OWN_WORDS, Panel, PanelMember, ProgrammeRole, ReviewRound
from engagement.models.panels import YES_NO
from engagement.panels import services as panel_services
from engagement.panels.views import _answers_per_question
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel_round():
    programme = f.make_programme()
    facilitator = f.add_programme_role(programme, ProgrammeRole.TEAM)
    panel = Panel.objects.create(
        programme=programme, name="Panel", slug="panel", facilitator=facilitator
    )
    seats = [
        PanelMember.objects.create(
            panel=panel, user=f.add_programme_role(programme, ProgrammeRole.EXPERT)
        )
        for _ in range(3)
    ]
    review = panel_services.open_round(
        panel=panel,
        creator=facilitator,
        data={
            "title": "Day centre leaflet",
            "page": f.home_page(),
            "closes_on": datetime.date.today() + datetime.timedelta(days=7),
        },
        questions=[
            ("Is it in plain English?", AGREEMENT),
            ("Is anything missing?", YES_NO),
            ("What would make it easier to use?", OWN_WORDS),
        ],
        invited=seats,
    )
    return review, seats, facilitator


def test_each_question_is_asked_on_its_own_scale_and_every_answer_is_optional(client, panel_round):
    review, seats, _ = panel_round
    plain, missing, easier = review.questions.all()
    client.force_login(seats[0].user)
    url = reverse("panels:feedback", args=[review.pk])
    html = client.get(url).content.decode()
    assert f'name="rating_{plain.pk}" value="mostly"' in html
    assert f'name="rating_{missing.pk}" value="mostly"' not in html
    assert f'name="rating_{missing.pk}" value="no"' in html
    assert f'name="rating_{easier.pk}"' not in html  # own words only
    assert "leave out any you do not" in html
    # Only one question answered: saved, the rest not answered.
    response = client.post(url, {f"text_{easier.pk}": "Bigger print, please"})
    assert response.status_code == 302
    client.force_login(seats[1].user)
    client.post(url, {f"rating_{plain.pk}": "yes", f"rating_{missing.pk}": "no"})
    rows = {row["question"].text: row for row in _answers_per_question(review)}
    assert rows["Is it in plain English?"]["counts"] == [1, 0, 0, 0, 0]
    assert rows["Is it in plain English?"]["not_answered"] == 1
    # "Mostly" and "Not really" are not on a yes-or-no scale: not counted, shown as not asked.
    assert rows["Is anything missing?"]["counts"] == [0, None, None, 1, 0]
    assert rows["Is anything missing?"]["not_answered"] == 1
    assert rows["What would make it easier to use?"]["counts"] == [None] * 5
    assert rows["What would make it easier to use?"]["not_answered"] == 1
    # A rating that is not on the question's scale is refused, and the words are kept.
    client.force_login(seats[2].user)
    response = client.post(url, {f"rating_{missing.pk}": "mostly", f"text_{missing.pk}": "Maps"})
    assert response.status_code == 400
    assert "Choose one of the answers to question 2" in response.content.decode()
    assert "Maps" in response.content.decode()


def test_the_round_page_and_the_download_count_unanswered_apart(client, panel_round):
    review, seats, facilitator = panel_round
    plain = review.questions.first()
    client.force_login(seats[0].user)
    client.post(reverse("panels:feedback", args=[review.pk]), {f"text_{plain.pk}": "Short"})
    client.force_login(facilitator)
    html = client.get(reverse("panels:round", args=[review.pk])).content.decode()
    assert "Not answered" in html and "(own words only)" in html
    csv = client.get(reverse("panels:round_csv", args=[review.pk])).content.decode()
    assert "Not answered" in csv


def test_opening_a_round_gives_each_standard_question_its_scale(client, panel_round):
    review, seats, facilitator = panel_round
    client.force_login(facilitator)
    response = client.post(
        reverse("panels:round_new", args=["panel"]),
        {
            "title": "Second leaflet",
            "page": f.home_page().pk,
            "closes_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
            "standard_questions": ["Is anything missing?", "What would make it easier to use?"],
            "extra_questions": "Would you use it?\n",
            "extra_scale": YES_NO,
            "invited": [seats[0].pk],
        },
    )
    assert response.status_code == 302
    new = ReviewRound.objects.get(title="Second leaflet")
    assert [(q.text, q.scale) for q in new.questions.all()] == [
        ("Is anything missing?", YES_NO),
        ("What would make it easier to use?", OWN_WORDS),
        ("Would you use it?", YES_NO),
    ]


def test_a_question_too_long_to_keep_is_refused_with_what_was_typed(client, panel_round):
    """A question is kept in 300 characters: a longer one is a message on the field, with
    everything typed still there, not a database error (as PostgreSQL gave)."""
    _review, seats, facilitator = panel_round
    client.force_login(facilitator)
    long_one = "Would you use it " + "and tell your friends " * 20
    response = client.post(
        reverse("panels:round_new", args=["panel"]),
        {
            "title": "Third leaflet",
            "page": f.home_page().pk,
            "closes_on": (datetime.date.today() + datetime.timedelta(days=3)).isoformat(),
            "extra_questions": f"Is it clear?\n\n{long_one}",
            "extra_scale": YES_NO,
            "invited": [seats[0].pk],
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Keep each question to 300 characters or fewer: your question 2 has" in html
    assert long_one.strip() in html
    assert not ReviewRound.objects.filter(title="Third leaflet").exists()


def test_publishing_before_the_closing_date_says_who_has_not_answered(client, panel_round):
    review, seats, facilitator = panel_round
    plain = review.questions.first()
    client.force_login(seats[0].user)
    client.post(reverse("panels:feedback", args=[review.pk]), {f"rating_{plain.pk}": "yes"})
    client.force_login(facilitator)
    url = reverse("panels:publish_round", args=[review.pk])
    html = client.post(url).content.decode()
    assert "2 invited members have not given feedback yet" in html
    assert seats[1].user.display_name in html and seats[2].user.display_name in html
    assert seats[0].user.display_name not in html.split("Not answered yet")[1]
    review.refresh_from_db()
    assert review.status == ReviewRound.OPEN
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewRound.PUBLISHED


def test_after_the_closing_date_publishing_still_says_what_will_happen_first(client, panel_round):
    review, seats, facilitator = panel_round
    plain = review.questions.first()
    client.force_login(seats[0].user)
    client.post(reverse("panels:feedback", args=[review.pk]), {f"text_{plain.pk}": "Too long"})
    ReviewRound.objects.filter(pk=review.pk).update(
        closes_on=datetime.date.today() - datetime.timedelta(days=1)
    )
    client.force_login(facilitator)
    url = reverse("panels:publish_round", args=[review.pk])
    asked = client.post(url)
    html = asked.content.decode()
    assert asked.status_code == 200 and "Publish “You said, we did”?" in html
    assert "We email the 1 member who gave feedback" in html
    assert "1 point has no response yet." in html and "This cannot be undone." in html
    assert "not given feedback yet" not in html  # closed: nobody else can answer now
    review.refresh_from_db()
    assert review.status == ReviewRound.OPEN
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewRound.PUBLISHED


def test_publishing_twice_tells_members_once_and_a_published_round_says_so(
    client, panel_round, django_capture_on_commit_callbacks, mailoutbox
):
    review, seats, facilitator = panel_round
    plain = review.questions.first()
    client.force_login(seats[0].user)
    client.post(reverse("panels:feedback", args=[review.pk]), {f"text_{plain.pk}": "Clear"})
    client.force_login(facilitator)
    url = reverse("panels:publish_round", args=[review.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "yes"})
        client.post(url, {"confirm": "yes"})
    told = [m for m in mailoutbox if "Your points have been answered" in m.subject]
    assert len(told) == 1
    client.force_login(seats[1].user)
    html = client.get(reverse("panels:feedback", args=[review.pk])).content.decode()
    assert "answers have been published, so it takes no more feedback" in html
    assert "This review closed on" not in html
