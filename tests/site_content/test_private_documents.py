"""Private documents are served only through Wagtail's permission-checked view."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction


@pytest.mark.django_db
def test_private_document_needs_sign_in_and_has_no_direct_media_url(client, settings):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Locality team papers")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    Document = get_document_model()
    doc = Document(title="Minutes", collection=private)
    doc.file.save("minutes.txt", ContentFile(b"private minutes"), save=True)
    assert doc.url.startswith("/documents/")
    response = client.get(doc.url)
    assert response.status_code == 302 and "login" in response["Location"]
    direct = client.get(settings.MEDIA_URL + doc.file.name)
    assert direct.status_code == 404
