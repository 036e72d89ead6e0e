"""Story pages: the public ones (telling, the storyteller's private link) and the inquiry
team's (analysis, coding, propositions, report, CSV, letters)."""
