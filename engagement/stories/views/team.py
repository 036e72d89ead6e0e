"""The inquiry team's pages: analysis, stories and coding, propositions, report, CSV, letters."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from engagement import access
from engagement.core.charts import bar_chart_svg
from engagement.core.guarded import guarded
from engagement.models import InquiryPage, InquiryTheme, LocalityPage, Proposition, Story
from engagement.stories import figures, learning, services
from engagement.stories.forms import (
    FacilitatedStoryForm,
    NewThemeForm,
    PropositionForm,
    ThemeForm,
)
from engagement.workspace.hub import ActionFromForm, action_lists_for
from site_content.exports import csv_download
from site_content.fields import id_from_query, ids_from_query
from site_content.once import once_only


def inquiry_view(check=access.can_analyse_inquiry):
    """Load the inquiry from the URL; 404 unless ``check(user, inquiry)``."""
    return guarded(
        lambda pk: InquiryPage.objects.filter(pk=pk).select_related("programme").first(),
        check,
        param="page_id",
        missing="No inquiry here",
    )


def _teller_choices(inquiry) -> list[tuple[str, str]]:
    """The programme's "Who are you?" choices, then any its stories were told under that
    have since left the list, so older stories can still be filtered."""
    choices = dict(inquiry.teller_choices())
    for value in figures.tellers(inquiry):
        label = Story.OLD_TELLERS.get(value, value)
        choices.setdefault(label, label)
    return list(choices.items())


def _filters(request, tellers):
    locality_id = id_from_query(request.GET.get("locality")) or None
    teller = request.GET.get("teller", "")
    teller = Story.OLD_TELLERS.get(teller, teller)  # an address saved before the lists
    if teller not in dict(tellers):
        teller = ""
    return locality_id, teller


def _what_they_read(user, inquiry) -> dict:
    """Which parts of the stories this person reads (engagement.access.STORY_READERS)."""
    parts = access.story_parts_for(user, inquiry)
    return {
        "show_details": "storyteller's details" in parts,
        "show_original": "original text" in parts,
        "show_own_words": "own words about what made it good" in parts,
        "show_files": "recordings and pictures" in parts,
        "show_scans": "paper forms and interview recordings" in parts,
    }


def _localities(inquiry):
    return LocalityPage.objects.filter(programme_id=inquiry.programme_id).live().order_by("title")


def _locality_choices(inquiry):
    """The filter's localities: a programme of a hundred needs no hundred page objects."""
    return _localities(inquiry).values("pk", "title")


@inquiry_view()
def analysis(request, inquiry):
    return _analysis_page(request, inquiry)


def _analysis_page(request, inquiry, *, theme_form=None, proposition_form=None):
    """The analysis page; with a form sent back, its errors and what was typed (400)."""
    tellers = _teller_choices(inquiry)
    locality_id, teller = _filters(request, tellers)
    found = learning.analysis(inquiry, locality_id=locality_id, teller=teller)
    return render(
        request,
        "engagement/stories/analysis.html",
        {
            "inquiry": inquiry,
            "figures": found,
            "theme_chart": bar_chart_svg(
                [(t.name, t.n) for t in found["themes"]], labelledby="themes-caption"
            ),
            "tick_chart": bar_chart_svg(
                [(s.name, s.n) for s in found["ticks"]],
                labelledby="ticks-caption",
                bar_class="bar bar--alt",
            ),
            "localities": _locality_choices(inquiry),
            "tellers": tellers,
            "locality_id": locality_id,
            "teller": teller,
            "propositions": inquiry.propositions.prefetch_related("themes"),
            "themes": InquiryTheme.objects.filter(inquiry=inquiry),
            "waiting": Story.objects.filter(
                inquiry=inquiry, status__in=[Story.RECEIVED, Story.IN_REVIEW]
            ).count(),
            "can_moderate": access.can_moderate_stories(request.user, inquiry),
            "can_write_letters": access.can_see_storyteller_details(request.user, inquiry),
            "theme_form": theme_form or ThemeForm(),
            "proposition_form": proposition_form or PropositionForm(inquiry=inquiry),
        },
        status=400 if theme_form or proposition_form else 200,
    )


@inquiry_view()
def story_list(request, inquiry):
    tellers = _teller_choices(inquiry)
    locality_id, teller = _filters(request, tellers)
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
            **_what_they_read(request.user, inquiry),
            "localities": _locality_choices(inquiry),
            "tellers": tellers,
            "locality_id": locality_id,
            "teller": teller,
        },
    )


@inquiry_view()
def story_detail(request, inquiry, pk):
    story = get_object_or_404(Story.objects.approved().filter(inquiry=inquiry), pk=pk)
    themes = InquiryTheme.objects.filter(inquiry=inquiry)
    form, status = NewThemeForm(request.POST or None), 200
    chosen = set(story.themes.values_list("pk", flat=True))
    if request.method == "POST":
        ids = ids_from_query(request.POST.getlist("themes"))
        if form.is_valid():
            if new := form.cleaned_data["new_theme"]:
                # A theme already there, whatever its capitals, is that theme, not a second.
                theme = themes.filter(name__iexact=new).first() or InquiryTheme.objects.create(
                    inquiry=inquiry, name=new
                )
                ids.append(theme.pk)
            learning.code_story(story, ids, by=request.user)
            messages.success(request, f"Themes saved for story {story.reference}.")
            return redirect("inquiries:story", inquiry.pk, story.pk)
        chosen, status = set(ids), 400  # what was ticked stays ticked
    return render(
        request,
        "engagement/stories/story_detail.html",
        {
            "inquiry": inquiry,
            "story": story,
            "themes": themes,
            "chosen": chosen,
            "form": form,
            **_what_they_read(request.user, inquiry),
        },
        status=status,
    )


@inquiry_view()
def story_file(request, inquiry, pk, field):
    """A story's recording, picture or scan, only through this check."""
    from django.http import FileResponse

    story = get_object_or_404(Story.objects.approved().filter(inquiry=inquiry), pk=pk)
    if field not in access.STORY_FILE_PARTS or not getattr(story, field):
        raise Http404("No file")
    if not access.may_read_story_file(request.user, inquiry, field):
        raise Http404("No file")
    handle = getattr(story, field)
    return FileResponse(
        handle.open("rb"), as_attachment=True, filename=f"{story.reference}-{field}"
    )


@inquiry_view(access.can_enter_story)
@once_only(new_each_time=True)
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
                files=form.cleaned_data,
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
        {"inquiry": inquiry, "form": form},
        status=status,
    )


@require_POST
@inquiry_view()
@once_only
def theme_add(request, inquiry):
    form = ThemeForm(request.POST)
    if not form.is_valid():
        return _analysis_page(request, inquiry, theme_form=form)
    name = form.cleaned_data["name"]
    if InquiryTheme.objects.filter(inquiry=inquiry, name__iexact=name).exists():
        form.add_error(
            "name",
            f"There is already a theme called “{name}”. Give this one another name, or use "
            "that theme.",
        )
        return _analysis_page(request, inquiry, theme_form=form)
    InquiryTheme.objects.create(
        inquiry=inquiry, name=name, description=form.cleaned_data["description"]
    )
    messages.success(request, f"Theme “{name}” added.")
    return redirect(reverse("inquiries:analysis", args=[inquiry.pk]) + "#themes")


@require_POST
@inquiry_view()
@once_only(new_each_time=True)
def proposition_add(request, inquiry):
    form = PropositionForm(request.POST, inquiry=inquiry)
    if not form.is_valid():
        return _analysis_page(request, inquiry, proposition_form=form)
    learning.add_proposition(
        inquiry,
        text=form.cleaned_data["text"],
        theme_ids=[t.pk for t in form.cleaned_data["themes"]],
        by=request.user,
    )
    messages.success(request, "Proposition added.")
    return redirect(reverse("inquiries:analysis", args=[inquiry.pk]) + "#propositions")


@inquiry_view()
@once_only
def proposition_action(request, inquiry, pk):
    proposition = get_object_or_404(Proposition, inquiry=inquiry, pk=pk)
    form = ActionFromForm(
        request.POST or None,
        localities=action_lists_for(request.user, _localities(inquiry)),
        initial={"title": proposition.text[:200], "locality": inquiry.locality_id},
    )
    if request.method == "POST" and form.is_valid():
        action = learning.action_from_proposition(proposition, by=request.user, **form.cleaned_data)
        messages.success(request, f"Action added to {action.locality.title}'s list.")
        return redirect(reverse("inquiries:analysis", args=[inquiry.pk]) + "#propositions")
    return render(
        request,
        "engagement/stories/proposition_action.html",
        {"inquiry": inquiry, "proposition": proposition, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@inquiry_view()
def report(request, inquiry):
    found = learning.analysis(inquiry)
    return render(
        request,
        "engagement/stories/report.html",
        {
            "inquiry": inquiry,
            "figures": found,
            "theme_chart": bar_chart_svg(
                [(t.name, t.n) for t in found["themes"]], labelledby="themes-caption"
            ),
            "quotes": Story.objects.publishable().filter(inquiry=inquiry).order_by("pk"),
            "propositions": inquiry.propositions.prefetch_related("themes"),
            "actions": learning.actions_of(inquiry),
        },
    )


@inquiry_view()
def stories_csv(request, inquiry):
    reads = _what_they_read(request.user, inquiry)
    details = reads["show_details"]
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
                s.teller_label,
                s.locality.title if s.locality else "",
                s.get_setting_display(),
                s.get_feeling_display(),
                "; ".join(x.name for x in s.strengths.all()),
                s.what_made_it_good if reads["show_own_words"] else "",
                "; ".join(t.name for t in s.themes.all()),
                s.text if reads["show_original"] else s.redacted_text,
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
    done = [a for a in learning.actions_of(inquiry) if a.status == a.DONE]
    rows = []
    for action in done:
        for story in learning.informed_by(action):
            if not story.email:
                rows.append((action, story))
    return render(request, "engagement/stories/letters.html", {"inquiry": inquiry, "rows": rows})
