"""Form fields shared by every app's forms."""

import datetime
import hashlib
import re
import unicodedata

from django import forms
from django.core.validators import validate_email
from django.template.defaultfilters import filesizeformat

from accounts.scrub import REPLACEMENT
from site_content import uploads

BIGGEST_ID = 2**63 - 1

# Control characters other than tab and newlines are removed from what people type (a NUL
# is refused by PostgreSQL, and none of them means anything in a story or a note); so are the
# marks that force the direction of the text after them (U+202A to U+202E, U+2066 to U+2069),
# which make a name or a line read differently from what it holds, to a moderator and in a
# spreadsheet. The marks that languages written right to left use within words stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


# What shows nothing on its own: spaces, format characters (zero-width space, joiner, word
# joiner...), accents with no letter under them, and control characters.
_UNSEEN = {"Zs", "Zl", "Zp", "Cf", "Cc", "Mn", "Me"}


def shows_nothing(value: str) -> bool:
    """Whether typed text holds nothing a reader would see (it counts as not filled in)."""
    return all(unicodedata.category(c) in _UNSEEN for c in value)


def clean_text(value) -> str:
    """Typed words without control characters or surrounding space; "" when nothing shows."""
    # A browser sends each line break as two characters: one is kept, as it is counted.
    text = _CONTROL.sub("", str(value or "").replace("\r\n", "\n")).strip()
    return "" if shows_nothing(text) else text


def addresses_in(text: str) -> list[str]:
    """The email addresses in a list typed one per line, or separated by commas or semicolons.
    An address an erasure has replaced (``[name removed]``) is no longer one."""
    parts = (part.strip() for part in re.split(r"[\n,;]+", text or ""))
    return [part for part in parts if part and part != REPLACEMENT]


def address_list_problem(text: str) -> str:
    """What is wrong with a typed list of email addresses, in plain words; empty if nothing."""
    odd = []
    for address in addresses_in(text):
        try:
            validate_email(address)
        except forms.ValidationError:
            odd.append(address)
    if not odd:
        return ""
    named = ", ".join(f"“{a[:60]}”" for a in odd[:5]) + (", and more" if len(odd) > 5 else "")
    return f"These are not email addresses: {named}. Write each like name@example.org."


def plausible_id(value) -> bool:
    # A database refuses (or overflows on) ids that are not small whole numbers; say "not a
    # choice" instead of asking it.
    text = str(value).strip()
    return text.isdigit() and text.isascii() and int(text) <= BIGGEST_ID


def id_from_query(value) -> int | None:
    """An id typed into a URL's query (``?locality=12``), or None when it cannot be one: a
    filter given nonsense or a number no database holds shows everything, never an error."""
    return int(str(value).strip()) if value and plausible_id(value) else None


def ids_from_query(values) -> list[int]:
    """The ids among several typed into a query or a form (``themes=3&themes=7``), leaving out
    any that cannot be one."""
    return [pk for pk in map(id_from_query, values) if pk is not None]


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not plausible_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not plausible_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(pk)[:20]},
                )
        return super()._check_values(value)


class PersonChoiceField(ModelChoiceField):
    """Choose a person by the name they go by (not their email address)."""

    def label_from_instance(self, obj):
        return obj.display_name


class DateInput(forms.MultiWidget):
    """A date as three boxes, day, month and year, typed as numbers (GOV.UK's date input).
    A browser's own date box looks different in every browser, and silently keeps the date it
    held when someone types "14 March" into it. What was typed comes back as typed when the
    date is not a real one. A whole date sent as one value (YYYY-MM-DD) is taken too."""

    template_name = "site_content/widgets/date_parts.html"
    PARTS = ("day", "month", "year")

    def __init__(self, attrs=None):
        boxes = {
            part: forms.TextInput(attrs={"inputmode": "numeric", "data-part": part})
            for part in self.PARTS
        }
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") >= 2:
            year, month, day = value.split("-", 2)
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (str(data.get(f"{name}_{part}", "")).strip() for part in self.PARTS)
        if day or month or year:  # the boxes, whenever anything is typed in them
            return f"{year}-{month}-{day}"
        return data.get(name, "")

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}_{part}" not in data for part in self.PARTS)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class CheckedFileField(forms.FileField):
    """The one file field every upload route uses: optional, and each file passes
    ``uploads.check`` (content sniffed, size limit, scanner). ``multiple`` takes several files
    and cleans to a list."""

    def __init__(
        self,
        *,
        extensions,
        max_bytes: int,
        keep_name: bool = True,
        multiple: bool = False,
        **kwargs,
    ):
        self.extensions, self.max_bytes = tuple(extensions), max_bytes
        self.keep_name, self.multiple = keep_name, multiple
        each = "Each file" if multiple else "The file"
        kwargs.setdefault(
            "help_text",
            f"{uploads.kinds_text(self.extensions)}. {each} can be up to "
            f"{re.sub(r'[.]0(?=[^0-9])', '', filesizeformat(max_bytes))}.",
        )
        if multiple:
            kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(required=False, **kwargs)
        # The browser's file picker offers the same kinds first (the server still checks).
        self.widget.attrs.setdefault("accept", ",".join(f".{e}" for e in self.extensions))

    def _check(self, upload):
        return uploads.check(
            upload, extensions=self.extensions, max_bytes=self.max_bytes, keep_name=self.keep_name
        )

    def clean(self, data, initial=None):
        if not self.multiple:
            upload = super().clean(data, initial)
            return self._check(upload) if upload else upload
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned, problems = [], []
        for upload in files:
            upload = super().clean(upload, initial) if upload else None
            if not upload:
                continue
            try:
                cleaned.append(self._check(upload))
            except forms.ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise forms.ValidationError(problems)
        return cleaned


STALE_MESSAGE = (
    "Someone else saved changes while you were editing. Your changes have not been saved yet. "
    "Check the latest version below, then save again."
)


def restarted_form(form_class, post, version, **kwargs):
    """After a stale edit: the person's input, kept, now based on the latest saved version."""
    data = post.copy()
    data["version"] = version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, STALE_MESSAGE)
    return form


class AsksForFilesAgain:
    """For a form with file fields: when it is sent back with a problem, what was typed is
    kept, but a browser cannot be given a chosen file back. So each file that was chosen is
    asked for again, on its field and in the error summary, rather than quietly dropped."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not self._errors:
            return
        for name, field in self.fields.items():
            chosen = self.files.getlist(self.add_prefix(name))
            if isinstance(field, CheckedFileField) and chosen and name not in self._errors:
                self.add_error(
                    name,
                    f"Choose the file for “{field.label}” again. A file is not kept when "
                    "something else on the page needs changing.",
                )


OVERWRITE_MESSAGE = (
    "Someone else saved changes to this while you were editing, so yours have not been saved "
    "yet. What you typed is still below: save again to put your version in place of theirs, "
    "or cancel to keep theirs."
)


def fingerprint(record) -> str:
    """A short digest of what a saved record holds, its many-to-many choices included."""
    values = [(f.attname, str(getattr(record, f.attname))) for f in record._meta.concrete_fields]
    values += [
        (f.name, sorted(getattr(record, f.name).values_list("pk", flat=True)))
        for f in record._meta.many_to_many
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:20]


class NoticesOtherSaves:
    """For a ModelForm that edits a saved record: the form carries what the record held when
    it was opened, and a save after someone else's is sent back, with everything typed kept,
    instead of silently writing over their change. Saving again then goes ahead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_as"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.initial["opened_as"] = fingerprint(self.instance)

    def clean(self):
        cleaned = super().clean()
        opened_as = cleaned.get("opened_as")
        if self.instance.pk is None or not opened_as:
            return cleaned
        saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        now = fingerprint(saved) if saved is not None else ""
        if opened_as != now:
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_as")] = now  # based on theirs from now on
            raise forms.ValidationError(OVERWRITE_MESSAGE, code="stale")
        return cleaned
