"""Wagtail's document and image forms, with every upload checked by content and scanned
(WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE point here)."""

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtail.models import UploadedFile

from . import pictures, uploads


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


def _plainly(to_python, message):
    """Wagtail's image field lets Pillow's error through for a picture cut short (an OSError,
    which would read as the storage being down): say plainly that it is not a picture."""

    def checked(data):
        try:
            return to_python(data)
        except (OSError, SyntaxError) as exc:
            raise ValidationError(message, code="invalid_image") from exc

    return checked


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.to_python = _plainly(field.to_python, field.error_messages["invalid_image"])

    def clean_file(self):
        # Wagtail has already opened it as an image and applied its own size limit.
        return _checked(self.cleaned_data.get("file"), uploads.IMAGES + ("gif",), None)


@receiver(pre_save, sender=UploadedFile)
def _held_pictures_lose_their_details(sender, instance, **kwargs):
    """Wagtail's multiple upload holds the file as sent when another field of the image fails
    (the file itself passed the checks), and later makes the image from it without the form:
    it is held as the checks would keep it, without the details a phone hides in it."""
    held = instance.file
    if not held or held._committed:
        return
    if uploads.extension_of(held.name) in pictures.CLEANED_ON_UPLOAD:
        # Not a picture after all: it is left as it is, and refused as an image later.
        with contextlib.suppress(pictures.NotAPicture):
            instance.file = pictures.without_metadata(held.file)
