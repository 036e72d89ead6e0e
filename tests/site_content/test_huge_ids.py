"""A number too long to be an id in any URL is "no such page" (404), never a server error:
every URL pattern with an id is tried with one, found by walking the patterns."""

import re

import pytest

from tests import factories as f
from tests import url_walk

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


def id_routes():
    routes = []
    for route in url_walk.routes():
        if "<id:" not in route or route.startswith(("^", "admin/")):
            continue
        path = re.sub(r"<id:[^>]+>", HUGE, route)
        if "<" in path:
            path = re.sub(r"<[^>]+>", "x", path)
        routes.append("/" + path)
    return sorted(set(routes))


def test_the_walk_finds_the_id_routes():
    routes = id_routes()
    assert len(routes) > 20
    assert f"/events/{HUGE}/register/" in routes and f"/stories/{HUGE}/tell/" in routes


@pytest.mark.parametrize("signed_in", [False, True])
def test_huge_ids_are_no_such_page(client, signed_in):
    if signed_in:
        client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    for path in id_routes():
        assert client.get(path).status_code in (302, 403, 404), path
        assert client.post(path, {}).status_code in (302, 403, 404, 405), path
