"""The demo programme, localities, people and progress. Safe to run again: what is already
there is left as it is. Registered with site_content's ``load_demo``."""

import datetime
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page, Site

from engagement.demo import content as demo
from engagement.demo.people import demo_user
from engagement.models import (
    Action,
    DevelopmentPlan,
    LocalityMembership,
    LocalityPage,
    Milestone,
    MilestoneReport,
    Partner,
    ProgrammePage,
    ProgrammePhase,
    ProgrammeRole,
    ProgressEntry,
    Tag,
)
from engagement.workspace import services
from site_content.models import (
    AccessibilityStatementPage,
    DataProtectionDetails,
    HomePage,
    PrivacyNoticePage,
    StandardPage,
)

STANDARD_PAGES = [
    (
        "about",
        "About Common Ground",
        "Common Ground is where health and social care programmes are run together with the "
        "people they are for, and where what they learn is shared.",
    ),
]
# The first demo's stub pages, replaced by the pages written from the platform's own facts.
OLD_STUBS = {
    "accessibility": "This page says how accessible it is and how to tell us about a problem.",
    "privacy": "This notice explains what we record about you, why, who can see it",
}
# A fictional organisation: the telephone number is in Ofcom's range kept for drama.
DEMO_DATA_PROTECTION = {
    "organisation_name": "Ashcombe and Dunmere Care Partnership (a fictional organisation)",
    "contact": "Email privacy@ashcombe.example.org\nPhone 01632 960 123\n"
    "Write to: Information Team, 1 Market Street, Ashcombe",
    "dpo": "Sam Okafor, Data Protection Officer. Email dpo@ashcombe.example.org",
    "lawful_basis": "We use your story and your feedback because you agree to it. You can "
    "change your mind at any time.\nWe use bookings and progress logs to carry out our "
    "public task of planning care and support.",
    "special_category_condition": "We use health and care information, such as access needs, "
    "because you agree to it, and for health and social care services.",
    "processors": "Our web host, which runs the website and keeps its files\n"
    "Our email service, which sends the website's emails",
}


def load(stdout) -> None:
    DemoLoader().run(stdout)


class DemoLoader:
    def run(self, stdout):
        home = self.home_page()
        programme = self.programme(home)
        localities = self.localities(programme)
        self.people(programme, localities)
        self.workspace_records(programme, localities)
        stdout.write(
            f"  {programme.title}: {len(localities)} localities. Demo accounts use the "
            f"password '{demo.DEMO_PASSWORD}'."
        )

    # --- pages -------------------------------------------------------------------------

    def home_page(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(instance=HomePage(title="Common Ground", slug="home"))
            Site.objects.update_or_create(
                is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
            )
        if not home.introduction:
            home.introduction = (
                "<p>Common Ground is where people who use services, carers, councils and care "
                "providers change how care and support work, together.</p>"
            )
            home.save_revision().publish()
        for slug, title, intro in STANDARD_PAGES:
            if not StandardPage.objects.filter(slug=slug).exists():
                page = StandardPage(title=title, slug=slug, introduction=intro, show_in_menus=True)
                home.add_child(instance=page)
                page.save_revision().publish()
        self.trust_pages(home)
        return home

    def trust_pages(self, home):
        for slug, stub in OLD_STUBS.items():
            for old in StandardPage.objects.filter(slug=slug, introduction__contains=stub):
                old.delete()
        if not PrivacyNoticePage.objects.exists():
            page = PrivacyNoticePage(
                title="Privacy notice",
                slug="privacy",
                introduction="This notice says what we keep about you, why, who can read it, "
                "how long we keep it and how to change your mind.",
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        if not AccessibilityStatementPage.objects.exists():
            today = timezone.localdate()
            page = AccessibilityStatementPage(
                title="Accessibility statement",
                slug="accessibility",
                contact_email="access@ashcombe.example.org",
                contact_phone="01632 960 124",
                prepared_on=today,
                last_reviewed_on=today,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        details = DataProtectionDetails.load()
        if not details.organisation_name:
            for name, value in DEMO_DATA_PROTECTION.items():
                setattr(details, name, value)
            details.save()

    def programme(self, home) -> ProgrammePage:
        programme = ProgrammePage.objects.filter(slug=demo.PROGRAMME["slug"]).first()
        if programme:
            return programme
        programme = ProgrammePage(**demo.PROGRAMME)
        for i, (name, purpose, start, end) in enumerate(demo.PHASES):
            programme.phases.add(
                ProgrammePhase(
                    name=name, purpose=purpose, start_date=start, end_date=end, sort_order=i
                )
            )
        for i, (title, desc, unit, baseline, target, due) in enumerate(demo.MILESTONES):
            programme.milestones.add(
                Milestone(
                    title=title,
                    description=desc,
                    unit=unit,
                    baseline=baseline,
                    target=target,
                    due_date=due,
                    sort_order=i,
                )
            )
        for i, (name, kind) in enumerate(demo.PARTNERS):
            programme.partners.add(Partner(name=name, kind=kind, sort_order=i))
        home.add_child(instance=programme)
        programme.save_revision().publish()
        return programme

    def localities(self, programme) -> list[LocalityPage]:
        pages = []
        for slug, title, kind, region, summary, priorities, proposals in demo.LOCALITIES:
            page = LocalityPage.objects.filter(slug=slug).first()
            if page is None:
                page = LocalityPage(
                    title=title,
                    slug=slug,
                    kind=kind,
                    region=region,
                    summary=summary,
                    contact_role="locality lead",
                    contact_email=f"{slug}-team@example.org",
                )
                programme.add_child(instance=page)
                page.save_revision().publish()
                page.refresh_from_db()
                DevelopmentPlan.objects.get_or_create(
                    locality=page, defaults={"priorities": priorities, "proposals": proposals}
                )
                services.priorities_from_text(locality=page, text=priorities)
            pages.append(page)
        return pages

    # --- people ------------------------------------------------------------------------

    def people(self, programme, localities):
        by_slug = {loc.slug: loc for loc in localities}
        for email, first, last, what in demo.DEMO_ACCOUNTS:
            extra = {"is_staff": True, "is_superuser": True} if what == "admin" else {}
            user = demo_user(email, first, last, **extra)
            if what in ("admin", "team", "expert", "board", "evaluator"):
                ProgrammeRole.objects.get_or_create(
                    programme=programme, user=user, defaults={"role": what}
                )
            elif what.startswith("lead:"):
                LocalityMembership.objects.get_or_create(
                    locality=by_slug[what.split(":")[1]],
                    user=user,
                    defaults={"role": "commissioner", "is_lead": True},
                )
            elif what.startswith("member:"):
                _, slug, role = what.split(":")
                LocalityMembership.objects.get_or_create(
                    locality=by_slug[slug], user=user, defaults={"role": role}
                )
        for i, locality in enumerate(localities):
            taken = set(
                LocalityMembership.objects.filter(locality=locality).values_list("role", flat=True)
            )
            for j, role in enumerate(demo.ROLE_ORDER):
                if role in taken:
                    continue
                first = demo.FIRST_NAMES[(i * 6 + j) % len(demo.FIRST_NAMES)]
                last = demo.LAST_NAMES[(i * 7 + j * 3) % len(demo.LAST_NAMES)]
                email = f"{first}.{last}@{locality.slug}.example.org".lower()
                user = demo_user(email, first, last)
                LocalityMembership.objects.get_or_create(
                    locality=locality,
                    user=user,
                    defaults={"role": role, "is_lead": role == "commissioner"},
                )

    # --- workspace records -------------------------------------------------------------

    def workspace_records(self, programme, localities):
        phases = list(programme.phases.all())
        milestones = list(programme.milestones.all())
        tags = {t.slug: t for t in Tag.objects.all()}
        for i, locality in enumerate(localities):
            if ProgressEntry.objects.filter(locality=locality).exists():
                continue
            team = list(LocalityMembership.objects.filter(locality=locality).select_related("user"))
            # Three to five entries each, taken round the pool so neighbours read differently.
            for k in range(3 + i % 3):
                did, learned, nxt, tag_slugs, learning = demo.ENTRIES[
                    (i + k * 3) % len(demo.ENTRIES)
                ]
                day = datetime.date(2026, 11, 18) - datetime.timedelta(days=(k * 23 + i * 2))
                phase = next((p for p in phases if p.contains(day)), phases[0])
                author = team[(i + k) % len(team)].user
                entry = services.save_entry(
                    locality=locality,
                    editor=author,
                    data={
                        "entry_date": day,
                        "phase": phase,
                        "what_we_did": did,
                        "what_we_learned": learned,
                        "next_steps": nxt,
                        "is_learning": learning,
                    },
                    tags=[tags[s] for s in tag_slugs if s in tags],
                    submit=True,
                )
                stamp = timezone.make_aware(datetime.datetime.combine(day, datetime.time(16, 30)))
                ProgressEntry.objects.filter(pk=entry.pk).update(
                    submitted_at=stamp, created_at=stamp
                )
            # One unfinished draft by the lead.
            lead = next(m.user for m in team if m.is_lead)
            services.save_entry(
                locality=locality,
                editor=lead,
                data={
                    "entry_date": None,
                    "phase": None,
                    "what_we_did": "Notes from the steering group call (not finished).",
                    "what_we_learned": "",
                    "next_steps": "",
                    "is_learning": False,
                },
                tags=[],
                submit=False,
            )
            for k, (title, desc, owner_index, due, status) in enumerate(demo.ACTIONS):
                if (i + k) % 3 == 0 and status != "done":
                    continue  # localities differ in what they have on their list
                services.create_action(
                    locality=locality,
                    creator=lead,
                    data={
                        "title": title,
                        "description": desc,
                        "owner": team[owner_index % len(team)].user,
                        "due_date": due,
                        "status": status,
                        "source_note": "Design day",
                    },
                )
            self.milestone_figures(locality, milestones, i, lead)
        Action.objects.filter(status=Action.DONE, completed_at__isnull=False).update(
            completed_at=timezone.make_aware(datetime.datetime(2026, 11, 12, 12, 0))
        )

    def milestone_figures(self, locality, milestones, i, reporter):
        dates = [
            datetime.date(2026, 6, 30),
            datetime.date(2026, 9, 30),
            datetime.date(2026, 11, 15),
        ]
        for m in milestones:
            for step, day in enumerate(dates):
                if m.unit == "%":
                    value = Decimal(m.baseline) + Decimal(
                        str(round((step + 1) * (1.2 + (i % 5) * 0.6), 1))
                    )
                elif m.unit == "organisations":
                    if step < 2:
                        continue
                    value = Decimal(1 if i % 3 != 0 else 0)
                else:
                    value = Decimal((step + 1) * (3 + i % 4))
                MilestoneReport.objects.create(
                    locality=locality,
                    milestone=m,
                    reported_on=day,
                    value=value,
                    note="From the quarterly figures",
                    reported_by=reporter,
                )
