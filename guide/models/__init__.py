from .examples import (
    GlossaryTerm,
    GuideBuild,
    PracticeCollection,
    PracticeExample,
    Theme,
    UsefulLink,
)
from .pages import GuideChapterPage, GuideEasyReadPage, GuidePage

__all__ = [
    "GlossaryTerm",
    "GuideBuild",
    "GuideChapterPage",
    "GuideEasyReadPage",
    "GuidePage",
    "PracticeCollection",
    "PracticeExample",
    "Theme",
    "UsefulLink",
]
