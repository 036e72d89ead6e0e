"""Wagtail's image chooser, asked for a search and a tag at once, filters the search results
on the tag's name, which the image model's search index does not list as a filter field, and
so fails with a server error (wagtail/wagtail#9160). The tag name is added to the filter fields
of every Wagtail model whose index has tags, once, when the app loads."""

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.search import index


def install() -> None:
    for model in (get_image_model(), get_document_model()):
        for related in model.search_fields:
            if isinstance(related, index.RelatedFields) and related.field_name == "tags":
                _filter_on_name(related)


def _filter_on_name(related) -> None:
    if not any(
        isinstance(field, index.FilterField) and field.field_name == "name"
        for field in related.fields
    ):
        related.fields.append(index.FilterField("name"))
