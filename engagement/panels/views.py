"""Pages for experts-by-experience panels and review rounds. Thin: parse, ask permissions,
call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from engagement import access
from engagement.core.charts import bar_chart_svg
from engagement.models import OWN_WORDS, Answer, Panel, Payment, PointResponse, ReviewRound
from engagement.panels import reading
from engagement.panels import services as panel_services
from engagement.panels.forms import FeedbackForm, OpenRoundForm, ResponseForm
from site_content.exports import csv_download
from site_content.fields import id_from_query
from site_content.once import once_only


def _round_or_404(pk, user, check=access.can_view_round):
    review_round = get_object_or_404(ReviewRound.objects.select_related("panel", "page"), pk=pk)
    if not check(user, review_round):
        raise Http404("No review here")
    return review_round


def _panel_or_404(slug, user, check=access.can_view_panel):
    panel = get_object_or_404(Panel.objects.select_related("facilitator"), slug=slug)
    if not check(user, panel):
        raise Http404("No panel here")
    return panel


@login_required
def panel_list(request):
    panels = list(access.panels_for(request.user).select_related("facilitator"))
    return render(request, "engagement/panels/panel_list.html", {"panels": panels})


@login_required
def panel_detail(request, slug):
    panel = _panel_or_404(slug, request.user)
    rounds = list(access.rounds_for(request.user, panel))
    by_month: dict[str, int] = {}
    for r in sorted(panel.rounds.all(), key=lambda r: r.created_at):
        label = f"{r.created_at:%b %Y}"
        by_month[label] = by_month.get(label, 0) + 1
    return render(
        request,
        "engagement/panels/panel_detail.html",
        {
            "panel": panel,
            "rounds_chart": bar_chart_svg(
                list(by_month.items()), labelledby="rounds-title rounds-desc"
            ),
            "rounds_by_month": by_month,
            "can_see_finance": access.can_see_panel_finance(request.user, panel),
            "my_seat": access.panel_seat(request.user, panel),
            "members": panel.members.select_related("user").prefetch_related("training"),
            "rounds": rounds,
            "can_open": access.can_open_round(request.user, panel),
        },
    )


@login_required
@once_only
def round_new(request, slug):
    panel = _panel_or_404(slug, request.user, access.can_open_round)
    form = OpenRoundForm(request.POST or None, request.FILES or None, panel=panel)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        review_round = panel_services.open_round(
            panel=panel,
            creator=request.user,
            data={
                "title": form.cleaned_data["title"],
                "introduction": form.cleaned_data["introduction"],
                "document": upload,
                "document_name": upload.name if upload else "",
                "easy_read_document": form.cleaned_data["easy_read_document"],
                "easy_read_document_name": (
                    form.cleaned_data["easy_read_document"].name
                    if form.cleaned_data["easy_read_document"]
                    else ""
                ),
                "page": form.cleaned_data["page"],
                "closes_on": form.cleaned_data["closes_on"],
                "public": form.cleaned_data["public"],
            },
            questions=form.questions(),
            invited=list(form.cleaned_data["invited"]),
        )
        messages.success(request, "The review is open. Invited members have been emailed.")
        return redirect("panels:round", review_round.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "engagement/panels/round_form.html", {"panel": panel, "form": form}, status=status
    )


def _answers_per_question(review_round):
    """For each question: how many chose each word of the scale (None where the question's
    scale does not have it), and how many left it unanswered, counted apart."""
    from django.db.models import Count, Q

    counts = {}
    for row in (
        Answer.objects.filter(feedback__round=review_round)
        .values("question_id", "rating")
        .annotate(n=Count("pk"), words=Count("pk", filter=~Q(text="")))
    ):
        counts[(row["question_id"], row["rating"])] = row
    rows = []
    for q in review_round.questions.all():
        on_scale = {value for value, _ in q.choices}
        cells = [
            counts.get((q.pk, value), {}).get("n", 0) if value in on_scale else None
            for value, _ in Answer.RATING_CHOICES
        ]
        blank = counts.get((q.pk, ""), {})
        # A scale left empty is not answered; an own-words question is, when it has words.
        if q.scale == OWN_WORDS:
            given = sum(r["n"] for (qid, _), r in counts.items() if qid == q.pk)
            not_answered = given - sum(r["words"] for (qid, _), r in counts.items() if qid == q.pk)
        else:
            not_answered = blank.get("n", 0)
        rows.append({"question": q, "counts": cells, "not_answered": not_answered})
    return rows


@login_required
def round_detail(request, pk):
    review_round = _round_or_404(pk, request.user)
    user = request.user
    see_all = access.can_see_all_feedback(user, review_round)
    seat = access.panel_seat(user, review_round.panel)
    feedback = review_round.feedback.select_related("member__user").prefetch_related(
        "answers__question", "answers__response"
    )
    if not see_all:
        feedback = feedback.filter(member=seat)
    # The plain English check is the team's, to improve what they send; members read the
    # document and give their own view.
    figures, unreadable = reading.readability_of(review_round) if see_all else (None, None)
    easy_figures, easy_unreadable = (
        reading.easy_read_readability(review_round) if see_all else (None, None)
    )
    per_question = _answers_per_question(review_round) if see_all else []
    return render(
        request,
        "engagement/panels/round_detail.html",
        {
            "round": review_round,
            "feedback": feedback,
            "see_all": see_all,
            "my_feedback_given": seat is not None
            and review_round.feedback.filter(member=seat).exists(),
            "can_give": access.can_give_feedback(user, review_round) and review_round.is_open(),
            "is_facilitator": access.is_facilitator(user, review_round.panel),
            "can_respond": access.can_respond(user, review_round),
            "figures": figures,
            "unreadable": unreadable,
            "easy_figures": easy_figures,
            "easy_unreadable": easy_unreadable,
            "per_question": per_question,
            "ratings": Answer.RATING_CHOICES,
            "stats": panel_services.round_figures(review_round) if see_all else None,
        },
    )


@login_required
def round_document(request, pk):
    review_round = _round_or_404(pk, request.user)
    if request.GET.get("version") == "easy-read":
        field, name = review_round.easy_read_document, review_round.easy_read_document_name
    else:
        field, name = review_round.document, review_round.document_name
    if not field:
        raise Http404("No document")
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@login_required
def give_feedback(request, pk):
    review_round = _round_or_404(pk, request.user, access.can_give_feedback)
    seat = access.panel_seat(request.user, review_round.panel)
    invited_self = access.is_invited(request.user, review_round)
    on_behalf = not invited_self or request.GET.get("for") == "member"
    if on_behalf and not access.is_facilitator(request.user, review_round.panel):
        raise Http404("No review here")
    data = request.POST if request.method == "POST" else None
    form = FeedbackForm(data, review_round=review_round, on_behalf=on_behalf)
    given = None
    if not on_behalf:
        # Their feedback is already in: the page shows it (never an empty form to fill in).
        given = (
            review_round.feedback.filter(member=seat).prefetch_related("answers__question").first()
        )
    status = 200
    if request.method == "POST" and given is not None:
        status = 409
    elif request.method == "POST":
        status = 400
        if form.is_valid():
            member = form.cleaned_data["member"] if on_behalf else seat
            try:
                panel_services.submit_feedback(
                    review_round=review_round,
                    member=member,
                    answers=form.answers(),
                    entered_by=request.user,
                    how_given=form.cleaned_data["how_given"] if on_behalf else "online",
                )
            except panel_services.FeedbackRefused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"{member.user.display_name}'s feedback has been saved."
                    if on_behalf
                    else "Thank you. Your feedback has been saved.",
                )
                return redirect("panels:round", review_round.pk)
    return render(
        request,
        "engagement/panels/feedback_form.html",
        {
            "round": review_round,
            "form": form,
            "on_behalf": on_behalf,
            "closed": not review_round.is_open(),
            "given": given,
        },
        status=status,
    )


@login_required
@once_only
def respond(request, pk, answer_pk):
    review_round = _round_or_404(pk, request.user, access.can_respond)
    answer = get_object_or_404(
        Answer.objects.select_related("question", "feedback__member__user"),
        pk=answer_pk,
        feedback__round=review_round,
    )
    existing = PointResponse.objects.filter(answer=answer).first()
    initial = (
        {
            "decision": existing.decision,
            "reason": existing.reason,
            "what_changed": existing.what_changed,
        }
        if existing
        else None
    )
    form = ResponseForm(request.POST or None, initial=initial, review_round=review_round)
    if request.method == "POST" and form.is_valid():
        panel_services.respond_to_point(
            answer=answer,
            responder=request.user,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            what_changed=form.cleaned_data["what_changed"],
            make_action=form.cleaned_data.get("make_action", False),
            action_owner=form.cleaned_data.get("owner"),
            action_locality=form.cleaned_data.get("action_locality"),
        )
        messages.success(request, "Your response has been saved.")
        return redirect("panels:round", review_round.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "engagement/panels/response_form.html",
        {"round": review_round, "answer": answer, "form": form},
        status=status,
    )


@require_POST
@login_required
def publish(request, pk):
    review_round = _round_or_404(pk, request.user, access.can_respond)
    # Publishing tells every member and cannot be taken back: say what will happen (and,
    # before the closing date, who has not answered yet) and ask first.
    if request.POST.get("confirm") != "yes" and review_round.status != ReviewRound.PUBLISHED:
        return render(
            request,
            "engagement/panels/publish_confirm.html",
            {
                "round": review_round,
                "waiting": (
                    panel_services.not_answered(review_round) if review_round.is_open() else []
                ),
                **panel_services.before_publishing(review_round),
            },
        )
    panel_services.publish_responses(review_round=review_round)
    messages.success(request, "“You said, we did” is published. Members have been told.")
    return redirect("panels:you_said", review_round.pk)


def you_said(request, pk):
    """Public when the programme chose it; otherwise for the round's people. No login needed
    for a public round."""
    review_round = get_object_or_404(ReviewRound.objects.select_related("panel"), pk=pk)
    if not access.can_view_responses(request.user, review_round):
        raise Http404("No review here")
    answers = (
        Answer.objects.filter(feedback__round=review_round)
        .exclude(text="")
        .select_related("question", "response", "response__action", "feedback__member__user")
        .order_by("question__position", "pk")
    )
    return render(
        request, "engagement/panels/you_said.html", {"round": review_round, "answers": answers}
    )


@login_required
def round_csv(request, pk):
    """Every answer of a round, for the facilitator and the programme team."""
    review_round = _round_or_404(pk, request.user, access.can_see_all_feedback)
    answers = (
        Answer.objects.filter(feedback__round=review_round)
        .select_related("question", "feedback__member__user", "response")
        .order_by("question__position", "feedback__member__user__first_name", "pk")
    )

    def row(a):
        r = getattr(a, "response", None)
        return [
            a.feedback.member.user.display_name,
            a.feedback.get_how_given_display(),
            a.question.text,
            a.rating_label,
            a.text,
            r.get_decision_display() if r else "",
            r.what_changed if r else "",
            r.reason if r else "",
        ]

    return csv_download(
        request,
        filename=f"review-{review_round.pk}.csv",
        header=[
            "Member",
            "How given",
            "Question",
            "Answer",
            "Comment",
            "Decision",
            "What changed",
            "Reason",
        ],
        rows=(row(a) for a in answers),
        what=f"Answers CSV of review “{review_round.title}”",
    )


@login_required
def involvement_report(request, slug):
    panel = _panel_or_404(slug, request.user, access.can_see_panel_finance)
    may_mark_paid = access.can_mark_paid(request.user, panel)
    if request.method == "POST":
        if not may_mark_paid:
            raise PermissionDenied("Only the panel's facilitator marks payments made.")
        payment = get_object_or_404(
            Payment, pk=id_from_query(request.POST.get("payment")), member__panel=panel
        )
        panel_services.mark_paid(payment=payment)
        messages.success(request, f"Marked as paid: {payment}.")
        return redirect("panels:involvement", panel.slug)
    rows = panel_services.involvement_summary(panel)
    if request.GET.get("format") == "csv":
        return csv_download(
            request,
            filename=f"{panel.slug}-involvement.csv",
            header=["Member", "Email", "Reviews answered", "Hours", "Owed", "Paid", "Unpaid"],
            rows=(
                [
                    r["member"].user.display_name,
                    r["member"].user.email,
                    r["reviews"],
                    f"{r['hours']:.2f}",
                ]
                + [f"{r[k]:.2f}" for k in ("owed", "paid", "unpaid")]
                for r in rows
            ),
            what=f"Involvement CSV of {panel.name}",
        )
    unpaid = Payment.objects.filter(member__panel=panel, paid_on__isnull=True).select_related(
        "member__user"
    )
    return render(
        request,
        "engagement/panels/involvement.html",
        {"panel": panel, "rows": rows, "unpaid": unpaid, "may_mark_paid": may_mark_paid},
    )


@login_required
def my_involvement(request, slug):
    panel = _panel_or_404(slug, request.user)
    seat = access.panel_seat(request.user, panel)
    if seat is None:
        raise Http404("You are not on this panel")
    return render(
        request,
        "engagement/panels/my_involvement.html",
        {
            "panel": panel,
            "involvement": seat.involvement.all(),
            "payments": seat.payments.all(),
            "summary": next(
                r for r in panel_services.involvement_summary(panel) if r["member"] == seat
            ),
        },
    )
