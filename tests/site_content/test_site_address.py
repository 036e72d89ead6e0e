"""Page URLs name the site's real address (SITE_URL), not the ``localhost`` the first
migration gives the Wagtail Site."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from site_content.site_address import apply_after_migrate, host_and_port

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://cg.example.org", ("cg.example.org", 443)),
        ("https://cg.example.org/", ("cg.example.org", 443)),
        ("http://cg.example.org", ("cg.example.org", 80)),
        ("http://127.0.0.1:8123", ("127.0.0.1", 8123)),
        ("https://CG.example.org:8443/sub/", ("cg.example.org", 8443)),
    ],
)
def test_host_and_port_from_the_address(url, expected):
    assert host_and_port(url) == expected


@pytest.mark.parametrize("url", ["cg.example.org", "ftp://cg.example.org", ""])
def test_an_address_that_is_not_http_is_refused_plainly(url):
    with pytest.raises(ImproperlyConfigured, match="SITE_URL must be an http or https"):
        host_and_port(url)


def test_page_urls_name_the_site_url_after_the_command(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cg.example.org"
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert home.full_url == "http://localhost/"  # what the first migration made
    out = io.StringIO()
    call_command("set_site_address", stdout=out)
    assert out.getvalue().strip() == "The Wagtail site now answers as https://cg.example.org/"
    home = Page.objects.get(pk=home.pk).specific
    assert home.full_url == "https://cg.example.org/"
    out = io.StringIO()
    call_command("set_site_address", stdout=out)
    assert "already answers as https://cg.example.org/" in out.getvalue()
    call_command("set_site_address", "http://127.0.0.1:8123", stdout=io.StringIO())
    assert Page.objects.get(pk=home.pk).full_url == "http://127.0.0.1:8123/"


def test_the_command_names_a_bad_address():
    with pytest.raises(CommandError, match="SITE_URL must be"):
        call_command("set_site_address", "cg.example.org", stdout=io.StringIO())


def test_migrate_applies_it_only_when_site_url_is_set(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cg.example.org"
    settings.SITE_ADDRESS_FROM_ENV = False
    apply_after_migrate(sender=None, stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
    settings.SITE_ADDRESS_FROM_ENV = True
    out = io.StringIO()
    apply_after_migrate(sender=None, stdout=out)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("cg.example.org", 443)
    assert "https://cg.example.org/" in out.getvalue()


def test_migrate_itself_applies_it(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://cg.example.org"
    settings.SITE_ADDRESS_FROM_ENV = True
    call_command("migrate", verbosity=0, stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "https://cg.example.org"


def test_the_first_migrate_of_production_works_before_createcachetable(settings):
    # Production's cache is a database table that createcachetable makes after migrate.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "not_created_yet",
        }
    }
    settings.WAGTAILADMIN_BASE_URL = "https://cg.example.org"
    settings.SITE_ADDRESS_FROM_ENV = True
    apply_after_migrate(sender=None, stdout=io.StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "https://cg.example.org"
