"""The guide's pages in the page tree are its editors' copy. Anyone else who follows a link
to them is sent to the published guide, which only the publication gate writes, or told it is
not published yet: there is no second way out."""

import pytest
from django.core.management import call_command

from guide.models import GuideEasyReadPage
from tests import factories as f

pytestmark = pytest.mark.usefixtures("demo_db")


def _pages():
    easy = GuideEasyReadPage.objects.live().first()
    chapter = easy.get_parent().specific
    guide = chapter.get_parent().specific
    return guide, chapter, easy


def _readers():
    return {
        "anonymous": None,
        "signed-in public": f.UserFactory(),
        "locality member": f.add_member(f.make_locality(f.make_programme())),
    }


def test_readers_are_sent_to_the_published_guide(guide_dirs, client):
    call_command("build_guide", "--no-pdf", stdout=open("/dev/null", "w"))  # noqa: SIM115
    guide, chapter, easy = _pages()
    expected = {
        guide.url: "/guides/living-well/",
        chapter.url: f"/guides/living-well/chapters/{chapter.slug}.html",
        easy.url: f"/guides/living-well/chapters/{chapter.slug}-easy-read.html",
    }
    for who, user in _readers().items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for tree_url, published in expected.items():
            response = client.get(tree_url)
            assert response.status_code == 302, (who, tree_url)
            assert response["Location"] == published, (who, tree_url)
            built = client.get(published)
            assert built.status_code == 200, (who, published)


def test_a_guide_not_built_yet_is_not_found_by_readers(guide_dirs, client):
    guide, chapter, _easy = _pages()
    for url in (guide.url, chapter.url):
        assert client.get(url).status_code == 404


def test_the_guides_editors_read_the_copy_in_the_tree(guide_dirs, client):
    guide, chapter, easy = _pages()
    client.force_login(f.UserFactory(is_superuser=True))
    for page in (guide, chapter, easy):
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
