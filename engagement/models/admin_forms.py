"""Wagtail admin forms for programme pages."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

# The programme's own lists, one entry per line, and how long an entry may be (the length
# of the field each entry is stored in).
OWN_WORDS_LIMITS = {
    "locality_kinds": 80,
    "storyteller_kinds": 100,
    "storyteller_strengths": 100,
    "progress_tags": 70,
}


class ProgrammePageForm(WagtailAdminPageForm):
    """Checks the phases as a whole (each starts on or after the one before it) and the
    programme's own lists (each entry short enough to be stored, none twice). The safeguarding
    lead is chosen from the programme's own admins and team, so the form lists no one else's
    name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("safeguarding_lead")
        if field is not None:
            from django.apps import apps
            from django.db.models import Q

            ProgrammeRole = apps.get_model("engagement", "ProgrammeRole")  # noqa: N806
            staff = ProgrammeRole.objects.filter(
                programme_id=self.instance.pk or 0,
                role__in=[ProgrammeRole.ADMIN, ProgrammeRole.TEAM],
            ).values("user_id")
            kept = Q(pk=self.instance.safeguarding_lead_id or 0)
            field.queryset = field.queryset.filter(Q(pk__in=staff) | kept)
            field.help_text = (
                f"{field.help_text} Choose one of the programme's admins or team (give "
                "them that role first)."
            )

    def clean(self):
        cleaned = super().clean()
        for name, limit in OWN_WORDS_LIMITS.items():
            if name not in cleaned:
                continue
            seen, lines = set(), []
            for line in (cleaned[name] or "").splitlines():
                line = " ".join(line.split())
                if not line or line.lower() in seen:
                    continue
                if len(line) > limit:
                    self.add_error(
                        name,
                        f"“{line[:40]}…” is {len(line)} characters long. Keep each line to "
                        f"{limit} characters or fewer.",
                    )
                seen.add(line.lower())
                lines.append(line)
            cleaned[name] = "\n".join(lines)
        phases = self.formsets.get("phases")
        if phases is None or not phases.is_valid():
            return cleaned
        kept = [
            f.cleaned_data
            for f in phases.forms
            if f.cleaned_data
            and not f.cleaned_data.get("DELETE")
            and f.cleaned_data.get("start_date")
        ]
        kept.sort(key=lambda d: d.get("ORDER") or 0)
        previous = None
        for data in kept:
            form = next(f for f in phases.forms if f.cleaned_data is data)
            if previous and data["start_date"] < previous["start_date"]:
                form.add_error(
                    "start_date",
                    f"This phase starts before “{previous['name']}”. List phases in the order "
                    "they happen.",
                )
            previous = data
        return cleaned


class LocalityPageForm(WagtailAdminPageForm):
    """The kind of locality is chosen from its programme's own list (ProgrammePage
    .locality_kinds), not a fixed one."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if parent_page is None and self.instance.pk:
            parent_page = self.instance.get_parent()
        programme = getattr(parent_page, "specific", parent_page)
        kinds = programme.kinds() if hasattr(programme, "kinds") else []
        current = self.instance.kind_label if self.instance.pk else ""
        if current and current not in kinds:
            kinds = [*kinds, current]  # a kind since taken off the list stays as it was
        if "kind" in self.fields:
            self.fields["kind"] = forms.ChoiceField(
                choices=[(k, k) for k in kinds],
                label="Kind of locality",
                help_text="The programme's own list: change it on the programme page.",
                initial=kinds[0] if kinds else "",
                error_messages={"invalid_choice": "Choose a kind from the programme's list"},
            )

    def clean(self):
        """Who to ask for is no help on its own: the public page says how to reach them. Asked
        when the role is given or changed (a page saved before keeps its other edits, such as
        taking back the agreement to publish, free of it)."""
        data = super().clean()
        role = data.get("contact_role", "").strip()
        unchanged = self.instance.pk and role == (self.instance.contact_role or "").strip()
        means = data.get("contact_email") or data.get("contact_phone", "").strip()
        if role and not means and not unchanged:
            self.add_error(
                "contact_email",
                f"Add the team's email or phone number, so people can reach the {role}",
            )
        return data
