"""Generate a large programme for the benchmark (make bench). Not for real sites."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from engagement.models import (
    Action,
    LocalityMembership,
    LocalityPage,
    Milestone,
    MilestoneReport,
    ProgrammePage,
    ProgrammePhase,
    ProgrammeRole,
    ProgressEntry,
)
from site_content.models import HomePage

SLUG = "bench-programme"


class Command(BaseCommand):
    help = "Create a programme with many localities, entries and actions (for make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--localities", type=int, default=100)
        parser.add_argument("--entries", type=int, default=20_000)
        parser.add_argument("--actions", type=int, default=5_000)

    def handle(self, *args, localities, entries, actions, **options):
        if ProgrammePage.objects.filter(slug=SLUG).exists():
            self.stdout.write("Bench data already present.")
            return
        rng = random.Random(20261122)
        User = get_user_model()
        with transaction.atomic():
            programme = ProgrammePage(title="Bench programme", slug=SLUG, purpose="Load testing.")
            start = datetime.date(2026, 1, 1)
            for i in range(5):
                programme.phases.add(
                    ProgrammePhase(
                        name=f"Phase {i + 1}",
                        sort_order=i,
                        start_date=start + datetime.timedelta(days=120 * i),
                        end_date=start + datetime.timedelta(days=120 * i + 119),
                    )
                )
            for i in range(4):
                programme.milestones.add(
                    Milestone(
                        title=f"Milestone {i + 1}",
                        unit="%",
                        baseline=2,
                        target=10 + 5 * i,
                        due_date=datetime.date(2027, 6, 30),
                        sort_order=i,
                    )
                )
            HomePage.objects.get().add_child(instance=programme)
            programme.save_revision().publish()
            phases = list(programme.phases.all())
            pages = []
            for i in range(localities):
                page = LocalityPage(
                    title=f"Bench locality {i + 1:03d}",
                    slug=f"bench-locality-{i + 1:03d}",
                    summary="A locality for load testing.",
                )
                programme.add_child(instance=page)
                pages.append(page)
            users = User.objects.bulk_create(
                [
                    User(email=f"bench{i}@bench.example.org", first_name="Bench", last_name=str(i))
                    for i in range(localities * 3)
                ]
            )
            LocalityMembership.objects.bulk_create(
                [
                    LocalityMembership(
                        locality=pages[i // 3], user=u, role="provider", is_lead=i % 3 == 0
                    )
                    for i, u in enumerate(users)
                ]
            )
            admin = User.objects.create_user(email="bench-admin@bench.example.org", password=None)
            ProgrammeRole.objects.create(programme=programme, user=admin, role=ProgrammeRole.ADMIN)
            now = timezone.now()
            batch = []
            for n in range(entries):
                loc = n % localities
                phase = phases[n % len(phases)]
                day = phase.start_date + datetime.timedelta(days=rng.randrange(110))
                batch.append(
                    ProgressEntry(
                        locality=pages[loc],
                        author=users[loc * 3 + n % 3],
                        phase=phase,
                        entry_date=day,
                        status=ProgressEntry.SUBMITTED if n % 10 else ProgressEntry.DRAFT,
                        what_we_did=f"Bench entry {n}: met people and wrote notes.",
                        what_we_learned="Something useful.",
                        next_steps="More of it.",
                        is_learning=n % 4 == 0,
                        submitted_at=now - datetime.timedelta(days=rng.randrange(90)),
                    )
                )
            ProgressEntry.objects.bulk_create(batch, batch_size=2000)
            statuses = [Action.OPEN, Action.IN_PROGRESS, Action.DONE, Action.DROPPED]
            Action.objects.bulk_create(
                [
                    Action(
                        locality=pages[n % localities],
                        title=f"Bench action {n}",
                        owner=users[(n % localities) * 3],
                        status=statuses[n % 4],
                        due_date=datetime.date(2026, 1, 1)
                        + datetime.timedelta(days=rng.randrange(600)),
                    )
                    for n in range(actions)
                ],
                batch_size=2000,
            )
            milestones = list(programme.milestones.all())
            MilestoneReport.objects.bulk_create(
                [
                    MilestoneReport(
                        locality=p,
                        milestone=m,
                        value=rng.randrange(20),
                        reported_on=datetime.date(2026, 3 * q + 1, 1),
                    )
                    for p in pages
                    for m in milestones
                    for q in range(3)
                ]
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {localities} localities, {entries} entries, {actions} actions."
            )
        )
