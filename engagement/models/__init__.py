from .pages import LocalityPage, Milestone, Partner, ProgrammePage, ProgrammePhase
from .workspace import (
    Action,
    DevelopmentPlan,
    EntryAttachment,
    EntryRevision,
    LocalityMembership,
    MilestoneReport,
    ProgrammeRole,
    ProgressEntry,
    Tag,
)

__all__ = [
    "Action",
    "DevelopmentPlan",
    "EntryAttachment",
    "EntryRevision",
    "LocalityMembership",
    "LocalityPage",
    "Milestone",
    "MilestoneReport",
    "Partner",
    "ProgrammePage",
    "ProgrammePhase",
    "ProgrammeRole",
    "ProgressEntry",
    "Tag",
]
