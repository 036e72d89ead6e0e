"""Events' own views beside the Wagtail event pages: `public` for everyone, `organisers` for
the people who run an event."""
