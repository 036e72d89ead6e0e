"""Django's general error messages are said for the field they are about (GOV.UK pattern),
in the error summary and beside the field."""

import pytest
from django import forms
from django.template.loader import render_to_string

from site_content.plain_errors import plain


class Booking(forms.Form):
    email = forms.EmailField(label="Email")
    nhs = forms.CharField(label="NHS number", max_length=10)
    locality = forms.ChoiceField(label="Locality", choices=[("a", "Ashcombe")])
    day = forms.DateField(label="Date of the visit")
    places = forms.IntegerField(label="Places", max_value=4)
    agree = forms.BooleanField(label="I agree to the terms")
    why = forms.CharField(label="Why are you coming? (optional)", required=False, max_length=5)
    how = forms.CharField(label="How did you hear about it?")


@pytest.fixture
def form():
    bad = {"nhs": "12345678901", "locality": "z", "day": "31/02/2026", "places": "9"}
    form = Booking(data={**bad, "why": "because"})
    form.is_valid()
    return form


def test_each_general_message_names_its_field(form):
    said = {f.name: [plain(e, f) for e in f.errors] for f in form}
    assert said == {
        "email": ["Enter the email"],
        "nhs": ["Keep the NHS number to 10 characters or fewer"],
        "locality": ["Choose the locality from the list"],
        "day": ["Date of the visit must be a real date, for example 27 March 2027"],
        "places": ["Places must be 4 or less"],
        "agree": ["Tick “I agree to the terms” to go on"],
        "why": ["Keep your answer to “Why are you coming?” to 5 characters or fewer"],
        "how": ["Answer “How did you hear about it?”"],
    }


def test_the_summary_and_the_field_say_the_same(form):
    summary = render_to_string("site_content/includes/error_summary.html", {"forms": [form]})
    field = render_to_string("site_content/includes/field.html", {"field": form["email"]})
    assert '<a href="#id_email">Enter the email</a>' in summary
    assert "Error:</span> Enter the email</p>" in field
    assert "This field is required" not in summary + field


def test_a_label_that_asks_is_answered_and_figures_have_commas():
    class Feedback(forms.Form):
        more = forms.CharField(label="Tell us more about question 1", max_length=5000)
        email = forms.EmailField(label="Your email")

    form = Feedback(data={"more": "x" * 5001, "email": "not an address"})
    form.is_valid()
    said = {f.name: [plain(e, f) for e in f.errors] for f in form}
    assert said == {
        "more": [
            "Keep your answer to “Tell us more about question 1” to 5,000 characters or fewer"
        ],
        "email": ["Enter an email address in the right form, like name@example.org"],
    }

    class Stakeholder(forms.Form):
        name = forms.CharField(max_length=200)
        agree = forms.BooleanField(label="Tell the team I agree")

    named = Stakeholder(data={"name": "x" * 201})
    named.is_valid()
    assert [plain(e, f) for f in named for e in f.errors] == [
        "Keep the name to 200 characters or fewer",
        "Tick “Tell the team I agree” to go on",
    ]
    empty = Feedback(data={})
    empty.is_valid()
    assert plain(empty["more"].errors[0], empty["more"]) == "Answer “Tell us more about question 1”"
    assert plain(empty["email"].errors[0], empty["email"]) == "Enter your email"


def test_the_projects_own_messages_are_kept():
    class Theme(forms.Form):
        name = forms.CharField(label="Theme", error_messages={"required": "Enter a theme name"})

    form = Theme(data={})
    form.is_valid()
    assert [plain(e, form["name"]) for e in form["name"].errors] == ["Enter a theme name"]


def test_a_date_out_of_range_names_its_field():
    from site_content import dates

    class Plan(forms.Form):
        starts_on = forms.DateField(label="Start date", validators=[dates.plausible])

    form = Plan(data={"starts_on": "0001-01-01"})
    assert not form.is_valid()
    (error,) = form["starts_on"].errors
    assert plain(error, form["starts_on"]).startswith("Start date must be between 1900 and ")


def test_an_error_about_the_whole_form_links_to_its_first_field():
    class Feedback(forms.Form):
        how = forms.ChoiceField(
            label="How was it?", choices=[("good", "Good")], widget=forms.RadioSelect
        )
        words = forms.CharField(label="In your own words", required=False)

        def clean(self):
            raise forms.ValidationError("Answer at least one question")

    form = Feedback(data={"how": "good"})
    form.is_valid()
    summary = render_to_string("site_content/includes/error_summary.html", {"forms": [form]})
    assert '<a href="#id_how_0">Answer at least one question</a>' in summary


def test_a_label_that_says_which_already_gets_no_the():
    class Action(forms.Form):
        action_locality = forms.ChoiceField(label="Whose list", choices=[("a", "Ashcombe")])

    form = Action(data={"action_locality": "z"})
    form.is_valid()
    said = [plain(e, form["action_locality"]) for e in form["action_locality"].errors]
    assert said == ["Choose whose list from the list"]


def test_a_hidden_null_character_is_explained_not_named():
    """A NUL pasted in with the words cannot be seen, so "Null characters are not allowed"
    cannot be acted on: the message says what to do."""
    form = Booking(data={"how": "A friend\x00 told me"})
    form.is_valid()
    field = form["how"]
    assert [plain(e, field) for e in field.errors] == [
        "Your answer to “How did you hear about it?” has a hidden character in it that cannot "
        "be saved, often from copying and pasting. Delete the words and type them again"
    ]


def test_a_figure_too_big_and_an_empty_file_are_said_for_their_field():
    class Figures(forms.Form):
        value = forms.DecimalField(label="Figure", max_digits=12, decimal_places=2)
        scan = forms.FileField(label="Scan of the paper form")

    from django.core.files.uploadedfile import SimpleUploadedFile

    form = Figures(
        data={"value": "99999999999"}, files={"scan": SimpleUploadedFile("scan.pdf", b"")}
    )
    form.is_valid()
    said = {f.name: [plain(e, f) for e in f.errors] for f in form}
    assert said == {
        "value": ["Figure is too big: it can have no more than 10 figures before the point"],
        "scan": ["The file chosen for the scan of the paper form is empty. Choose another file"],
    }
