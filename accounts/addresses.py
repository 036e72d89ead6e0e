"""An account's sign-in address and allauth's record of it kept in step. allauth signs people
in by the addresses it has verified; an address changed anywhere else (Django's admin,
Wagtail's user editor) is recorded as the account's new main address, not yet verified, and
the old address stops signing in. So a changed address must be confirmed by its owner
before it signs anyone in, whichever screen changed it."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver


@receiver(pre_save, sender=get_user_model())
def _note_the_address_before(sender, instance, update_fields=None, **kwargs):
    if not instance.pk or (update_fields is not None and "email" not in update_fields):
        instance._address_before = None  # a new account, or a save that leaves the address
        return
    instance._address_before = (
        sender.objects.filter(pk=instance.pk).values_list("email", flat=True).first()
    )


@receiver(post_save, sender=get_user_model())
def _keep_allauth_in_step(sender, instance, created, **kwargs):
    before = getattr(instance, "_address_before", None)
    new = (instance.email or "").lower()
    if created or not before or before.lower() == new or not instance.is_active:
        return  # new accounts are recorded at sign-up; an erased account keeps nothing
    if EmailAddress.objects.filter(user=instance, email__iexact=new, verified=True).exists():
        return  # allauth's own change: the new address was verified first
    EmailAddress.objects.filter(user=instance, email__iexact=before).delete()
    EmailAddress.objects.filter(user=instance).update(primary=False)
    EmailAddress.objects.update_or_create(
        user=instance, email=new, defaults={"verified": False, "primary": True}
    )


def verified_addresses(user):
    """The addresses shown to be ``user``'s (verified on their account), in lower case, as a
    query to filter by."""
    return (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )


def address_is_theirs(user, email: str) -> bool:
    """Whether ``email`` is shown to belong to the signed-in ``user`` (a verified address of
    their account), so that what is done with it may be theirs at once."""
    if user is None or not user.is_authenticated:
        return False
    return EmailAddress.objects.filter(
        user=user, email__iexact=email.strip(), verified=True
    ).exists()


def holder_of(email: str, *, claimed_by=None):
    """The account ``email`` belongs to, asked once a link sent to it has been followed (which
    shows that whoever followed it reads that mailbox): ``claimed_by``'s, when it is one of
    their addresses, verified or not yet; else the account with it verified; else None."""
    if claimed_by is not None and (
        claimed_by.email.lower() == email.strip().lower() or address_is_theirs(claimed_by, email)
    ):
        return claimed_by
    found = (
        EmailAddress.objects.filter(email__iexact=email.strip(), verified=True)
        .select_related("user")
        .first()
    )
    return found.user if found else None
