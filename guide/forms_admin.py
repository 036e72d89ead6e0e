"""The practice example's admin form: organisations, links, contacts and tags are edited as
lists of proper fields (Wagtail's list blocks, with add, remove and reorder), stored as the
plain lists the import format and the guide use; the publish flag's change is recorded with
who made it."""

from django import forms
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks.base import BlockField, BlockWidget


class ListWidget(BlockWidget):
    """A list block's widget that reads a damaged or hand-made post as "nothing readable"
    (the field then says so) instead of failing."""

    def value_from_datadict(self, data, files, name):
        try:
            if int(data[f"{name}-count"]) < 0:
                return None
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError):
            return None


class ListField(BlockField):
    """A list of texts or of small records, cleaned to plain Python lists."""

    def __init__(self, block, **kwargs):
        super().__init__(block=block, widget=ListWidget(block), **kwargs)

    def prepare_value(self, value):
        return self.block.to_python(value) if isinstance(value, list) else value

    def clean(self, value):
        if value is None:
            raise forms.ValidationError("This list could not be read. Please try again.")
        cleaned = super().clean(value)
        items = []
        for item in cleaned:
            if isinstance(item, str):
                if item.strip():
                    items.append(item.strip())
            else:
                record = {k: str(v).strip() for k, v in item.items() if v and str(v).strip()}
                if record:
                    items.append(record)
        return items

    def has_changed(self, initial, data):
        return True


def _text_list(label, help_text):
    return blocks.ListBlock(
        blocks.CharBlock(label=label, max_length=200, required=False),
        label=label,
        help_text=help_text,
    )


ORGANISATIONS = _text_list("Organisation", "Who did this work, one organisation per item.")
TAGS = _text_list("Tag", "Short words readers can use to find similar examples.")
LINKS = blocks.ListBlock(
    blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label="Link text", max_length=200)),
            ("url", blocks.URLBlock(label="Web address")),
        ],
        label="Link",
    ),
    label="Links",
)
CONTACTS = blocks.ListBlock(
    blocks.StructBlock(
        [
            ("role", blocks.CharBlock(label="Role", max_length=200, required=False)),
            ("name", blocks.CharBlock(label="Name", max_length=200, required=False)),
            ("email", blocks.EmailBlock(label="Email", required=False)),
            ("phone", blocks.CharBlock(label="Phone", max_length=50, required=False)),
        ],
        label="Contact",
    ),
    label="Contacts",
    help_text="Shown in public only when “publish contacts” is ticked; each then needs a name.",
)


class PracticeExampleAdminForm(WagtailAdminModelForm):
    organisations = ListField(ORGANISATIONS, label="Organisations")
    links = ListField(LINKS, label="Links", required=False)
    contacts = ListField(CONTACTS, label="Contacts", required=False)
    tags = ListField(TAGS, label="Tags", required=False)

    def clean_organisations(self):
        value = self.cleaned_data.get("organisations") or []
        if not value:
            raise forms.ValidationError("Add at least one organisation.")
        return value

    def save(self, commit=True):
        user = getattr(self, "for_user", None)
        if user is not None:
            self.instance.record_flag(user.get_full_name() or user.get_username())
        return super().save(commit=commit)
