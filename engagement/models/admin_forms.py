"""Wagtail admin forms for programme pages."""

from wagtail.admin.forms import WagtailAdminPageForm


class ProgrammePageForm(WagtailAdminPageForm):
    """Checks the phases as a whole: each starts on or after the one before it."""

    def clean(self):
        cleaned = super().clean()
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
