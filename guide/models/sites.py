"""Where a guide's last complete build is, when built guides live in object storage."""

from django.db import models


class PublishedSite(models.Model):
    """The pointer to a guide's published build in the "guides" storage. Object storage has
    no atomic rename, so every build is written under a new prefix and this row is switched to
    it only when the upload is complete: readers see the old build or the new one, never half
    of one. The build before stays until the next one, for readers part way through a page."""

    guide = models.OneToOneField(
        "guide.GuidePage", on_delete=models.CASCADE, related_name="published_site"
    )
    prefix = models.CharField(max_length=255, help_text="Where this build's files start.")
    previous_prefix = models.CharField(max_length=255, blank=True)
    published_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.guide_id}: {self.prefix}"
