import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COLLECTION = REPO / "guide" / "collections" / "living-well"
DEMO_GUIDE = "living-well"


def use_private_guide_dirs(tmp_path, settings):
    """A private folder for exports, and a private site folder. Returns the export folder and
    the demo guide's own site folder (GUIDE_SITE_DIR/living-well)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    settings.GUIDE_SITE_DIR = tmp_path / "site"
    return docs, tmp_path / "site" / DEMO_GUIDE


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
def demo_db(demo_for_module, db):
    """The demo programme and its guide (loaded once per module; each test's changes are
    undone after it)."""
