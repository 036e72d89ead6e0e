"""The demo's experts-by-experience panel: members with their training, a review round of
the About page, feedback, and one point answered ("you said, we did")."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from engagement.demo.people import demo_user
from engagement.models import (
    Answer,
    LocalityPage,
    MemberTraining,
    Panel,
    PanelMember,
    PointResponse,
    ProgrammePage,
    ProgrammeRole,
)
from engagement.panels import services as panel_services
from site_content.models import StandardPage


def load(stdout) -> None:
    programme = ProgrammePage.objects.first()
    localities = list(LocalityPage.objects.filter(programme=programme).order_by("path"))
    if programme is None or not localities:
        return
    if Panel.objects.filter(slug="living-well-experts").exists():
        return
    facilitator = demo_user("facilitator@example.org", "Grace", "Fenwick")
    ProgrammeRole.objects.get_or_create(
        programme=programme, user=facilitator, defaults={"role": ProgrammeRole.TEAM}
    )
    panel = Panel.objects.create(
        programme=programme,
        locality=localities[0],
        name="Living Well experts panel",
        slug="living-well-experts",
        facilitator=facilitator,
        chair="Iris Coldwell (independent)",
        description="Older people and carers who check our leaflets, processes and guides.",
    )
    people = [get_user_model().objects.get(email="expert@example.org")]
    people += [
        demo_user(f"panel{i}@example.org", first, last)
        for i, (first, last) in enumerate([("Walter", "Brook"), ("Nora", "Pike")], 1)
    ]
    seats = []
    for i, person in enumerate(people):
        ProgrammeRole.objects.get_or_create(
            programme=programme, user=person, defaults={"role": ProgrammeRole.EXPERT}
        )
        seat = PanelMember.objects.create(
            panel=panel,
            user=person,
            show_name_publicly=i == 0,
            boards="Adult social care partnership board" if i == 0 else "",
        )
        MemberTraining.objects.create(
            member=seat,
            name="Reviewing information for the public",
            completed_on=datetime.date(2026, 5, 14),
        )
        seats.append(seat)
    about = StandardPage.objects.get(slug="about")
    review = panel_services.open_round(
        panel=panel,
        creator=facilitator,
        data={
            "title": "Is the About page clear?",
            "introduction": "Please read the About page.",
            "page": about,
            "closes_on": timezone.localdate() + datetime.timedelta(weeks=16),
        },
        questions=["Is it in plain English?", "Is anything missing?"],
        invited=seats,
    )
    q1, q2 = list(review.questions.all())
    panel_services.submit_feedback(
        review_round=review,
        member=seats[0],
        entered_by=seats[0].user,
        how_given="online",
        answers={
            q1.pk: ("mostly", "The word co-production needs explaining."),
            q2.pk: ("yes", "Say who to phone if you cannot use the website."),
        },
    )
    first = Answer.objects.get(feedback__round=review, question=q1)
    panel_services.respond_to_point(
        answer=first,
        responder=facilitator,
        decision=PointResponse.ACCEPTED,
        reason="",
        what_changed="We added a short explanation of co-production.",
    )
    stdout.write(f"  {panel.name}: {len(seats)} members, one review round.")
