"""A booking as a person makes it: registered, then confirmed by the link emailed to them."""

from events import services
from events.models import Registration


def book(*, event, data, user=None) -> Registration:
    registration = services.register(event=event, data=data, user=user)
    if registration.status == Registration.PENDING:
        registration = services.confirm(registration=registration)
    return registration
