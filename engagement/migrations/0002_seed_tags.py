from django.db import migrations
from django.utils.text import slugify

TAGS = {
    "sds_step": [
        "Set a personal budget",
        "Plan support",
        "Agree the plan",
        "Organise the money",
        "Organise support",
        "Live life",
        "Review and learn",
    ],
    "pct_tool": [
        "Important to / important for",
        "Working / not working",
        "Good day / bad day",
        "Circle of support",
        "Relationship circle",
        "Communication chart",
        "Learning log",
        "Matching",
        "My life story",
        "Decision-making agreement",
        "Appreciations",
    ],
    "who": [
        "Older people",
        "Carers",
        "People with learning disabilities",
        "Mental health",
        "Physical or sensory impairment",
        "Black and minority ethnic communities",
        "People living alone",
        "Sheltered or extra care housing",
        "Care homes",
    ],
}


def seed(apps, schema_editor):
    Tag = apps.get_model("engagement.Tag")
    for group, names in TAGS.items():
        for position, name in enumerate(names):
            Tag.objects.update_or_create(
                slug=slugify(name), defaults={"group": group, "name": name, "position": position}
            )


def unseed(apps, schema_editor):
    apps.get_model("engagement.Tag").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
