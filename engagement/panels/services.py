"""State changes for review rounds. Each runs in one transaction; views call these."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    AGREEMENT,
    Action,
    Answer,
    Feedback,
    Involvement,
    Payment,
    PointResponse,
    ReviewRound,
    RoundQuestion,
)
from engagement.workspace.hub import action_from
from site_content.links import absolute_url
from site_content.mail import queue_email


class FeedbackRefused(Exception):
    """Feedback cannot be taken; the message says why in plain words."""


@transaction.atomic
def open_round(*, panel, creator, data: dict, questions: list, invited) -> ReviewRound:
    review_round = ReviewRound.objects.create(panel=panel, created_by=creator, **data)
    for position, question in enumerate(questions):
        text, scale = (question, AGREEMENT) if isinstance(question, str) else question
        RoundQuestion.objects.create(round=review_round, text=text, scale=scale, position=position)
    review_round.invited.set(invited)
    url = absolute_url(reverse("panels:round", args=[review_round.pk]))
    for member in invited:
        queue_email(
            member.user.email,
            f"Please review: {review_round.title}",
            f"Hello {member.user.first_name or ''},\n\nThe {panel.name} has a new review: "
            f"“{review_round.title}”.\nPlease give your feedback by "
            f"{review_round.closes_on:%-d %B %Y}:\n{url}\n\nThank you.",
        )
    return review_round


@transaction.atomic
def submit_feedback(*, review_round, member, answers: dict, entered_by, how_given) -> Feedback:
    """``answers`` maps question id to (rating, text)."""
    if not review_round.is_open():
        raise FeedbackRefused(
            f"This review closed on {review_round.closes_on:%-d %B %Y}. "
            "Contact the facilitator if you still want to give feedback."
        )
    if not review_round.invited.filter(pk=member.pk).exists():
        raise FeedbackRefused("Only panel members invited to this review can give feedback.")
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                round=review_round, member=member, entered_by=entered_by, how_given=how_given
            )
    except IntegrityError as exc:
        raise FeedbackRefused("Feedback from this member has already been given.") from exc
    involvement = Involvement.objects.create(
        member=member,
        kind=Involvement.REVIEW,
        review_round=review_round,
        note=f"Answered “{review_round.title}”",
    )
    Payment.objects.create(
        member=member,
        involvement=involvement,
        kind=Payment.FEE,
        amount=Decimal(settings.PANEL_REVIEW_FEE),
    )
    questions = {q.pk: q for q in review_round.questions.all()}
    Answer.objects.bulk_create(
        Answer(feedback=feedback, question=questions[qid], rating=rating, text=text)
        for qid, (rating, text) in answers.items()
        if qid in questions
    )
    return feedback


@transaction.atomic
def respond_to_point(
    *,
    answer,
    responder,
    decision,
    reason,
    what_changed,
    make_action=False,
    action_owner=None,
    action_locality=None,
) -> PointResponse:
    review_round = answer.feedback.round
    response = PointResponse.record(
        answer=answer, by=responder, decision=decision, reason=reason, what_changed=what_changed
    )
    if make_action and response.action_id is None and decision != PointResponse.NOT_ACCEPTED:
        locality = action_locality or review_round.panel.locality
        if locality is not None:
            response.action = action_from(
                answer,
                locality=locality,
                title=f"Panel feedback: {answer.text[:150] or answer.question.text}",
                by=responder,
                description=what_changed,
                owner=action_owner,
                note=f"Review round “{review_round.title}”",
            )
            response.save(update_fields=["action"])
    return response


@transaction.atomic
def publish_responses(*, review_round) -> ReviewRound:
    """Publish "You said, we did" and tell the members, once: publishing again (a double
    click, a resubmitted form) changes nothing and sends nothing."""
    review_round = ReviewRound.objects.select_for_update().get(pk=review_round.pk)
    if review_round.status == ReviewRound.PUBLISHED:
        return review_round
    review_round.status = ReviewRound.PUBLISHED
    review_round.save(update_fields=["status"])
    url = absolute_url(reverse("panels:you_said", args=[review_round.pk]))
    emails = sorted(
        {f.member.user.email for f in review_round.feedback.select_related("member__user")}
    )
    for email in emails:
        queue_email(
            email,
            f"Your points have been answered: {review_round.title}",
            f"Thank you for your feedback on {review_round.title}.\n"
            f"You can read what we did about each point here:\n{url}",
        )
    return review_round


def before_publishing(review_round) -> dict:
    """What publishing will do, for the page that asks first: how many members are told, and
    how many points (answers with words) have no response yet."""
    points = Answer.objects.filter(feedback__round=review_round).exclude(text="")
    return {
        "told": review_round.feedback.values("member__user_id").distinct().count(),
        "unanswered_points": points.filter(response__isnull=True).count(),
    }


def not_answered(review_round) -> list:
    """The invited members who have not given feedback yet."""
    given = review_round.feedback.values("member_id")
    return list(
        review_round.invited.exclude(pk__in=given)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def round_figures(review_round) -> dict:
    invited = review_round.invited.count()
    given = review_round.feedback.count()
    answers = Answer.objects.filter(feedback__round=review_round).exclude(text="")
    responses = PointResponse.objects.filter(answer__feedback__round=review_round)
    return {
        "invited": invited,
        "given": given,
        "response_rate": round(100 * given / invited) if invited else 0,
        "points": answers.count(),
        "answered": responses.count(),
        "accepted": responses.exclude(decision=PointResponse.NOT_ACCEPTED).count(),
        "done": responses.filter(action__status=Action.DONE).count(),
        "open": answers.count() - responses.count(),
        "today": timezone.localdate(),
    }


@transaction.atomic
def mark_paid(*, payment, on=None) -> Payment:
    payment.paid_on = on or timezone.localdate()
    payment.save(update_fields=["paid_on"])
    return payment


def involvement_summary(panel) -> list[dict]:
    """Per member: reviews answered, hours given, and money owed and paid (finance report)."""
    time_given = {
        row["member"]: row
        for row in Involvement.objects.filter(member__panel=panel)
        .values("member")
        .annotate(hours=Sum("hours"), reviews=Count("pk", filter=Q(kind=Involvement.REVIEW)))
    }
    money = {
        row["member"]: row
        for row in Payment.objects.filter(member__panel=panel)
        .values("member")
        .annotate(owed=Sum("amount"), paid=Sum("amount", filter=Q(paid_on__isnull=False)))
    }
    rows = []
    for m in panel.members.select_related("user"):
        t, p = time_given.get(m.pk, {}), money.get(m.pk, {})
        owed, paid = p.get("owed") or Decimal(0), p.get("paid") or Decimal(0)
        rows.append(
            {
                "member": m,
                "reviews": t.get("reviews", 0),
                "hours": t.get("hours") or Decimal(0),
                "owed": owed,
                "paid": paid,
                "unpaid": owed - paid,
            }
        )
    return rows
