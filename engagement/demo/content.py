"""Words for the demo programme. Everything here is fictional: people, places and contacts."""

import datetime

D = datetime.date

PROGRAMME = {
    "title": "Living Well in Later Life",
    "slug": "living-well-in-later-life",
    "purpose": (
        "An 18-month programme helping eleven localities give older people more choice and "
        "control over their support, and sharing what works in a practical guide."
    ),
    "description": (
        "<p>Localities work in breadth (nine regional projects) and depth (two demonstrator "
        "sites). Each has a small team of change leaders: commissioners, providers, older people "
        "and carers. A steering group meets three times and keeps a shared store of work in "
        "progress.</p>"
    ),
}

PHASES = [
    (
        "What are we finding out?",
        "Gather what is already known, publish it and hold a launch event.",
        D(2026, 4, 1),
        D(2026, 5, 31),
    ),
    (
        "Making detailed plans",
        "Each locality holds a design day to work up its proposal and win local commitment.",
        D(2026, 6, 1),
        D(2026, 7, 31),
    ),
    (
        "Making it happen",
        "Twelve months of local work, with a network meeting of all localities after five to six months.",
        D(2026, 8, 1),
        D(2027, 7, 31),
    ),
    (
        "Sharing and learning what works",
        "Localities regroup to compare results, then a national conference.",
        D(2027, 8, 1),
        D(2027, 8, 31),
    ),
    (
        "Practical guidance launched",
        "A how-to guide with learning, practical steps, stories and outcomes, in print and online.",
        D(2027, 9, 1),
        D(2027, 9, 30),
    ),
]

MILESTONES = [
    (
        "People using adult social care on a personal budget",
        "Share of people using adult social care who have a personal budget.",
        "%",
        4,
        10,
        D(2027, 3, 31),
    ),
    (
        "People using adult social care on a personal budget (later target)",
        "",
        "%",
        4,
        30,
        D(2027, 9, 30),
    ),
    (
        "User-led organisations in the area",
        "At least one user-led organisation in each locality.",
        "organisations",
        0,
        1,
        D(2027, 6, 30),
    ),
    (
        "Older people and carers who have told us their story",
        "Stories gathered through appreciative inquiry.",
        "people",
        0,
        40,
        D(2027, 7, 31),
    ),
]

PARTNERS = [
    ("Later Life Alliance (fictional)", "partner"),
    ("Northern Councils Care Network (fictional)", "partner"),
    ("Westbrook Community Foundation (fictional)", "funder"),
]

# slug, title, kind, region, summary, priorities, proposals
LOCALITIES = [
    (
        "ashcombe",
        "Ashcombe",
        "Regional project",
        "South West",
        "We are helping older people in rural villages use personal budgets to pay for help from "
        "people they already know, like neighbours and local groups.",
        "Reach people in villages with no bus service\nMake personal budgets simple to ask for",
        "Train three village agents\nA one-page guide to personal budgets, checked by older people",
    ),
    (
        "brindle-moor",
        "Brindle Moor",
        "Regional project",
        "North West",
        "We are changing how reviews work so that older people lead their own review, with the "
        "people who matter to them in the room.",
        "Reviews that feel like a conversation\nFewer forms",
        "Try person-led reviews with 20 people\nReplace the review form with a good day / bad day sheet",
    ),
    (
        "carrick-vale",
        "Carrick Vale",
        "Regional project",
        "North East",
        "We are working with carers to plan support together, so that carers get a break and the "
        "person they care for keeps doing what matters to them.",
        "Breaks for carers that carers choose\nPlanning with the whole family",
        "A carers' planning group that meets monthly\nCircle of support sessions at the library",
    ),
    (
        "dunford",
        "Dunford",
        "Regional project",
        "Yorkshire and the Humber",
        "We are helping people in extra care housing take more control of the support they "
        "share, by pooling parts of their personal budgets.",
        "Shared support people want\nClear information about pooling budgets",
        "Pooling pilot in one extra care scheme\nTenant-led choice of activities",
    ),
    (
        "elmhurst",
        "Elmhurst",
        "Regional project",
        "East Midlands",
        "We are setting up a user-led organisation run by older people and carers, to give "
        "advice and help with support planning.",
        "A user-led organisation with its own board\nPeer support for planning",
        "Recruit a founding board of eight\nTrain twelve peer planners",
    ),
    (
        "fenwick-marsh",
        "Fenwick Marsh",
        "Regional project",
        "East of England",
        "We are working with black and minority ethnic communities to make sure support plans "
        "respect people's faith, language and food.",
        "Reach communities who rarely use council services\nSupport that fits culture and faith",
        "Partner with three community centres\nCommunity navigators who speak local languages",
    ),
    (
        "greywell",
        "Greywell",
        "Regional project",
        "West Midlands",
        "We are helping people leaving hospital plan their own support at home, instead of "
        "going into a care home by default.",
        "Fewer moves into care homes straight from hospital\nQuicker support at home",
        "A planning conversation before discharge\nShort-term personal budgets for the first six weeks",
    ),
    (
        "hollin-bank",
        "Hollin Bank",
        "Regional project",
        "London",
        "We are tackling loneliness among older people living alone, by building circles of "
        "support and linking people with local groups.",
        "People living alone who feel cut off\nLinks to local groups",
        "Circle of support pilot with 30 people\nA directory of local groups, in print and online",
    ),
    (
        "kestrel-downs",
        "Kestrel Downs",
        "Regional project",
        "South East",
        "We are making direct payments easier to manage, with a local support service that "
        "helps with employing personal assistants.",
        "Take-up of direct payments is low\nFear of being an employer",
        "A personal assistant matching service\nPayroll help from a local charity",
    ),
    (
        "larkbridge",
        "Larkbridge",
        "Demonstrator site",
        "North West",
        "As a demonstrator site, we are moving the whole council's assessment and support "
        "planning for older people to self-directed support.",
        "One process for assessment and personal budget allocation\nStaff confident with self-directed support",
        "New self-assessment questionnaire\nTraining for all care managers\nMonthly learning log shared with the programme",
    ),
    (
        "millthorpe",
        "Millthorpe",
        "Demonstrator site",
        "South West",
        "As a demonstrator site, we are working with care homes and home care providers to offer "
        "support people can choose and change.",
        "Providers who can offer flexible support\nPeople in care homes with a say in their day",
        "Individual service funds with two home care providers\nWorking / not working reviews in four care homes",
    ),
]

ROLE_ORDER = ["commissioner", "provider", "person_using_services", "carer", "facilitator", "other"]
FIRST_NAMES = [
    "Amara",
    "Bernard",
    "Cora",
    "Desmond",
    "Elsie",
    "Farid",
    "Gwen",
    "Harold",
    "Imani",
    "Jonah",
    "Kathleen",
    "Leon",
    "Maud",
    "Nikhil",
    "Olive",
    "Percy",
    "Queenie",
    "Rashid",
    "Sylvia",
    "Tobias",
    "Una",
    "Victor",
    "Winifred",
    "Yusuf",
    "Zelda",
    "Arthur",
    "Beryl",
    "Cyril",
    "Doreen",
    "Ezra",
    "Florence",
    "Gideon",
    "Hazel",
    "Ivor",
    "Joan",
    "Kwame",
]
LAST_NAMES = [
    "Ashdown",
    "Blackwood",
    "Corrigan",
    "Drummond",
    "Ellery",
    "Fairweather",
    "Galloway",
    "Hartley",
    "Inglewood",
    "Jarrow",
    "Kilbride",
    "Lockwood",
    "Marchbank",
    "Nettleton",
    "Oakley",
    "Pendry",
    "Quarrie",
    "Rookwood",
    "Sandilands",
    "Thistlewood",
    "Underhill",
    "Vesey",
    "Wetherby",
]

# (what we did, what we learned, what we will do next, tag slugs, learning for the guide)
ENTRIES = [
    (
        "Held our design day with 34 people, including 11 older people and 6 carers. We used "
        "working / not working to look at how people get support now.",
        "People said the first phone call to the council decides everything. If it goes badly, "
        "they do not call again.",
        "Rewrite the script for first calls with two older people from the team.",
        ["working-not-working", "older-people"],
        True,
    ),
    (
        "Visited four village halls to talk about personal budgets over tea.",
        "Most people had never heard the words 'personal budget'. Talking about 'money you control "
        "for your support' made more sense.",
        "Test a plain-English leaflet with the experts by experience panel.",
        ["set-a-personal-budget", "older-people", "people-living-alone"],
        True,
    ),
    (
        "Ran three person-led reviews using good day / bad day.",
        "Reviews took longer the first time but people said it was the first review that felt "
        "like it was about them.",
        "Train two more reviewers and try ten more reviews.",
        ["review-and-learn", "good-day-bad-day"],
        True,
    ),
    (
        "Met the carers' planning group for the second time; 9 carers came, 4 brought the person "
        "they care for.",
        "Carers want to plan breaks months ahead, not in a crisis. A shared calendar helped.",
        "Ask the library to host the group every month.",
        ["plan-support", "carers", "circle-of-support"],
        False,
    ),
    (
        "Agreed the pooling pilot with tenants in one extra care scheme.",
        "Tenants were worried about losing their own hours. Showing a worked example with real "
        "numbers (made up, not theirs) settled most worries.",
        "Start the pilot with 12 tenants who chose to join.",
        ["organise-the-money", "sheltered-or-extra-care-housing"],
        True,
    ),
    (
        "Interviewed candidates for the founding board of the user-led organisation.",
        "Paying travel costs upfront, not afterwards, made it possible for more people to take part.",
        "Hold the first board meeting and agree the terms of reference.",
        ["older-people", "carers"],
        False,
    ),
    (
        "Held a drop-in at the community centre with interpreters in two languages.",
        "Food and faith came up in almost every conversation about what makes a good day.",
        "Add a question about food and faith to the support plan template.",
        ["black-and-minority-ethnic-communities", "important-to-important-for"],
        True,
    ),
    (
        "Tried a planning conversation on the ward with five people before they went home.",
        "Two people went home with support they had chosen; before, both would have gone into "
        "a care home for assessment.",
        "Agree with the hospital team who starts the conversation.",
        ["plan-support", "older-people"],
        True,
    ),
    (
        "Built circles of support with 8 people living alone.",
        "Neighbours were glad to be asked; what they needed was a clear, small thing to do.",
        "Write a one-page 'how to ask' sheet for circle members.",
        ["circle-of-support", "relationship-circle", "people-living-alone"],
        True,
    ),
    (
        "Launched the personal assistant matching service; 6 matches in the first month.",
        "Matching on interests (gardening, football, faith) mattered more than on skills.",
        "Add interests to the sign-up form for personal assistants.",
        ["organise-support", "matching"],
        True,
    ),
    (
        "Trained 18 care managers in self-directed support over two days.",
        "Care managers worried about losing control of budgets; hearing from a person who uses "
        "a direct payment changed the mood in the room.",
        "Repeat the training for the evening team and write up the learning log.",
        ["set-a-personal-budget", "learning-log"],
        True,
    ),
    (
        "Started working / not working reviews in two care homes.",
        "Residents asked for small changes: later breakfasts, a say in the music. Staff could do "
        "most of them the same week.",
        "Share the changes at the next provider forum.",
        ["working-not-working", "care-homes", "live-life"],
        True,
    ),
]

ACTIONS = [
    (
        "Rewrite the first-call script",
        "Work with two older people on the words we use.",
        0,
        D(2026, 11, 30),
        "in_progress",
    ),
    (
        "Book venues for the network meeting",
        "Step-free, hearing loop, near a bus stop.",
        1,
        D(2026, 11, 10),
        "open",
    ),
    ("Send the leaflet to the experts by experience panel", "", 2, D(2026, 10, 31), "done"),
    (
        "Agree travel expenses policy for volunteers",
        "Pay upfront where people ask.",
        0,
        D(2027, 1, 15),
        "open",
    ),
    (
        "Collect figures for the personal budget milestone",
        "From the care records team.",
        4,
        D(2026, 11, 5),
        "open",
    ),
    (
        "Drop the paper survey",
        "The team agreed conversations work better.",
        5,
        D(2026, 9, 30),
        "dropped",
    ),
]

DEMO_PASSWORD = "common-ground-demo"  # noqa: S105 - documented demo password

DEMO_ACCOUNTS = [
    # email, first, last, what they are
    ("admin@example.org", "Priya", "Winterbourne", "admin"),
    ("coordinator@example.org", "Tom", "Ravensworth", "team"),
    ("expert@example.org", "Edith", "Marlow", "expert"),
    ("public@example.org", "Sam", "Hollis", "public"),
    ("board@example.org", "Ada", "Pennington", "board"),
    ("evaluator@example.org", "Kwame", "Adeyemi", "evaluator"),
    ("lead@ashcombe.example.org", "Helen", "Brackley", "lead:ashcombe"),
    ("member@ashcombe.example.org", "Rose", "Tamworth", "member:ashcombe:carer"),
]
