"""The parts of an event page edited with it: its agenda, the places set aside for
localities, and who takes which role on the day."""

from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from .pages import EventPage


class AgendaSession(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    starts = models.TimeField()
    ends = models.TimeField(null=True, blank=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    panels = [
        FieldPanel("starts"),
        FieldPanel("ends"),
        FieldPanel("title"),
        FieldPanel("description"),
    ]


class LocalityPlaces(Orderable):
    """Places of an event set aside for one locality's team."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="locality_places")
    locality = models.ForeignKey(
        "engagement.LocalityPage", on_delete=models.CASCADE, related_name="+"
    )
    places = models.PositiveIntegerField(
        validators=[MinValueValidator(1)], help_text="Counting companions."
    )

    panels = [FieldPanel("locality"), FieldPanel("places")]

    class Meta(Orderable.Meta):
        verbose_name = "places for a locality"
        verbose_name_plural = "places for localities"

    def __str__(self):
        return f"{self.places} places for {self.locality}"


class EventRole(Orderable):
    ROLE_CHOICES = [
        ("facilitator", "Facilitator"),
        ("timekeeper", "Timekeeper"),
        ("recorder", "Recorder"),
        ("reporter", "Reporter"),
    ]
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    person = models.CharField(max_length=200)

    panels = [FieldPanel("role"), FieldPanel("person")]
