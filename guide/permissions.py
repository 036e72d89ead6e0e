"""Who may publish a guide. A guide holds the work of every programme it draws on (and of its
own programme), so publishing it is a decision for the programme staff of each of those
programmes (engagement's access rules say who they are); superusers may always publish."""

from engagement import access as engagement_permissions
from engagement.models import LocalityPage, Story

from .models import GuideChapterPage, PracticeExample


def programmes_in_guide(guide) -> set[int]:
    """Every programme whose work the guide holds: its own programme, the localities its
    chapters draw on, its practice examples' localities and the inquiries of the stories its
    chapters quote."""
    chapters = GuideChapterPage.objects.live().descendant_of(guide)
    held = set(
        LocalityPage.objects.filter(guide_chapters__in=chapters).values_list(
            "programme_id", flat=True
        )
    )
    held |= set(
        PracticeExample.objects.filter(guide=guide, locality__isnull=False).values_list(
            "locality__programme_id", flat=True
        )
    )
    quoted = {
        str(block["value"].get("story"))
        for chapter in chapters.only("body")
        for block in chapter.body.raw_data
        if block["type"] == "story_quote" and block["value"].get("story")
    }
    held |= set(Story.objects.filter(pk__in=quoted).values_list("inquiry__programme_id", flat=True))
    held.add(guide.programme_id)
    return {pid for pid in held if pid}


def may_see_publish_menu(user) -> bool:
    """Whether the admin menu offers "Publish guide": cheap, for every admin page. The
    screen itself asks can_publish_guide, which looks at what the guide holds."""
    return bool(user and user.is_active and user.is_superuser) or (
        engagement_permissions.is_any_programme_staff(user)
    )


def can_publish_guide(user, guide) -> bool:
    """Superusers; otherwise programme staff (admins and team) of every programme whose work
    the guide holds (any programme staff while it holds none)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    held = programmes_in_guide(guide)
    if not held:
        return engagement_permissions.is_any_programme_staff(user)
    return all(engagement_permissions.is_programme_staff(user, pid) for pid in held)
