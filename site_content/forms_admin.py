"""Wagtail's document and image forms, with every upload checked by content and scanned
(WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE point here)."""

import os

from django import forms
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from . import uploads


def _checked(upload):
    if upload and hasattr(upload, "read"):
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        problem = uploads.problem_with(upload, extension)
        if problem:
            raise forms.ValidationError(problem)
    return upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        return _checked(self.cleaned_data.get("file"))


class CheckedImageForm(BaseImageForm):
    def clean_file(self):
        # Willow has already opened it as an image; the scanner still looks at it.
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read"):
            result = uploads.scan(upload)
            if not result.clean:
                raise forms.ValidationError(f"“{upload.name}” cannot be accepted: {result.detail}.")
        return upload
