"""Practice examples, themes, glossary and links: the guide's reference content."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from guide.markdown import render_markdown


def in_guide(related_name: str, help_text: str = "The guide this belongs to."):
    """The guide a piece of content belongs to (kept, unattached, if the guide is deleted)."""
    return models.ForeignKey(
        "guide.GuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        help_text=help_text,
    )


class PracticeCollection(models.Model):
    """A compendium that was imported (collection.yml)."""

    title = models.CharField(max_length=255, unique=True)
    published = models.CharField(max_length=10, blank=True, help_text="YYYY-MM or YYYY-MM-DD")
    editors = models.JSONField(default=list, blank=True)
    introduction = models.TextField(blank=True, help_text="Markdown.")
    guide = in_guide("collections", "The guide this collection was imported into.")

    def __str__(self):
        return self.title


class Theme(models.Model):
    """A theme that groups practice examples, in reading order."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120)
    position = models.PositiveIntegerField(default=0)
    description = models.TextField(blank=True)
    guide = in_guide("themes")

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "slug"],
                name="theme_slug_per_guide",
                violation_error_message="This guide already has a theme with this slug.",
            ),
            models.UniqueConstraint(
                fields=["guide", "name"],
                name="theme_name_per_guide",
                violation_error_message="This guide already has a theme with this name.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("guide:theme", args=[self.guide.slug if self.guide else "-", self.slug])


class PracticeExample(models.Model):
    """One example of good practice: what was done, and what came of it."""

    key = models.SlugField(max_length=120, help_text="Stable key (the import file name).")
    title = models.CharField(max_length=255)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="examples")
    order = models.PositiveIntegerField(default=0, help_text="Position within its theme.")
    organisations = models.JSONField(default=list)
    approach = models.TextField("our approach", help_text="Markdown.")
    outcomes = models.TextField(help_text="Markdown, usually a bulleted list.")
    further_information = models.TextField(blank=True, help_text="Markdown.")
    links = models.JSONField(default=list, blank=True)
    contacts = models.JSONField(default=list, blank=True)
    publish_contacts = models.BooleanField(
        default=False,
        help_text="Only then are the contacts shown in public or in the guide. Their own email "
        "and phone number may then appear in this example, and nowhere else.",
    )
    publish_contacts_set_by = models.CharField(
        max_length=255, blank=True, editable=False, help_text="Who last set or cleared the flag."
    )
    publish_contacts_set_at = models.DateTimeField(null=True, blank=True, editable=False)
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
    guide = in_guide("examples")
    imported = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="The values as last imported, to tell which edits an import would overwrite.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["theme__position", "order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "key"],
                name="example_key_per_guide",
                violation_error_message="This guide already has an example with this key.",
            ),
            models.UniqueConstraint(
                fields=["guide", "title"],
                name="example_title_per_guide",
                violation_error_message="This guide already has an example with this title.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guide:example", args=[self.guide.slug if self.guide else "-", self.key])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_flag = instance.__dict__.get("publish_contacts")
        return instance

    def record_flag(self, actor: str) -> None:
        """Who set (or cleared) the publish flag, and when: call before saving. Nothing is
        recorded when the flag did not change."""
        if self.publish_contacts != getattr(self, "_saved_flag", False):
            self.publish_contacts_set_by = actor[:255]
            self.publish_contacts_set_at = timezone.now()

    def clean(self):
        super().clean()
        errors = {}
        problems = contact_problems(self.contacts, self.publish_contacts)
        if problems:
            errors["contacts"] = problems
        if self.theme_id and self.theme.guide_id != self.guide_id:
            owner = self.theme.guide.title if self.theme.guide else "no guide"
            errors["theme"] = (
                f"The theme “{self.theme.name}” belongs to “{owner}”. Choose a theme of this "
                "example's own guide."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def approach_html(self):
        return render_markdown(self.approach)

    @property
    def outcomes_html(self):
        return render_markdown(self.outcomes)

    @property
    def further_information_html(self):
        return render_markdown(self.further_information)


def contact_problems(contacts, published: bool) -> list[str]:
    """What is wrong with a practice example's contacts, in words an editor can act on."""
    if not isinstance(contacts, list):
        return ["Contacts must be a list, one entry per person."]
    problems = []
    for number, contact in enumerate(contacts, 1):
        if not isinstance(contact, dict):
            problems.append(f"Contact {number} must have a role, name, email and phone.")
        elif published and not str(contact.get("name") or "").strip():
            role = str(contact.get("role") or "").strip()
            problems.append(
                f"Contact {number}{f' ({role})' if role else ''} is marked for publication but "
                "has no name. Add the name, or untick “publish contacts”."
            )
    return problems


class GlossaryTerm(models.Model):
    """A term or abbreviation, for "Terms and abbreviations"."""

    term = models.CharField(max_length=120)
    abbreviation = models.CharField(max_length=30, blank=True)
    definition = models.TextField()
    guide = in_guide("glossary")

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "term"],
                name="term_per_guide",
                violation_error_message="This guide already explains this term.",
            )
        ]

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term


class UsefulLink(models.Model):
    """A website readers may find useful, for "Useful websites"."""

    title = models.CharField(max_length=200)
    url = models.URLField()
    description = models.CharField(max_length=300, blank=True)
    guide = in_guide("links")

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "url"],
                name="link_per_guide",
                violation_error_message="This guide already lists this website.",
            )
        ]

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
    guide = models.ForeignKey(
        "guide.GuidePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="builds",
    )
    from_command = models.BooleanField(
        default=False, help_text="Built with manage.py build_guide rather than the admin."
    )
    requested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(
        max_length=200, blank=True, help_text="Why a build nobody asked for was started."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Guide build {self.pk} ({self.get_status_display()})"

    @property
    def waiting_long(self) -> bool:
        """Still queued after the time the admin's worker warning uses: the background worker
        that runs builds may be stopped."""
        from django.conf import settings
        from django.utils import timezone

        waited = (timezone.now() - self.created_at).total_seconds()
        return self.status == self.QUEUED and waited > settings.TASKS_WAITING_WARN_SECONDS
