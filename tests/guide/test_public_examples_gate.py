"""The public practice-example pages pass the publication gate, like the guide: an example
holding an email, a phone number or a postcode that is not cleared is not shown to anyone
browsing, in its page or in the lists."""

import pytest
from django.urls import reverse

from guide.models import PracticeExample

pytestmark = pytest.mark.usefixtures("demo_db")


@pytest.mark.parametrize(
    ("field", "detail"),
    [
        ("approach", "Call Jo on 020 7946 0000 to join."),
        ("outcomes", "- Write to jo.bloggs&#64;example.org"),
        ("further_information", "Drop in at the hub, SW1A 1AA."),
    ],
)
def test_an_example_with_details_the_gate_refuses_is_not_shown(client, field, detail):
    example = PracticeExample.objects.order_by("key").first()
    other = PracticeExample.objects.order_by("key").last()
    setattr(example, field, getattr(example, field) + "\n\n" + detail)
    example.save()
    page = client.get(example.get_absolute_url())
    assert page.status_code == 404
    assert "7946" not in page.content.decode() and "SW1A" not in page.content.decode()
    listing = reverse("guide:guide_examples", args=[example.guide.slug])
    for url in (listing, example.theme.get_absolute_url()):
        html = client.get(url).content.decode()
        assert example.title not in html
    assert client.get(other.get_absolute_url()).status_code == 200
    assert other.title in client.get(listing).content.decode()


def test_a_cleared_switchboard_number_is_shown(client, settings):
    settings.GUIDE_PUBLIC_CONTACTS = ["020 7946 0000"]
    example = PracticeExample.objects.order_by("key").first()
    example.further_information += "\n\nSwitchboard: 020 7946 0000"
    example.save()
    page = client.get(example.get_absolute_url())
    assert page.status_code == 200 and "020 7946 0000" in page.content.decode()
