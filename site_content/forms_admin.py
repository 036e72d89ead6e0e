"""Wagtail's document and image forms, with every upload checked by content and scanned
(WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE point here)."""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from . import uploads


def _checked(upload, extensions, max_bytes):
    # A new upload passes the one rule; an unchanged file on an edit is not uploaded again.
    if upload and hasattr(upload, "read"):
        return uploads.check(upload, extensions=extensions, max_bytes=max_bytes)
    return upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        return _checked(
            self.cleaned_data.get("file"),
            settings.WAGTAILDOCS_EXTENSIONS,
            settings.ATTACHMENT_MAX_BYTES,
        )


class CheckedImageForm(BaseImageForm):
    def clean_file(self):
        # Wagtail has already opened it as an image and applied its own size limit.
        return _checked(self.cleaned_data.get("file"), uploads.IMAGES + ("gif",), None)
