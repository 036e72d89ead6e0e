"""The progress log: entries with drafts, revisions, stale-edit protection and attachments."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from engagement import access
from engagement.core.usage import usages_of
from engagement.models import Action, EntryAttachment, ProgressEntry
from engagement.workspace import services
from engagement.workspace.forms import ProgressEntryForm
from engagement.workspace.views.common import workspace_context, workspace_view
from site_content.fields import restarted_form
from site_content.once import once_only


@workspace_view()
def entry_list(request, locality):
    entries = (
        ProgressEntry.objects.filter(locality=locality)
        .filter(access.visible_entries_q(request.user, locality))
        .select_related("author", "phase")
        .prefetch_related("tags")
    )
    show = request.GET.get("show", "")
    if show == "drafts":
        entries = entries.filter(status=ProgressEntry.DRAFT, author=request.user)
    elif show == "learning":
        entries = entries.filter(is_learning=True)
    page = Paginator(entries, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "engagement/workspace/entry_list.html",
        workspace_context(request, locality, page=page, show=show),
    )


def _entry_or_404(locality, pk, user, check):
    entry = get_object_or_404(
        ProgressEntry.objects.select_related("author", "phase", "locality"),
        pk=pk,
        locality=locality,
    )
    if not check(user, entry):
        raise Http404("No entry here")
    return entry


def _save_entry_from_post(request, locality, entry=None):
    submitting = "submit" in request.POST
    form = ProgressEntryForm(
        request.POST, request.FILES, instance=entry, locality=locality, submitting=submitting
    )
    if not form.is_valid():
        return form, None, 400
    try:
        saved = services.save_entry(
            locality=locality,
            editor=request.user,
            data=form.entry_data(),
            tags=form.chosen_tags(),
            files=form.cleaned_data["attachments"],
            submit=submitting,
            entry=entry,
            expected_version=form.cleaned_data.get("version") if entry else None,
        )
    except services.StaleEdit:
        entry.refresh_from_db()
        form = restarted_form(
            ProgressEntryForm,
            request.POST,
            entry.version,
            files=request.FILES,
            instance=entry,
            locality=locality,
            submitting=submitting,
        )
        return form, None, 409
    if saved.is_draft:
        messages.success(request, "Your draft has been saved. You can finish it later.")
    else:
        messages.success(request, "Your progress entry has been saved to the log.")
    return form, saved, 200


@workspace_view(access.can_add_entry)
@once_only(new_each_time=True)
def entry_create(request, locality):
    if request.method == "POST":
        form, saved, status = _save_entry_from_post(request, locality)
        if saved:
            return redirect("workspace:entry", locality.slug, saved.pk)
    else:
        form, status = (
            ProgressEntryForm(locality=locality, initial={"entry_date": timezone.localdate()}),
            200,
        )
    return render(
        request,
        "engagement/workspace/entry_form.html",
        workspace_context(request, locality, form=form, entry=None),
        status=status,
    )


@workspace_view()
def entry_edit(request, locality, pk):
    entry = _entry_or_404(locality, pk, request.user, access.can_edit_entry)
    latest = None
    if request.method == "POST":
        form, saved, status = _save_entry_from_post(request, locality, entry)
        if saved:
            return redirect("workspace:entry", locality.slug, saved.pk)
        if status == 409:
            latest = ProgressEntry.objects.get(pk=entry.pk)
    else:
        form, status = ProgressEntryForm(instance=entry, locality=locality), 200
    return render(
        request,
        "engagement/workspace/entry_form.html",
        workspace_context(request, locality, form=form, entry=entry, latest=latest),
        status=status,
    )


@workspace_view()
def entry_detail(request, locality, pk):
    entry = _entry_or_404(locality, pk, request.user, access.can_view_entry)
    context = workspace_context(
        request,
        locality,
        entry=entry,
        tags=entry.tags.all(),
        attachments=entry.attachments.all(),
        revisions=entry.revisions.select_related("editor"),
        can_edit=access.can_edit_entry(request.user, entry),
        actions=Action.objects.filter(source_id=entry.pk, source_type__model="progressentry"),
        usages=usages_of(entry),
    )
    return render(request, "engagement/workspace/entry_detail.html", context)


@workspace_view()
def attachment_download(request, locality, pk):
    attachment = get_object_or_404(
        EntryAttachment.objects.select_related("entry__locality"), pk=pk, entry__locality=locality
    )
    if not access.can_view_entry(request.user, attachment.entry):
        raise Http404("No file here")
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name
    )
