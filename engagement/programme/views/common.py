"""What every programme management page shares: loading the programme, refusing the wrong
people, and one form page for every record."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from engagement import access
from engagement.core.guarded import guarded
from engagement.models import ProgrammePage
from site_content.once import once_only


def programme_view(check):
    """Load the programme from the URL; 404 unless ``check(user, programme)``."""
    return guarded(
        lambda slug: ProgrammePage.objects.live().filter(slug=slug).first(), check, param="slug"
    )


def may_read(user, programme):
    return access.can_read_programme(user, programme.pk)


def may_manage(user, programme):
    return access.can_manage_programme(user, programme.pk)


def programme_page(request, programme, template, **context):
    """A programme management page: the programme, whether the reader manages it, and the
    page's own ``context``."""
    return render(
        request,
        template,
        {"programme": programme, **context, "can_manage": may_manage(request.user, programme)},
    )


def form_page(request, programme, form, *, title, intro="", back, status=200, once=False):
    """One programme form on its own page; ``once``: it creates something, so it carries a
    once-only key (the view is wrapped in site_content.once.once_only)."""
    context = {"programme": programme, "form": form, "title": title, "intro": intro}
    return render(
        request,
        "engagement/programme/form_page.html",
        {**context, "back": back, "once": once},
        status=status,
    )


def edit_record(request, programme, form_class, instance, *, title, back, done, **form_kwargs):
    """Create or edit one record with a programme form; redirect to ``done`` when saved."""
    form = form_class(request.POST or None, instance=instance, programme=programme, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.programme = programme
        obj.save()
        form.save_m2m()
        messages.success(request, "Saved.")
        return redirect(done(obj) if callable(done) else done)
    return form_page(
        request,
        programme,
        form,
        title=title,
        back=back,
        status=400 if request.method == "POST" else 200,
        once=instance is None,
    )


def record_editor(model, form_class, *, back_to: str, anchor: str = "", add: str, edit: str):
    """A view that adds or edits one ``model`` record of the programme, for those who manage
    it; it returns to the ``back_to`` page (at ``anchor``) when saved."""

    @programme_view(may_manage)
    @once_only
    def view(request, programme, pk=None):
        record = get_object_or_404(model, programme=programme, pk=pk) if pk else None
        back = reverse(back_to, args=[programme.slug])
        return edit_record(
            request,
            programme,
            form_class,
            record,
            title=edit if record else add,
            back=back,
            done=back + anchor,
        )

    return view


def record_adder(form_class, *, title: str, back_to: str, done_to: str, **form_kwargs):
    """A view that adds one record of the programme, for those who manage it; it goes on to
    the new record's ``done_to`` page when saved. ``form_kwargs`` go to the form."""

    @programme_view(may_manage)
    @once_only
    def view(request, programme):
        return edit_record(
            request,
            programme,
            form_class,
            None,
            title=title,
            back=reverse(back_to, args=[programme.slug]),
            done=lambda record: reverse(done_to, args=[programme.slug, record.pk]),
            **form_kwargs,
        )

    return view
