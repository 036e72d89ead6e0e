"""Telling a story with no account, the paper form, and the storyteller's private link."""

from __future__ import annotations

import json
import logging

from allauth.core import ratelimit
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from engagement.core.rights import story_record
from engagement.models import InquiryPage, Story
from engagement.stories import services
from engagement.stories.forms import ConsentForm, StoryForm
from site_content.exports import readable_text
from site_content.once import once_only
from site_content.uploads import STORAGE_DOWN, STORAGE_ERRORS

logger = logging.getLogger(__name__)

RATE_LIMITED = (
    "You have sent a lot of stories from this connection in a short time, so we cannot take "
    "this one just now. Nothing you typed has been lost: please try again in an hour, or ask "
    "the person who runs this inquiry to help."
)


def _inquiry(page_id) -> InquiryPage:
    return get_object_or_404(InquiryPage.objects.live().public(), pk=page_id)


@once_only(new_each_time=True)
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
                try:
                    story = services.receive_story(
                        inquiry=inquiry,
                        data=form.cleaned_data,
                        files=form.cleaned_data,
                        request=request,
                    )
                except STORAGE_ERRORS:
                    logger.warning("A story's file could not be stored", exc_info=True)
                    form.add_error(None, STORAGE_DOWN)
                    status = 503
                else:
                    request.session["story_sent"] = {
                        "inquiry": inquiry.pk,
                        "email": bool(story.email),
                    }
                    return redirect("stories:thanks", inquiry.pk)
    return render(
        request,
        "engagement/stories/tell.html",
        {"inquiry": inquiry, "form": form},
        status=status,
    )


def thanks(request, page_id):
    inquiry = _inquiry(page_id)
    # Read, not taken: the page says the same when reloaded, or reached again by a resend of
    # the same story (which is kept once and comes here).
    sent = request.session.get("story_sent") or {}
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
            "tellers": inquiry.teller_choices(),
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
            elif action == "download_text":
                return _download_my_story(request, story, readable=True)
        except services.StoryRefused as exc:
            messages.error(request, str(exc))
            return redirect("stories:mine", token)
    return render(
        request,
        "engagement/stories/mine.html",
        # What the storyteller is told is published is what the public pages show.
        {"story": story, "form": form, "published": not story.publication_refusals()},
        status=status,
    )


def _download_my_story(request, story, *, readable: bool = False) -> HttpResponse:
    """Everything held about the story: the same record as the person's data export, as text
    anyone can read, or as data (JSON) for another computer."""
    data = story_record(story)
    if readable:
        response = HttpResponse(
            readable_text(data, title=f"What we hold about your story {story.reference}"),
            content_type="text/plain; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="my-story-{story.reference}.txt"'
        return response
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, cls=DjangoJSONEncoder),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="my-story-{story.reference}.json"'
    return response
