"""Practice examples, themes, glossary and links: the guide's reference content."""

from django.db import models
from django.urls import reverse

from guide.markdown import render_markdown


class PracticeCollection(models.Model):
    """A compendium that was imported (collection.yml)."""

    title = models.CharField(max_length=255, unique=True)
    published = models.CharField(max_length=10, blank=True, help_text="YYYY-MM or YYYY-MM-DD")
    editors = models.JSONField(default=list, blank=True)
    introduction = models.TextField(blank=True, help_text="Markdown.")

    def __str__(self):
        return self.title


class Theme(models.Model):
    """A theme that groups practice examples, in reading order."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    position = models.PositiveIntegerField(default=0)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guide:theme", args=[self.slug])


class PracticeExample(models.Model):
    """One example of good practice: what was done, and what came of it."""

    key = models.SlugField(
        max_length=120, unique=True, help_text="Stable key (the import file name)."
    )
    title = models.CharField(max_length=255, unique=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="examples")
    order = models.PositiveIntegerField(default=0, help_text="Position within its theme.")
    organisations = models.JSONField(default=list)
    approach = models.TextField("our approach", help_text="Markdown.")
    outcomes = models.TextField(help_text="Markdown, usually a bulleted list.")
    further_information = models.TextField(blank=True, help_text="Markdown.")
    links = models.JSONField(default=list, blank=True)
    contacts = models.JSONField(default=list, blank=True)
    publish_contacts = models.BooleanField(
        default=False, help_text="Only then are the contacts shown in public or in the guide."
    )
    tags = models.JSONField(default=list, blank=True)
    locality = models.ForeignKey(
        "engagement.LocalityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_examples",
    )
    collection = models.ForeignKey(
        PracticeCollection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="examples",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["theme__position", "order", "key"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guide:example", args=[self.key])

    @property
    def approach_html(self):
        return render_markdown(self.approach)

    @property
    def outcomes_html(self):
        return render_markdown(self.outcomes)

    @property
    def further_information_html(self):
        return render_markdown(self.further_information)


class GlossaryTerm(models.Model):
    """A term or abbreviation, for "Terms and abbreviations"."""

    term = models.CharField(max_length=120, unique=True)
    abbreviation = models.CharField(max_length=30, blank=True)
    definition = models.TextField()

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term


class UsefulLink(models.Model):
    """A website readers may find useful, for "Useful websites"."""

    title = models.CharField(max_length=200)
    url = models.URLField(unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class GuideBuild(models.Model):
    """One run of the guide build, with its progress and result (shown in the admin)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUS_CHOICES = [
        (QUEUED, "Queued"),
        (RUNNING, "Running"),
        (DONE, "Published"),
        (FAILED, "Failed"),
    ]
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")
    step = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)
    skip_refused = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Guide build {self.pk} ({self.get_status_display()})"
