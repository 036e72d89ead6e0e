import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.first_admin import AccountExists, create_first_admin

PASSWORD_VARIABLE = "FIRST_ADMIN_PASSWORD"  # noqa: S105 - the name of a variable, not a secret


class Command(BaseCommand):
    help = (
        "Create the first admin account in one go: a superuser with a verified email address "
        "and an authenticator (TOTP) and recovery codes enrolled. The password is read from "
        f"{PASSWORD_VARIABLE} or asked for (never given on the command line, where ps shows "
        "it). The authenticator's secret and the recovery codes are shown once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, email, first_name, last_name, **options):
        password = self.password()
        try:
            admin = create_first_admin(email, password, first_name, last_name)
        except AccountExists as taken:
            raise CommandError(
                f"An account for {taken} already exists; nothing was changed. Sign in with it, "
                "or choose another address."
            ) from taken
        except ValidationError as weak:
            raise CommandError("The password was refused: " + " ".join(weak.messages)) from weak
        out = self.stdout
        out.write(f"Created the admin account {admin.user.email} (email address verified).")
        out.write("")
        out.write("Add this to an authenticator app now; it is not shown again.")
        out.write(f"  Authenticator link (paste or make a QR code of it): {admin.totp_url}")
        out.write(f"  Or type the secret by hand: {admin.totp_secret}")
        out.write("Recovery codes (each works once if the authenticator is lost):")
        out.write("  " + " ".join(admin.recovery_codes))
        out.write("")
        out.write("Then sign in at /accounts/login/ with the email, the password and a code.")

    def password(self) -> str:
        password = os.environ.get(PASSWORD_VARIABLE, "")
        if password:
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"Set {PASSWORD_VARIABLE} or run this in a terminal to be asked for the password."
            )
        password = getpass.getpass("Password for the admin account: ")
        if password != getpass.getpass("The same password again: "):
            raise CommandError("The two passwords differ; nothing was changed.")
        return password
