"""Account pages' template filters."""

from django import template

register = template.Library()

# Checked in this order: Edge and Opera say "Chrome" too, and Chrome says "Safari".
BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
DEVICES = [
    ("iPhone", "an iPhone"),
    ("iPad", "an iPad"),
    ("Android", "an Android phone or tablet"),
    ("Windows", "a Windows computer"),
    ("Macintosh", "a Mac"),
    ("CrOS", "a Chromebook"),
    ("Linux", "a Linux computer"),
]


@register.filter
def device_said(user_agent: str) -> str:
    """What a browser's own description says, as a person would: "Chrome on a Windows
    computer" (or "A browser we do not recognise")."""
    text = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in text), "")
    device = next((name for mark, name in DEVICES if mark in text), "")
    if browser and device:
        return f"{browser} on {device}"
    if browser or device:
        return browser or f"A browser on {device}"
    return "A browser we do not recognise"


@register.filter
def waiting_to_be_confirmed(addresses) -> bool:
    """Whether any of someone's email addresses is not confirmed yet."""
    return any(not address.verified for address in addresses)


@register.simple_tag(takes_context=True)
def session_seconds_left(context) -> int:
    """Seconds until a signed-in person is signed out if they send nothing (accounts.sessions)."""
    from accounts.sessions import seconds_left

    return seconds_left(context["request"])


@register.simple_tag(takes_context=True)
def session_can_extend(context) -> bool:
    """Whether "Stay signed in" can give more time (accounts.sessions)."""
    from accounts.sessions import can_extend

    return can_extend(context["request"])
