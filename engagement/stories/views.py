"""Appreciative inquiry pages. Public: tell a story (no account), the thank-you page, the
paper form, the storyteller's private link. Workspace: analysis, stories, coding, facilitated
entry, propositions and actions, the report, CSV and the letter list."""

from __future__ import annotations

import json

from allauth.core import ratelimit
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from engagement import access
from engagement.core.charts import bar_chart_svg
from engagement.core.guarded import guarded
from engagement.models import InquiryPage, InquiryTheme, LocalityPage, Proposition, Story
from engagement.stories import services
from engagement.stories.forms import (
    ConsentForm,
    FacilitatedStoryForm,
    StoryForm,
    clean_text,
)
from engagement.workspace.hub import ActionFromForm, action_lists_for
from site_content.exports import csv_download

RATE_LIMITED = (
    "You have sent a lot of stories from this connection in a short time, so we cannot take "
    "this one just now. Nothing you typed has been lost: please try again in an hour, or ask "
    "the person who runs this inquiry to help."
)


def _inquiry(page_id) -> InquiryPage:
    return get_object_or_404(InquiryPage.objects.live().public(), pk=page_id)


# --- Public ------------------------------------------------------------------------------


def tell(request, page_id):
    inquiry = _inquiry(page_id)
    inquiry.strength_choices()
    if not inquiry.is_open():
        return render(request, "engagement/stories/closed.html", {"inquiry": inquiry}, status=200)
    form = StoryForm(request.POST or None, request.FILES or None, inquiry=inquiry)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            # Dropped quietly: a bot learns nothing from the answer.
            return redirect("stories:thanks", inquiry.pk)
        status = 400
        if form.is_valid():
            if not ratelimit.consume(request, action="story_submit"):
                form.add_error(None, RATE_LIMITED)
                status = 429
            else:
                story = services.receive_story(
                    inquiry=inquiry, data=form.cleaned_data, files=request.FILES, request=request
                )
                request.session["story_sent"] = {"inquiry": inquiry.pk, "email": bool(story.email)}
                return redirect("stories:thanks", inquiry.pk)
    return render(
        request,
        "engagement/stories/tell.html",
        {"inquiry": inquiry, "form": form, "files_lost": bool(request.FILES)},
        status=status,
    )


def thanks(request, page_id):
    inquiry = _inquiry(page_id)
    sent = request.session.pop("story_sent", None) or {}
    return render(
        request,
        "engagement/stories/thanks.html",
        {"inquiry": inquiry, "emailed": sent.get("inquiry") == inquiry.pk and sent.get("email")},
    )


def paper_form(request, page_id):
    inquiry = _inquiry(page_id)
    return render(
        request,
        "engagement/stories/paper_form.html",
        {
            "inquiry": inquiry,
            "strengths": inquiry.strength_choices(),
            "feelings": Story.FEELING_CHOICES,
            "tellers": Story.TELLER_CHOICES,
        },
    )


def _my_story(token) -> Story | None:
    story = Story.objects.select_related("inquiry").filter(token=token).first()
    if story is None or not story.link_is_usable:
        return None
    return story


def mine(request, token):
    story = _my_story(token)
    if story is None:
        return render(request, "engagement/stories/link_not_found.html", status=404)
    form = ConsentForm(
        request.POST if request.POST.get("action") == "consent" else None,
        initial={
            "consent_quote": story.consent_quote,
            "consent_first_name": story.consent_first_name,
        },
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "consent":
                if form.is_valid():
                    services.change_consent(
                        story,
                        quote=form.cleaned_data["consent_quote"],
                        first_name=form.cleaned_data["consent_first_name"],
                        request=request,
                    )
                    messages.success(request, "Thank you. We have saved how we may use your story.")
                    return redirect("stories:mine", token)
                status = 400
            elif action == "withdraw":
                if request.POST.get("confirm") != "yes":
                    return render(
                        request, "engagement/stories/withdraw.html", {"story": story}, status=200
                    )
                services.withdraw(story, request=request)
                messages.success(
                    request,
                    "Your story has been taken back. It has gone from this website now, and it "
                    "will be gone from the published guide the next time the guide is built.",
                )
                return redirect("stories:mine", token)
            elif action == "download":
                return _download_my_story(request, story)
        except services.StoryRefused as exc:
            messages.error(request, str(exc))
            return redirect("stories:mine", token)
    return render(
        request, "engagement/stories/mine.html", {"story": story, "form": form}, status=status
    )


def _download_my_story(request, story) -> HttpResponse:
    data = {
        "reference": story.reference,
        "inquiry": story.inquiry.title,
        "sent": timezone.localtime(story.created_at).isoformat(),
        "status": story.get_status_display(),
        "your story": story.text,
        "what made it good": story.what_made_it_good,
        "ticked": [s.name for s in story.strengths.all()],
        "how it felt": story.get_feeling_display(),
        "who you are": story.get_teller_display(),
        "first name": story.first_name,
        "email": story.email,
        "may be read for learning": story.consent_learning,
        "may be quoted without your name": story.consent_quote,
        "may show your first name": story.consent_first_name,
        "public version": story.redacted_text if story.status == Story.PUBLISHABLE else "",
        "history": [
            {"when": c.at.isoformat(), "what": c.what, "from": c.from_value, "to": c.to_value}
            for c in story.changes.all()
        ],
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="my-story-{story.reference}.json"'
    return response


# --- Workspace: the inquiry team ---------------------------------------------------------


def inquiry_view(check=access.can_analyse_inquiry):
    """Load the inquiry from the URL; 404 unless ``check(user, inquiry)``."""
    return guarded(
        lambda pk: InquiryPage.objects.filter(pk=pk).select_related("programme").first(),
        check,
        param="page_id",
        missing="No inquiry here",
    )


def _filters(request, inquiry):
    try:
        locality_id = int(request.GET.get("locality") or 0) or None
    except ValueError:
        locality_id = None
    teller = request.GET.get("teller", "")
    if teller not in dict(Story.TELLER_CHOICES):
        teller = ""
    return locality_id, teller


def _localities(inquiry):
    return LocalityPage.objects.filter(programme_id=inquiry.programme_id).live().order_by("title")


@inquiry_view()
def analysis(request, inquiry):
    locality_id, teller = _filters(request, inquiry)
    figures = services.analysis(inquiry, locality_id=locality_id, teller=teller)
    return render(
        request,
        "engagement/stories/analysis.html",
        {
            "inquiry": inquiry,
            "figures": figures,
            "theme_chart": bar_chart_svg(
                [(t.name, t.n) for t in figures["themes"]], labelledby="themes-caption"
            ),
            "tick_chart": bar_chart_svg(
                [(s.name, s.n) for s in figures["ticks"]],
                labelledby="ticks-caption",
                bar_class="bar bar--alt",
            ),
            "localities": _localities(inquiry),
            "tellers": Story.TELLER_CHOICES,
            "locality_id": locality_id,
            "teller": teller,
            "propositions": inquiry.propositions.prefetch_related("themes"),
            "themes": InquiryTheme.objects.filter(inquiry=inquiry),
            "waiting": Story.objects.filter(
                inquiry=inquiry, status__in=[Story.RECEIVED, Story.IN_REVIEW]
            ).count(),
            "can_moderate": access.can_moderate_stories(request.user, inquiry),
        },
    )


@inquiry_view()
def story_list(request, inquiry):
    locality_id, teller = _filters(request, inquiry)
    stories = (
        Story.objects.approved()
        .filter(inquiry=inquiry)
        .select_related("locality")
        .prefetch_related("themes")
    )
    if locality_id:
        stories = stories.filter(locality_id=locality_id)
    if teller:
        stories = stories.filter(teller=teller)
    page = Paginator(stories, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/stories/story_list.html",
        {
            "inquiry": inquiry,
            "page": page,
            "show_details": access.can_see_storyteller_details(request.user, inquiry),
            "localities": _localities(inquiry),
            "tellers": Story.TELLER_CHOICES,
            "locality_id": locality_id,
            "teller": teller,
        },
    )


@inquiry_view()
def story_detail(request, inquiry, pk):
    story = get_object_or_404(Story.objects.approved().filter(inquiry=inquiry), pk=pk)
    themes = InquiryTheme.objects.filter(inquiry=inquiry)
    if request.method == "POST":
        ids = [int(x) for x in request.POST.getlist("themes") if x.isdigit()]
        new = clean_text(request.POST.get("new_theme", ""))[:120]
        if new:
            theme, _ = InquiryTheme.objects.get_or_create(inquiry=inquiry, name=new)
            ids.append(theme.pk)
        services.code_story(story, ids, by=request.user)
        messages.success(request, f"Themes saved for story {story.reference}.")
        return redirect("inquiries:story", inquiry.pk, story.pk)
    return render(
        request,
        "engagement/stories/story_detail.html",
        {
            "inquiry": inquiry,
            "story": story,
            "themes": themes,
            "chosen": set(story.themes.values_list("pk", flat=True)),
            "show_details": access.can_see_storyteller_details(request.user, inquiry),
        },
    )


@inquiry_view()
def story_file(request, inquiry, pk, field):
    """A story's recording, picture or scan, only through this check."""
    from django.http import FileResponse

    story = get_object_or_404(Story.objects.approved().filter(inquiry=inquiry), pk=pk)
    if field not in ("recording", "picture", "scan") or not getattr(story, field):
        raise Http404("No file")
    handle = getattr(story, field)
    return FileResponse(
        handle.open("rb"), as_attachment=True, filename=f"{story.reference}-{field}"
    )


@inquiry_view(access.can_enter_story)
def story_add(request, inquiry):
    inquiry.strength_choices()
    form = FacilitatedStoryForm(request.POST or None, request.FILES or None, inquiry=inquiry)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            story = services.receive_story(
                inquiry=inquiry,
                data=form.cleaned_data,
                files=request.FILES,
                entered_by=request.user,
                request=request,
            )
            messages.success(
                request,
                f"Story {story.reference} is saved. It goes to the moderators before the team "
                "can use it.",
            )
            return redirect("inquiries:analysis", inquiry.pk)
    return render(
        request,
        "engagement/stories/story_add.html",
        {"inquiry": inquiry, "form": form, "files_lost": bool(request.FILES)},
        status=status,
    )


@require_POST
@inquiry_view()
def theme_add(request, inquiry):
    name = clean_text(request.POST.get("name", ""))[:120]
    if not name:
        messages.error(request, "Enter a name for the theme.")
    else:
        InquiryTheme.objects.get_or_create(
            inquiry=inquiry,
            name=name,
            defaults={"description": clean_text(request.POST.get("description", ""))},
        )
        messages.success(request, f"Theme “{name}” added.")
    return redirect(reverse("inquiries:analysis", args=[inquiry.pk]) + "#themes")


@require_POST
@inquiry_view()
def proposition_add(request, inquiry):
    text = clean_text(request.POST.get("text", ""))
    if not text:
        messages.error(request, "Write the proposition: what could be, if good happened more.")
    elif len(text) > 2000:
        messages.error(request, "Keep the proposition to 2,000 characters or fewer.")
    else:
        ids = [int(x) for x in request.POST.getlist("themes") if x.isdigit()]
        services.add_proposition(inquiry, text=text, theme_ids=ids, by=request.user)
        messages.success(request, "Proposition added.")
    return redirect(reverse("inquiries:analysis", args=[inquiry.pk]) + "#propositions")


@inquiry_view()
def proposition_action(request, inquiry, pk):
    proposition = get_object_or_404(Proposition, inquiry=inquiry, pk=pk)
    form = ActionFromForm(
        request.POST or None,
        localities=action_lists_for(request.user, _localities(inquiry)),
        initial={"title": proposition.text[:200], "locality": inquiry.locality_id},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.action_from_proposition(
            proposition,
            locality=data["locality"],
            title=data["title"],
            owner=data["owner"],
            due_date=data["due_date"],
            by=request.user,
        )
        messages.success(request, f"Action added to {data['locality'].title}'s list.")
        return redirect(reverse("inquiries:analysis", args=[inquiry.pk]) + "#propositions")
    return render(
        request,
        "engagement/stories/proposition_action.html",
        {"inquiry": inquiry, "proposition": proposition, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@inquiry_view()
def report(request, inquiry):
    figures = services.analysis(inquiry)
    return render(
        request,
        "engagement/stories/report.html",
        {
            "inquiry": inquiry,
            "figures": figures,
            "theme_chart": bar_chart_svg(
                [(t.name, t.n) for t in figures["themes"]], labelledby="themes-caption"
            ),
            "quotes": Story.objects.publishable().filter(inquiry=inquiry).order_by("pk"),
            "propositions": inquiry.propositions.prefetch_related("themes"),
            "actions": services.actions_of(inquiry),
        },
    )


@inquiry_view()
def stories_csv(request, inquiry):
    details = access.can_see_storyteller_details(request.user, inquiry)
    header = [
        "reference",
        "received",
        "status",
        "who",
        "locality",
        "setting",
        "how it felt",
        "what made it good (ticked)",
        "what made it good (own words)",
        "themes",
        "story",
        "collected",
        "may be quoted",
    ]
    if details:
        header += ["first name", "email", "postal address", "consent given on their behalf by"]
    stories = (
        Story.objects.approved()
        .filter(inquiry=inquiry)
        .select_related("locality")
        .prefetch_related("themes", "strengths")
        .order_by("pk")
    )

    def rows():
        for s in stories.iterator(chunk_size=500):
            row = [
                s.reference,
                timezone.localtime(s.created_at).date().isoformat(),
                s.get_status_display(),
                s.get_teller_display(),
                s.locality.title if s.locality else "",
                s.get_setting_display(),
                s.get_feeling_display(),
                "; ".join(x.name for x in s.strengths.all()),
                s.what_made_it_good,
                "; ".join(t.name for t in s.themes.all()),
                s.text,
                s.get_collected_display(),
                "yes" if s.consent_quote else "no",
            ]
            if details:
                row += [
                    s.first_name,
                    s.email,
                    s.postal_address,
                    f"{s.consenter_name} ({s.consenter_relationship})" if s.on_behalf else "",
                ]
            yield row

    return csv_download(
        request,
        filename=f"{inquiry.slug}-stories.csv",
        header=header,
        rows=rows(),
        what=f"Stories of {inquiry.title}" + (" with personal details" if details else ""),
    )


@inquiry_view(access.can_see_storyteller_details)
def letters(request, inquiry):
    """Storytellers to write to about done actions: those who left no email."""
    done = [a for a in services.actions_of(inquiry) if a.status == a.DONE]
    rows = []
    for action in done:
        for story in services.informed_by(action):
            if not story.email:
                rows.append((action, story))
    return render(request, "engagement/stories/letters.html", {"inquiry": inquiry, "rows": rows})
