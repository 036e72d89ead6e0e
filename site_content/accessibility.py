"""What the platform itself knows about its accessibility, for the accessibility statement.
Problems an organisation finds in its own content are added in the admin."""

# Parts of the platform known not to meet WCAG 2.2 AA, or not yet tested well enough to say
# they do: (what, why, the criterion, what we do about it).
PLATFORM_PROBLEMS = [
    (
        "Documents that people upload, such as PDFs and Word files, may not be accessible.",
        "We check how easy they are to read, but not how they are built. A document may "
        "have no headings, or pictures with no description.",
        "1.1.1, 1.3.1",
        "We ask for an Easy Read or plain version of each document sent to a panel. Ask us "
        "and we will send a document in another format.",
    ),
    (
        "The PDF copies of the guide have not been tested with screen readers.",
        "They are made from the web pages of the guide, which are tested. The PDF itself "
        "is not checked.",
        "1.3.1",
        "Read the guide on the web, where every page is tested. Ask us if you need the guide "
        "in another format.",
    ),
    (
        "Voice recordings that people send with their stories have no written version.",
        "The team listens to each recording, but no one writes down every word of it.",
        "1.2.1",
        "Ask us and we will write down a recording for you.",
    ),
]

# How the platform is tested, for the statement's "how we tested" section.
HOW_TESTED = [
    "Each time the platform changes, its automatic tests open the pages people use in a real "
    "web browser. An automatic check (axe) looks for problems on each page against WCAG 2.2 "
    "AA. A change is not released while it finds any.",
    "The tests check that two tasks work with a keyboard only: telling a story and giving "
    "feedback as a member of a panel.",
    "The tests check that the public pages, the workspace pages, the story form and these "
    "notices fit a screen 320 pixels wide without scrolling sideways. They check that text "
    "can be made twice as large on the progress form and these notices.",
    "Automatic checks find only some problems. People who use the website can tell us about "
    "others, as this statement explains.",
]
