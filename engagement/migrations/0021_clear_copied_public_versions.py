"""Before the moderation screen started the public version empty, it filled the box with the
storyteller's own words, so a story approved for learning without touching the box gave other
teams the original. Such public versions of stories not approved for publication are cleared
(other teams then read that the de-identified version is not ready), with a line in each
story's history. Stories approved for publication keep theirs: a moderator chose to publish
those words and the guide's gate checked them."""

from django.db import migrations
from django.db.models import F


def clear_copies(apps, schema_editor):
    Story = apps.get_model("engagement", "Story")
    StoryChange = apps.get_model("engagement", "StoryChange")
    copies = (
        Story.objects.exclude(text="")
        .filter(redacted_text=F("text"))
        .exclude(status__in=["publishable", "withdrawn"])
    )
    for story in copies.iterator():
        Story.objects.filter(pk=story.pk).update(redacted_text="")
        StoryChange.objects.create(
            story=story,
            by_label="the platform",
            what="public version",
            from_value="the storyteller's words",
            to_value="cleared",
            note="It was a copy of the original, made when the story was approved. Write a "
            "de-identified version for other teams to read.",
        )


class Migration(migrations.Migration):
    dependencies = [("engagement", "0020_plausible_dates")]

    operations = [migrations.RunPython(clear_copies, migrations.RunPython.noop)]
