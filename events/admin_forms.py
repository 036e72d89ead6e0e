"""The Wagtail admin form for event pages: the groups chosen are the programme's and still open
(a group chosen before it closed may stay); places set aside for localities are checked as a
whole (localities of the event's programme, each once, together no more than the capacity)."""

from wagtail.admin.forms import WagtailAdminPageForm

from engagement.models import LocalityPage, ProgrammePage


def _programme_of(page):
    page = getattr(page, "specific", page)
    for candidate in [page, *page.get_ancestors().specific().order_by("-depth")]:
        if isinstance(candidate, ProgrammePage):
            return candidate
        if isinstance(candidate, LocalityPage):
            return candidate.programme
    return None


class EventPageForm(WagtailAdminPageForm):
    def _groups_saved(self, name) -> set[int]:
        """The groups this event had in ``name`` when the editor opened it."""
        value = self.initial.get(name)
        if value is None or isinstance(value, int | str) or hasattr(value, "pk"):
            values = [value] if value else []
        else:  # the chosen groups, as a queryset or a list
            values = list(value)
        return {getattr(v, "pk", v) for v in values}

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        self.parent_page = parent_page

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        programme = _programme_of(parent) if parent is not None else None
        for name in ("open_groups", "group"):
            value = cleaned.get(name)
            groups = list(value or []) if name == "open_groups" else [value] if value else []
            kept = self._groups_saved(name)
            for group in groups:
                if programme is not None and group.programme_id != programme.pk:
                    self.add_error(name, f"{group.name} is not a group of this programme.")
                elif group.is_closed and group.pk not in kept:
                    # A closed group already chosen stays, so an old event can still be edited.
                    self.add_error(
                        name,
                        f"{group.name} closed on {group.closed_on:%-d %B %Y}: choose a group "
                        "that is still open.",
                    )
        formset = self.formsets.get("locality_places")
        if formset is None or not formset.is_valid():
            return cleaned
        kept = [
            form
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("locality")
        ]
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        programme = _programme_of(parent) if parent is not None else None
        open_to = cleaned.get("open_to")
        chosen = set(cleaned.get("open_localities") or [])
        seen, total = set(), 0
        for form in kept:
            locality = form.cleaned_data["locality"]
            if programme is not None and locality.programme_id != programme.pk:
                form.add_error("locality", f"{locality.title} is not a locality of this programme.")
            elif locality.pk in seen:
                form.add_error("locality", f"{locality.title} already has places. Give it one row.")
            elif open_to == "localities" and chosen and locality not in chosen:
                form.add_error(
                    "locality",
                    f"{locality.title} is not one of the localities that can book this event.",
                )
            seen.add(locality.pk)
            total += form.cleaned_data.get("places") or 0
        capacity = cleaned.get("capacity")
        if capacity is not None and total > capacity:
            self.add_error(
                "capacity",
                f"The places set aside for localities add up to {total}, more than the "
                f"{capacity} places of the event. Give the event more places, or set fewer aside.",
            )
        return cleaned
