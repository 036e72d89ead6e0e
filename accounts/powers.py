"""Who may give power over the platform. Someone allowed to change accounts who is not a
superuser may change names, emails and whether an account is active, but not who is staff, a
superuser or in a group (groups carry permissions), and may not change or delete a
superuser's account at all (its email or password would hand them the account). Django's
admin (accounts/admin.py) and Wagtail's user screens (accounts/wagtail_users.py and
accounts/wagtail_hooks.py) ask here."""

from __future__ import annotations

POWERS = ("is_staff", "is_superuser", "groups")


def may_change_account(actor, account) -> bool:
    return actor.is_superuser or not account.is_superuser


def powers_asked(actor, account, data) -> list[str]:
    """The powers the posted ``data`` would give ``account`` (None: an account being made)
    that ``actor`` may not give; empty if none. Taking a power away is not giving one."""
    if actor.is_superuser:
        return []
    asked = [
        flag
        for flag in ("is_staff", "is_superuser")
        if data.get(flag) and not (account is not None and getattr(account, flag))
    ]
    wanted = {str(pk) for pk in data.getlist("groups")}
    had = {str(pk) for pk in account.groups.values_list("pk", flat=True)} if account else set()
    if wanted - had:
        asked.append("groups")
    return asked
