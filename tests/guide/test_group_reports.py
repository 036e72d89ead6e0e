"""A working group's closing report in a guide chapter: through the same gate as everything
else (closed, offered as learning, this guide's programme, no personal details)."""

import pytest
from django.utils import timezone

from engagement.models import ProgrammePage, ProgrammeRole, WorkingGroup
from engagement.people import services
from guide import gate
from guide.export import ExportError, export
from guide.models import GuideChapterPage
from tests import factories as f

pytestmark = pytest.mark.usefixtures("demo_db")

REPORT = "Matching works best after a long first visit, with a familiar worker."


def _group(programme, **extra):
    values = {
        "name": "Matching",
        "remit": "How people are matched.",
        "closing_report": REPORT,
        "closed_on": timezone.localdate(),
        "report_is_learning": True,
    }
    values.update(extra)
    return WorkingGroup.objects.create(programme=programme, **values)


def _quote_in_chapter(group):
    chapter = GuideChapterPage.objects.live().filter(path__startswith="").first()
    chapter.body.append(("group_report", {"group": group, "heading": ""}))
    chapter.save_revision().publish()
    return chapter


def test_closed_learning_report_is_published_in_its_programmes_guide(guide_dirs):
    living_well = ProgrammePage.objects.get(slug="living-well-in-later-life")
    group = _group(living_well)
    assert gate.refusals(group, REPORT) == []
    _quote_in_chapter(group)
    docs, _ = guide_dirs
    export(docs)
    found = [p for p in docs.rglob("*.md") if REPORT in p.read_text()]
    assert found, "the report is in a chapter"
    assert "What the Matching group found" in found[0].read_text()


@pytest.mark.parametrize(
    "extra, reason",
    [
        ({"closed_on": None}, "the group has not closed"),
        ({"report_is_learning": False}, "not marked as learning"),
        ({"closing_report": f"{REPORT} Ring 07700 900123."}, "phone number"),
    ],
)
def test_report_the_gate_refuses_stops_the_export(guide_dirs, extra, reason):
    living_well = ProgrammePage.objects.get(slug="living-well-in-later-life")
    group = _group(living_well, **extra)
    _quote_in_chapter(group)
    docs, _ = guide_dirs
    with pytest.raises(ExportError, match=reason):
        export(docs)


def test_another_programmes_report_is_refused_in_this_guide(guide_dirs):
    from guide.models import GuidePage

    other = ProgrammePage.objects.get(slug="day-services-together")
    group = WorkingGroup.objects.get(programme=other, closed_on__isnull=False)
    guide = GuidePage.objects.get(slug="living-well")
    refused = [str(r) for r in gate.refusals(group, group.closing_report, guide=guide)]
    assert any("another programme's work" in r for r in refused)


def test_only_the_programme_team_may_choose_a_report(client):
    from engagement import access

    other = ProgrammePage.objects.get(slug="day-services-together")
    closed = WorkingGroup.objects.get(programme=other, closed_on__isnull=False)
    team = f.add_programme_role(other, ProgrammeRole.TEAM)
    outsider = f.add_programme_role(
        ProgrammePage.objects.get(slug="living-well-in-later-life"), ProgrammeRole.TEAM
    )
    assert list(access.reportable_groups(team)) == [closed]
    assert list(access.reportable_groups(outsider)) == []
    open_group = WorkingGroup.objects.get(programme=other, name="Employment")
    services.close_group(by=team, group=open_group, report="Done.", is_learning=False)
    assert list(access.reportable_groups(team)) == [closed]
    client.force_login(outsider)
    chosen = client.get(f"/admin/choose-a-group-report/chosen/{closed.pk}/")
    assert chosen.status_code in (302, 403, 404)


def test_a_live_chapter_shows_the_report_only_while_the_gate_allows(client):
    client.force_login(f.UserFactory(is_superuser=True))  # the guide's editors read it here
    living_well = ProgrammePage.objects.get(slug="living-well-in-later-life")
    group = _group(living_well)
    chapter = _quote_in_chapter(group)
    assert REPORT in client.get(chapter.url).content.decode()
    WorkingGroup.objects.filter(pk=group.pk).update(closing_report=f"{REPORT} Ring 07700 900123.")
    assert "07700 900123" not in client.get(chapter.url).content.decode()
