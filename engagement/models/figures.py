"""A locality's own figures against the programme's milestones, and the rule a figure keeps."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from site_content import dates

from .pages import LocalityPage, Milestone

PERCENT_UNITS = ("%", "percent", "per cent", "percentage")


def figure_problem(milestone, value) -> str:
    """Why ``value`` cannot be a figure for ``milestone``: a share (a unit such as "%", "per
    cent" or "% of carers") runs from 0 to 100; a count may go down, so other units take any
    figure. Empty when it can be."""
    if milestone is None or value is None:
        return ""
    unit = milestone.unit.strip().lower()
    if unit.startswith(PERCENT_UNITS) and not 0 <= value <= 100:
        return "Enter a percentage from 0 to 100"
    return ""


class MilestoneReport(models.Model):
    """A locality's own figure against a programme milestone, on a date."""

    locality = models.ForeignKey(
        LocalityPage, on_delete=models.CASCADE, related_name="milestone_reports"
    )
    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(default=timezone.localdate, validators=[dates.not_in_future])
    value = models.DecimalField(max_digits=12, decimal_places=2)
    note = models.CharField(max_length=300, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A figure put right after it was recorded says so, with the figure first given: the
    # dashboard's totals changed, and whoever read them before should be able to see why.
    first_given = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False
    )
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    corrected_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["milestone", "reported_on", "pk"]
        indexes = [models.Index(fields=["locality", "milestone", "reported_on"])]

    def __str__(self):
        return f"{self.milestone.title}: {self.value} on {self.reported_on}"

    def save(self, *args, **kwargs):
        """Whichever door changes a recorded figure (the workspace, the admin's editor), the
        change is marked with when, and the figure first given is kept."""
        before = (
            MilestoneReport.objects.filter(pk=self.pk)
            .values("value", "reported_on", "note", "milestone_id", "locality_id")
            .first()
            if self.pk is not None
            else None
        )
        now = {
            "value": None if self.value is None else Decimal(self.value),
            "reported_on": self.reported_on,
            "note": self.note,
            "milestone_id": self.milestone_id,
            "locality_id": self.locality_id,
        }
        if before is not None and before != now:
            self.corrected_at = timezone.now()
            if self.first_given is None and before["value"] != now["value"]:
                self.first_given = before["value"]
            fields = kwargs.get("update_fields")
            if fields is not None:
                kwargs["update_fields"] = {*fields, "corrected_at", "first_given"}
        super().save(*args, **kwargs)

    def clean(self):
        """The same rule for the admin's editor as for the workspace's form."""
        problem = figure_problem(self.milestone if self.milestone_id else None, self.value)
        if problem:
            raise ValidationError({"value": problem})
