"""Demo accounts: every one verified, with the demo password (see the README)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from engagement.demo.content import DEMO_PASSWORD


def demo_user(email, first, last, **extra):
    """The demo person with ``email``, made the first time it is asked for."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last, **extra
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
