"""A booking is held by the account its address is verified on, never by whoever typed the
address. Bookings confirmed before that rule may be held by the booker: they pass to the
account the address is verified on, or to no account."""

from django.db import migrations


def hand_back(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    EmailAddress = apps.get_model("account", "EmailAddress")
    verified, own = {}, {}
    for address in EmailAddress.objects.values("email", "user_id", "verified"):
        email = address["email"].lower()
        own.setdefault(address["user_id"], set()).add(email)
        if address["verified"]:
            verified.setdefault(email, address["user_id"])
    held = Registration.objects.exclude(user=None).exclude(status="pending")
    for booking in held.select_related("user").iterator():
        email = booking.email.lower()
        if email in own.get(booking.user_id, ()) or email == (booking.user.email or "").lower():
            continue
        Registration.objects.filter(pk=booking.pk).update(user_id=verified.get(email))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0012_names_in_letters"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(hand_back, migrations.RunPython.noop)]
