"""Where built guides are kept and how readers get them: one home for both places.

- On this machine's disk (the default): GUIDE_SITE_DIR/<slug>/, swapped into place by
  renaming folders, which is atomic on one file system.
- In object storage (the "guides" storage, when OBJECT_STORAGE_BUCKET is set): object
  storage has no atomic rename, so each build is uploaded under a new prefix and the guide's
  PublishedSite pointer is switched to it only once every file is there. Older builds are
  pruned, keeping the one before until the next build (a request already reading one of its
  files finishes)."""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import posixpath
import secrets
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from django.views.static import serve

from .models import PublishedSite

UPLOAD_THREADS = 8
log = logging.getLogger(__name__)


class UploadError(Exception):
    """A build could not be uploaded; the pointer, and so the published guide, is unchanged."""


def in_storage(site_dir: Path | None = None) -> bool:
    """Whether a build goes to object storage: yes when there is one, unless the caller asked
    for a folder of its own (build_guide --site-dir)."""
    return settings.GUIDE_SITES_IN_STORAGE and site_dir is None


@dataclass
class Placed:
    where: str  # the folder, or the object storage prefix
    warnings: list[str] = field(default_factory=list)


def put_in_place(guide, new_site: Path, site_dir: Path | None = None) -> Placed:
    """Publish the complete build in ``new_site`` for ``guide``."""
    if in_storage(site_dir):
        return _put_in_storage(guide, new_site)
    target = Path(site_dir or guide.site_dir).resolve()
    _put_on_disk(new_site, target)
    if target == Path(guide.site_dir).resolve():  # the guide's own folder, not a --site-dir
        _drop_builds_under_old_names(guide, target)
    return Placed(str(target))


def _drop_builds_under_old_names(guide, current: Path) -> None:
    """The guide's builds in folders named by a slug it had before. Left, such a folder would
    be served again if the guide took that slug back, with whatever has since been withdrawn
    from the guide (a quote, a name) still in it; the build just made is the guide."""
    from .models.pages import BUILT_FOR

    for marker in current.parent.glob(f"*/{BUILT_FOR}"):
        folder = marker.parent
        if folder.name.startswith(".") or folder.resolve() == current:
            continue
        try:
            built_for = marker.read_text().strip()
        except OSError:
            continue
        if built_for == str(guide.pk):
            # Out of reach at once (a dot folder is never served), then deleted.
            gone = folder.with_name(f".{folder.name}-gone-{secrets.token_hex(4)}")
            folder.rename(gone)
            shutil.rmtree(gone, ignore_errors=True)
            log.info("Removed %s, an earlier build of guide %s under an old name", folder, guide.pk)


def recover_disk(site_dir: Path) -> None:
    """A build killed mid-swap left the last guide aside: put it back."""
    old = _set_aside(site_dir)
    if old.exists() and not site_dir.exists():
        old.rename(site_dir)


def _set_aside(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}-old")


def _put_on_disk(new_site: Path, site_dir: Path) -> None:
    old = _set_aside(site_dir)
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        site_dir.rename(old)
    new_site.rename(site_dir)
    if old.exists():
        shutil.rmtree(old)


def _storage():
    return storages["guides"]


def folder_of(guide) -> str:
    """A guide's folder in the "guides" storage. Named by the page's id, not its slug: a
    renamed guide keeps its builds, and a new guide given the old slug never touches them."""
    return f"guide-{guide.pk}"


def _put_in_storage(guide, new_site: Path) -> Placed:
    storage = _storage()
    # Sortable by start time: of two builds of one guide at once, the later one started wins.
    prefix = f"{folder_of(guide)}/{timezone.now():%Y%m%d%H%M%S%f}-{secrets.token_hex(4)}"
    files = [p for p in new_site.rglob("*") if p.is_file()]

    def upload(path: Path) -> None:
        with path.open("rb") as handle:
            storage.save(f"{prefix}/{path.relative_to(new_site).as_posix()}", File(handle))

    try:
        with ThreadPoolExecutor(max_workers=UPLOAD_THREADS) as pool:
            list(pool.map(upload, files))  # list(): the first failed upload raises here
    except Exception as exc:  # botocore's and the disk's errors alike
        raise UploadError(
            f"The guide could not be uploaded to object storage ({type(exc).__name__}: {exc})."
        ) from exc
    with transaction.atomic():
        current = PublishedSite.objects.select_for_update().filter(guide=guide).first()
        newer = current is not None and current.prefix > prefix
        if not newer:
            keep_before = current.prefix if current else ""
            PublishedSite.objects.update_or_create(
                guide=guide, defaults={"prefix": prefix, "previous_prefix": keep_before}
            )
    if newer:
        # A build that started later finished first and is published: this one is dropped.
        _tidy(_delete_tree, storage, prefix)
        return Placed(
            f"object storage, {current.prefix}/",
            ["A later build of this guide was published while this one ran; it stays."],
        )
    if not _tidy(prune, folder_of(guide), keep={prefix, keep_before}, older_than=prefix):
        return Placed(
            f"object storage, {prefix}/",
            ["Older builds could not be deleted from object storage; the next build tries again."],
        )
    return Placed(f"object storage, {prefix}/", [])


def _tidy(clean, *args, **kwargs) -> bool:
    """Run a clean-up of old files; the published guide does not depend on it."""
    try:
        clean(*args, **kwargs)
    except Exception:  # botocore's and the disk's errors alike
        log.warning("Old guide builds could not be deleted", exc_info=True)
        return False
    return True


def prune(folder: str, *, keep: set[str], older_than: str) -> list[str]:
    """Delete this guide's builds that are older than ``older_than`` and not kept: those
    replaced twice over, and the leftovers of builds that were stopped part way. A newer
    build (one still uploading) is left alone."""
    storage = _storage()
    builds, _files = storage.listdir(f"{folder}/")
    gone = []
    for name in builds:
        prefix = f"{folder}/{name}"
        if prefix not in keep and prefix < older_than:
            _delete_tree(storage, prefix)
            gone.append(prefix)
    return gone


def delete_folder(folder: str) -> None:
    """Every build of a deleted guide (run by the worker, which retries)."""
    _delete_tree(_storage(), folder)


def _delete_tree(storage, top: str) -> None:
    folders, files = storage.listdir(f"{top}/")
    for name in files:
        storage.delete(f"{top}/{name}")
    for name in folders:
        _delete_tree(storage, f"{top}/{name}")


def serve_page(request, guide, path: str):
    """One file of the guide's last build, or Http404. ``path`` is relative to the guide's
    address; a folder means its index.html."""
    if ".." in path.split("/") or "\\" in path or path.startswith("/"):
        raise Http404("No such page in the guide")  # the same answer as any missing page
    if path == "" or path.endswith("/"):
        path += "index.html"
    if not in_storage():
        root = guide.site_dir
        if not (root / path).is_file():
            raise Http404("No such page in the guide")
        return serve(request, path, document_root=str(root))
    published = guide.published_site
    name = posixpath.join(published.prefix, path)
    storage = _storage()
    if not storage.exists(name):
        raise Http404("No such page in the guide")
    # A build's files never change once uploaded (a new build gets a new prefix), so the
    # object's name is its version. Browsers check again each time (the pointer may move)
    # and get a 304 without the body when they already have it.
    etag = quote_etag(hashlib.sha256(name.encode()).hexdigest()[:32])
    last_modified = int(published.published_at.timestamp())
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is None:
        kind, encoding = mimetypes.guess_type(path)
        response = FileResponse(storage.open(name, "rb"), content_type=kind or "text/plain")
        if encoding:
            response.headers["Content-Encoding"] = encoding
    else:
        response = unchanged
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, no_cache=True)
    return response
