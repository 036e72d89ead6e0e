"""Places set aside for a locality: its members (signed in) book them; when they are full its
members wait on its own list, even with everyone places free; a freed locality place goes to
that locality's list first, and only when none of its people wait to the everyone list."""

import contextlib
import datetime
import random
import re
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from events import services
from events.models import EventPage, LocalityPlaces, Registration
from tests import factories as f
from tests.events.booking import book as booked

from .test_registration import make_event, person

pytestmark = pytest.mark.django_db


def with_places(event, **by_locality):
    """Set places aside: with_places(event, here=(locality, 2))."""
    for n, (locality, places) in enumerate(by_locality.values()):
        event.locality_places.add(LocalityPlaces(locality=locality, places=places, sort_order=n))
    event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


@pytest.fixture
def setting():
    programme = f.make_programme()
    here, there = f.make_locality(programme), f.make_locality(programme)
    return programme, here, there


def book(event, n, user=None, **extra):
    data = {**person(n), **extra}
    if user is not None:
        data["email"] = user.email
    return booked(event=event, data=data, user=user)


def status(registration):
    registration.refresh_from_db()
    return registration.status


def test_a_full_locality_waits_on_its_own_list_though_everyone_places_remain(setting):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=5), here=(here, 2))
    members = [f.add_member(here) for _ in range(3)]
    first, second, third = (book(event, n, user=m) for n, m in enumerate(members))
    assert [first.status, second.status, third.status] == ["confirmed", "confirmed", "waiting"]
    assert {r.places_from for r in (first, second, third)} == {here}
    # Everyone else still has the three places not set aside.
    outsiders = [book(event, 10 + n) for n in range(4)]
    assert [r.status for r in outsiders] == ["confirmed"] * 3 + ["waiting"]
    assert all(r.places_from is None for r in outsiders)
    assert event.places_taken_by_pool() == {here.pk: 2, None: 3}
    assert event.places_taken() == event.capacity


def test_a_freed_locality_place_goes_to_that_locality_first(setting):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=3), here=(here, 1))
    book(event, 1), book(event, 2)
    waiting_longest = book(event, 3)  # everyone places are full
    holder, local = f.add_member(here), f.add_member(here)
    held = book(event, 4, user=holder)
    waiting_local = book(event, 5, user=local)
    assert [waiting_longest.status, held.status, waiting_local.status] == [
        "waiting",
        "confirmed",
        "waiting",
    ]
    services.cancel(registration=held)
    assert status(waiting_local) == Registration.OFFERED
    assert status(waiting_longest) == Registration.WAITING


def test_a_freed_locality_place_none_of_its_people_want_goes_to_everyone_list(setting):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=3), here=(here, 1))
    held = book(event, 1, user=f.add_member(here))
    book(event, 2), book(event, 3)
    waiting = book(event, 4)
    services.cancel(registration=held)
    waiting.refresh_from_db()
    assert waiting.status == Registration.OFFERED and waiting.places_from == here
    # It stays the locality's place: a member who comes now waits, and gets it back first.
    late_member = book(event, 5, user=f.add_member(here))
    assert late_member.status == Registration.WAITING
    services.cancel(registration=waiting)
    assert status(late_member) == Registration.OFFERED


def test_a_freed_everyone_place_does_not_go_to_a_locality_list(setting):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=2), here=(here, 1))
    book(event, 1, user=f.add_member(here))
    local_waiting = book(event, 2, user=f.add_member(here))
    everyone = book(event, 3)
    services.cancel(registration=everyone)
    assert status(local_waiting) == Registration.WAITING
    assert event.places_left() == 1
    assert book(event, 4).status == Registration.CONFIRMED


def test_a_lapsed_locality_offer_passes_to_the_locality_list_first(setting):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=2), here=(here, 1))
    held = book(event, 1, user=f.add_member(here))
    book(event, 2)
    everyone_waiting = book(event, 3)
    first_local, second_local = (book(event, n, user=f.add_member(here)) for n in (4, 5))
    services.cancel(registration=held)
    assert status(first_local) == Registration.OFFERED
    Registration.objects.filter(pk=first_local.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    services.expire_offers(services.lock_event(event))
    assert status(first_local) == Registration.EXPIRED
    assert status(second_local) == Registration.OFFERED
    assert status(everyone_waiting) == Registration.WAITING


def test_who_counts_against_a_locality(setting, client):
    programme, here, there = setting
    event = with_places(make_event(programme, capacity=6), here=(here, 2), there=(there, 2))
    # Not signed in, or in no locality with places: everyone places.
    assert book(event, 1).places_from is None
    elsewhere = f.add_member(f.make_locality(programme))
    assert book(event, 2, user=elsewhere).places_from is None
    # In one: that locality's places, without being asked.
    only_here = f.add_member(here)
    client.force_login(only_here)
    page = client.get(reverse("events:register", args=[event.pk])).content.decode()
    assert f"one of the places set aside for {here.title}" in page
    assert "booking_locality" not in page
    assert book(event, 3, user=only_here).places_from == here
    # In both: chooses on the form, from their own localities only.
    both = f.add_member(here)
    f.add_member(there, user=both)
    client.force_login(both)
    url = reverse("events:register", args=[event.pk])
    page = client.get(url).content.decode()
    assert "Which locality&#x27;s places are you booking?" in page
    data = {**person(4), "email": both.email, "companions": "0"}
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Choose which locality&#x27;s places you are booking" in refused.content.decode()
    assert f'value="{both.email}"' in refused.content.decode()  # what was typed is kept
    stranger = f.make_locality(programme)
    tampered = client.post(url, {**data, "booking_locality": str(stranger.pk)})
    assert "Choose one of your localities" in tampered.content.decode()
    assert client.post(url, {**data, "booking_locality": str(there.pk)}).status_code == 302
    assert Registration.objects.get(email=both.email).places_from == there
    with pytest.raises(services.RegistrationRefused, match="only as a member"):
        book(event, 5, user=only_here, booking_locality=there)


def test_capacity_and_each_locality_places_hold_whatever_happens(setting):
    programme, here, there = setting
    event = with_places(make_event(programme, capacity=7), here=(here, 3), there=(there, 2))
    people = [None] * 6 + [f.add_member(loc) for loc in (here, there) for _ in range(6)]
    rng = random.Random(15)
    booked = []
    for step in range(60):
        if booked and rng.random() < 0.4:
            services.cancel(registration=booked.pop(rng.randrange(len(booked))))
        else:
            user = rng.choice(people)
            n = 100 + step
            with contextlib.suppress(services.RegistrationRefused):  # the same member twice
                booked.append(book(event, n, user=user, companions=rng.choice([0, 0, 1])))
        taken, pools = event.places_taken_by_pool(), event.place_pools()
        assert all(taken[key] <= pools[key] for key in pools), (step, taken)
        assert event.places_taken() <= event.capacity


def event_form(event, rows, capacity=4):
    return nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "kind": event.kind,
            "purpose": event.purpose,
            "starts_at": event.local_start.strftime("%Y-%m-%d %H:%M"),
            "ends_at": event.local_end.strftime("%Y-%m-%d %H:%M"),
            "capacity": str(capacity),
            "max_companions": "2",
            "open_to": "everyone",
            "sessions": inline_formset([]),
            "roles": inline_formset([]),
            "locality_places": inline_formset(rows),
            "action-publish": "publish",
        }
    )


def test_the_admin_checks_places_for_localities(setting, client):
    programme, here, there = setting
    other = f.make_locality(f.make_programme(title="Another programme"))
    event = make_event(programme)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=[event.pk])
    for rows, capacity, message in [
        ([{"locality": other.pk, "places": 1}], 4, "is not a locality of this programme"),
        (
            [{"locality": here.pk, "places": 1}, {"locality": here.pk, "places": 1}],
            4,
            "already has places",
        ),
        ([{"locality": here.pk, "places": 5}], 4, "add up to 5, more than the 4 places"),
        ([{"locality": there.pk, "places": 1}], 4, "not one of the localities that can book"),
    ]:
        form = event_form(event, rows, capacity)
        if rows[0]["locality"] == there.pk:
            form.update({"open_to": "localities", "open_localities": [str(here.pk)]})
        response = client.post(url, form)
        assert response.status_code == 200 and message in response.content.decode(), message
    assert not LocalityPlaces.objects.exists()
    response = client.post(url, event_form(event, [{"locality": here.pk, "places": 2}]))
    assert response.status_code == 302
    assert LocalityPlaces.objects.get(event=event).places == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a real database server (run in CI)"
)
def test_at_once_no_pool_takes_more_than_its_places():
    from tests.browser.conftest import ensure_base_data

    ensure_base_data()
    programme = f.make_programme()
    here = f.make_locality(programme)
    event = with_places(make_event(programme, capacity=2), here=(here, 1))
    bookers = [f.add_member(here), f.add_member(here), None, None]
    barrier = threading.Barrier(len(bookers))
    results = []

    def attempt(n, user):
        from django.db import connections

        try:
            barrier.wait()
            made = book(event, n, user=user)
            results.append((made.places_from_id, made.status))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n, u)) for n, u in enumerate(bookers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results, key=str) == sorted(
        [(here.pk, "confirmed"), (here.pk, "waiting"), (None, "confirmed"), (None, "waiting")],
        key=str,
    )
    assert event.places_taken_by_pool() == {here.pk: 1, None: 1}


def places_said(client, url) -> str:
    """The page's words, tags and spacing taken out."""
    html = client.get(url).content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_event_and_register_pages_tell_each_person_the_places_that_apply_to_them(
    setting, client
):
    programme, here, there = setting
    event = with_places(make_event(programme, capacity=6), here=(here, 2))
    member, outsider = f.add_member(here), f.add_member(there)
    book(event, 1, user=f.add_member(here))  # one of here's two places taken
    book(event, 2), book(event, 3)  # two of the four everyone places taken
    register_url = reverse("events:register", args=[event.pk])
    for url in (event.url, register_url):
        said = places_said(client, url)
        assert "2 places left for everyone else." in said
        assert "Other places are set aside for the " + here.title + " team." in said
        assert "If you are in the team, sign in to book one of them." in said
        assert "3 places left" not in said

        client.force_login(member)
        said = places_said(client, url)
        assert f"1 place left for the {here.title} team." in said
        assert "everyone else" not in said

        client.force_login(outsider)
        said = places_said(client, url)
        assert "2 places left for everyone else." in said and "sign in" not in said
        client.logout()


def test_a_full_locality_is_told_to_join_its_own_list_while_others_can_still_register(
    setting, client
):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=4), here=(here, 1))
    member = f.add_member(here)
    book(event, 1, user=f.add_member(here))
    client.force_login(member)
    said = places_said(client, event.url)
    assert f"The places for the {here.title} team are full: you can join its waiting list." in said
    assert "Join the waiting list" in said
    client.logout()
    said = places_said(client, event.url)
    assert "3 places left for everyone else." in said and "Register" in said


def test_the_everyone_places_never_show_more_than_the_event_has_left(setting, client):
    programme, here, _there = setting
    event = with_places(make_event(programme, capacity=3), here=(here, 1))
    held = book(event, 1, user=f.add_member(here))
    book(event, 2), book(event, 3)
    waiting = book(event, 4)
    services.cancel(registration=held)  # here's freed place is offered to the everyone list
    assert status(waiting) == Registration.OFFERED
    client.force_login(f.add_member(here))
    assert "The places for the " in places_said(client, event.url)
    client.logout()
    assert "Full for everyone else: you can join the waiting list." in places_said(
        client, event.url
    )


def test_a_member_of_two_localities_with_places_sees_both(setting, client):
    programme, here, there = setting
    event = with_places(make_event(programme, capacity=6), here=(here, 2), there=(there, 1))
    both = f.add_member(here)
    f.add_member(there, user=both)
    client.force_login(both)
    said = places_said(client, event.url)
    assert f"2 places left for the {here.title} team." in said
    assert f"1 place left for the {there.title} team." in said


def test_an_event_without_places_set_aside_says_places_left_as_before(setting, client):
    programme, here, _there = setting
    event = make_event(programme, capacity=2)
    client.force_login(f.add_member(here))
    said = places_said(client, event.url)
    assert "2 places left." in said and "everyone else" not in said


def test_a_member_booking_someone_else_uses_everyone_places_unless_they_are_in_the_team(setting):
    """A team's set-aside places are for its people: someone else booked by a member takes
    one of everyone's places when they confirm, and waits on everyone's list when none is left."""
    programme, here, there = setting
    event = with_places(make_event(programme, capacity=3), here=(here, 2))
    member = f.add_member(here)
    outsider = services.register(event=event, data=person(1), user=member)
    assert outsider.places_from == here  # as the member typed it: nothing held yet
    outsider = services.confirm(registration=outsider)
    assert (outsider.status, outsider.places_from) == ("confirmed", None)
    second = services.confirm(
        registration=services.register(event=event, data=person(2), user=member)
    )
    assert (second.status, second.places_from) == ("waiting", None)
    # A colleague's address: the team's places.
    colleague = f.add_member(here)
    booked_for = services.register(
        event=event, data={**person(3), "email": colleague.email}, user=member
    )
    booked_for = services.confirm(registration=booked_for)
    assert (booked_for.status, booked_for.places_from) == ("confirmed", here)
    assert event.places_taken_by_pool() == {here.pk: 1, None: 1}
