"""URL converters every app's URLs use (registered in SiteContentConfig.ready)."""


class IdConverter:
    """A database id in a URL: 1 to 18 digits, all a 64-bit id can hold. A longer number is
    simply no such page (404), never a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


class TokenConverter:
    """A private link's secret in a URL, as ``secrets.token_urlsafe`` makes them: letters,
    digits, ``-`` and ``_``. Anything else (a NUL, a space, a long paste) is simply no such
    link (404) and never reaches the database."""

    regex = "[A-Za-z0-9_-]{1,128}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)
