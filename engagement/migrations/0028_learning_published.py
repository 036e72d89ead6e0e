"""The learning's words as an editor last published them. Submitted learning entries already
there are taken as published in their present words, so built guides show what they showed
before."""

from django.db import migrations, models
from django.db.models import F


def as_they_are(apps, schema_editor):
    apps.get_model("engagement", "ProgressEntry").objects.filter(
        status="submitted", is_learning=True
    ).update(learning_published=F("what_we_learned"))


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0027_milestone_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressentry",
            name="learning_published",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(as_they_are, migrations.RunPython.noop),
    ]
