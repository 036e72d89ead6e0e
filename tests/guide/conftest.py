import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
COLLECTION = REPO / "guide" / "collections" / "living-well"


def use_private_guide_dirs(tmp_path, settings):
    """Point the guide at a private copy of the framing pages and a private site folder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("about.md", "how-to-use.md"):
        shutil.copy(REPO / "guide" / "docs" / name, docs / name)
    shutil.copytree(REPO / "guide" / "docs" / "assets", docs / "assets")
    settings.GUIDE_DOCS_DIR = docs
    settings.GUIDE_SITE_DIR = tmp_path / "site"
    return docs, tmp_path / "site"


@pytest.fixture
def guide_dirs(tmp_path, settings):
    return use_private_guide_dirs(tmp_path, settings)


@pytest.fixture
def collection(tmp_path):
    """An editable copy of the shipped example collection."""
    target = tmp_path / "collection"
    shutil.copytree(COLLECTION, target)
    return target


@pytest.fixture
def demo_db(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
