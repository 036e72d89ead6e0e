"""Private files never sit under a folder the web server publishes: the site will not start
if PRIVATE_MEDIA_ROOT overlaps MEDIA_ROOT or STATIC_ROOT."""

from django.core import checks

from site_content.checks import private_files_outside_public_folders


def test_separate_folders_pass(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    assert private_files_outside_public_folders() == []


def test_private_files_under_the_public_media_folder_stop_the_site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "media" / "private"
    errors = private_files_outside_public_folders()
    assert [e.id for e in errors] == ["commonground.E003"]
    assert errors[0].level == checks.ERROR and "MEDIA_ROOT" in errors[0].msg


def test_a_public_folder_inside_the_private_one_is_refused_too(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.STATIC_ROOT = tmp_path / "static"
    settings.MEDIA_ROOT = tmp_path.parent / "elsewhere"
    assert [
        e.msg.split(" overlaps ")[1].split()[0] for e in private_files_outside_public_folders()
    ] == ["STATIC_ROOT"]
