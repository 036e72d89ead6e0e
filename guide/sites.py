"""Where built guides are kept and how readers get them: one home for both places.

- On this machine's disk (the default): GUIDE_SITE_DIR/<slug>/, swapped into place by
  renaming folders, which is atomic on one file system.
- In object storage (the "guides" storage, when OBJECT_STORAGE_BUCKET is set): object
  storage has no atomic rename, so each build is uploaded under a new prefix and the guide's
  PublishedSite pointer is switched to it only once every file is there. Older builds are
  pruned, keeping the one before for readers part way through a page."""

from __future__ import annotations

import mimetypes
import posixpath
import secrets
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.views.static import serve

from .models import PublishedSite

UPLOAD_THREADS = 8


class UploadError(Exception):
    """A build could not be uploaded; the pointer, and so the published guide, is unchanged."""


def in_storage(site_dir: Path | None = None) -> bool:
    """Whether a build goes to object storage: yes when there is one, unless the caller asked
    for a folder of its own (build_guide --site-dir)."""
    return settings.GUIDE_SITES_IN_STORAGE and site_dir is None


def put_in_place(guide, new_site: Path, site_dir: Path | None = None) -> str:
    """Publish the complete build in ``new_site`` for ``guide``. Returns where it went."""
    if in_storage(site_dir):
        return _put_in_storage(guide, new_site)
    target = Path(site_dir or guide.site_dir).resolve()
    _put_on_disk(new_site, target)
    return str(target)


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


def _put_in_storage(guide, new_site: Path) -> str:
    storage = _storage()
    # Sortable by time, so pruning never takes a newer build that is still uploading.
    prefix = f"{guide.slug}/{timezone.now():%Y%m%d%H%M%S}-{secrets.token_hex(4)}"
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
        keep_before = current.prefix if current else ""
        PublishedSite.objects.update_or_create(
            guide=guide, defaults={"prefix": prefix, "previous_prefix": keep_before}
        )
    prune(guide.slug, keep={prefix, keep_before}, older_than=prefix)
    return f"object storage, {prefix}/"


def prune(slug: str, *, keep: set[str], older_than: str) -> list[str]:
    """Delete this guide's builds that are older than ``older_than`` and not kept: those
    replaced twice over, and the leftovers of builds that were stopped part way."""
    storage = _storage()
    builds, _files = storage.listdir(f"{slug}/")
    gone = []
    for name in builds:
        prefix = f"{slug}/{name}"
        if prefix not in keep and prefix < older_than:
            _delete_tree(storage, prefix)
            gone.append(prefix)
    return gone


def forget(pointer: PublishedSite) -> None:
    """A guide page deleted: once that is committed, delete its builds from the bucket."""
    if not settings.GUIDE_SITES_IN_STORAGE:
        return
    prefixes = [p for p in (pointer.prefix, pointer.previous_prefix) if p]

    def delete():
        for prefix in prefixes:
            _delete_tree(_storage(), prefix)

    transaction.on_commit(delete)


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
    name = posixpath.join(guide.published_site.prefix, path)
    storage = _storage()
    if not storage.exists(name):
        raise Http404("No such page in the guide")
    kind, encoding = mimetypes.guess_type(path)
    response = FileResponse(storage.open(name, "rb"), content_type=kind or "text/plain")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    return response
