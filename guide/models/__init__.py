from .examples import (
    GlossaryTerm,
    GuideBuild,
    PracticeCollection,
    PracticeExample,
    Theme,
    UsefulLink,
)
from .pages import GuideChapterPage, GuideEasyReadPage, GuidePage
from .sites import PublishedSite

__all__ = [
    "GlossaryTerm",
    "GuideBuild",
    "GuideChapterPage",
    "GuideEasyReadPage",
    "GuidePage",
    "PracticeCollection",
    "PracticeExample",
    "PublishedSite",
    "Theme",
    "UsefulLink",
]
