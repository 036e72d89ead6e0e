"""The kinds of event a programme runs, in the words its people use, each with one plain
sentence for someone who has not been to one before (shown on the event's page)."""

KIND_CHOICES = [
    ("launch", "Launch event"),
    ("design_day", "Design day"),
    ("diagnostic_day", "Diagnostic day"),
    ("network_meeting", "Network meeting"),
    ("residential", "Residential"),
    ("task_and_finish", "Task-and-finish group meeting"),
    ("steering_group", "Steering group"),
    ("congress", "Congress"),
    ("peer_support", "Peer support session"),
    ("drop_in", "Drop-in"),
    ("workshop", "Workshop"),
    ("conference", "Conference"),
    ("festival", "Festival"),
]

KIND_MEANINGS = {
    "launch": "The start of a programme or a new piece of work. Everyone is welcome.",
    "design_day": "A day when people who use, give and pay for support plan a change together.",
    "diagnostic_day": "A day in the area near the start of its work, to name what is hard "
    "now and what could be better.",
    "network_meeting": "People from different areas meet to share what they are learning.",
    "residential": "An event over two or three days, with somewhere to stay overnight.",
    "task_and_finish": "A small group that meets to do one piece of work, then stops.",
    "steering_group": "The group that oversees the programme and makes its decisions.",
    "congress": "A big meeting of local people, carers, providers and officials. It agrees "
    "actions and hears how the last ones went.",
    "peer_support": "Carers meet to support each other. You can bring the person you care for.",
    "drop_in": "Come along at any time while it is open. You do not need to stay for all of it.",
    "workshop": "A session of working in small groups on one question.",
    "conference": "Talks and discussion for a large group of people.",
    "festival": "A week of small events that ends with a big one.",
}
