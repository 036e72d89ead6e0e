from django.db import migrations

# A starting list; the safeguarding lead keeps it up to date in the admin.
TERMS = [
    "abuse", "abused", "abusive", "hit me", "hits me", "hitting me", "hurt me", "hurts me",
    "hurting me", "slapped", "pushed me", "grabbed me", "bruise", "bruises", "bruised",
    "neglect", "neglected", "left alone for days", "no food", "not been fed", "not fed",
    "left in wet", "left me in", "locked in", "locked me", "scared of", "afraid of",
    "frightened of", "threatened", "threatens", "shouted at", "shouts at", "forced",
    "took my money", "takes my money", "stole", "stolen", "steals", "unsafe", "not safe",
    "suicide", "kill myself", "end my life", "self-harm", "self harm", "don't want to live",
    "do not want to live", "rough with", "touched me", "sexual",
]


def seed(apps, schema_editor):
    Term = apps.get_model("engagement", "SafeguardingTerm")
    Term.objects.bulk_create([Term(phrase=p) for p in TERMS], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("engagement", "0006_inquiries_and_stories")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
