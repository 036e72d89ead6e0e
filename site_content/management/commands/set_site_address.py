from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from site_content.site_address import apply_site_address


class Command(BaseCommand):
    help = (
        "Give the Wagtail Site the host name and port of SITE_URL (or of the address given), "
        "so page URLs name the real host. migrate does this too when SITE_URL is set."
    )

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="default: SITE_URL")

    def handle(self, *args, url=None, **options):
        try:
            site, changed = apply_site_address(url)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if site is None:
            raise CommandError("There is no default Wagtail site yet: run migrate first.")
        said = "now answers" if changed else "already answers"
        self.stdout.write(f"The Wagtail site {said} as {site.root_url}/")
