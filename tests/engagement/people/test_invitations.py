"""Invitations by email and from a CSV file: who may send them, what each row gets, and the
link that signs someone up with their name and puts them in the team."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement.models import (
    GroupMembership,
    Invitation,
    LocalityMembership,
    ProgrammeRole,
    WorkingGroup,
)
from engagement.people import csv_invites, services
from tests import factories as f
from tests.site_content.test_sent_once import key_in


@pytest.fixture
def place(db):
    programme = f.make_programme()
    riverside = f.make_locality(programme, title="Riverside")
    hillview = f.make_locality(programme, title="Hillview")
    return {
        "programme": programme,
        "riverside": riverside,
        "hillview": hillview,
        "admin": f.add_programme_role(programme, "admin"),
        "lead": f.add_member(riverside, role="commissioner", lead=True),
        "member": f.add_member(riverside, role="carer"),
    }


def _link(message) -> str:
    return re.search(r"https?://\S+/workspace/invitations/(\S+)/", message.body).group(0)


def test_admin_invites_lead_and_email_carries_a_working_link(place, client, mailoutbox):
    invitation, note = services.invite(
        by=place["admin"],
        place=place["riverside"],
        email="New.Person@Example.org",
        role="provider",
        first_name="Nia",
        last_name="Example",
        is_lead=True,
    )
    assert note == "Invited."
    assert invitation.email == "new.person@example.org"
    assert invitation.expires_at.date() == (timezone.now() + datetime.timedelta(days=14)).date()
    assert len(mailoutbox) == 1 and "Riverside team" in mailoutbox[0].subject
    link = _link(mailoutbox[0])
    # Only a digest is stored: the link's token is not in the database.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert not Invitation.objects.filter(token_digest=token).exists()
    page = client.get(link)
    assert page.status_code == 200 and b"Make your account" in page.content
    assert b'value="Nia"' in page.content
    done = client.post(
        link,
        {
            "first_name": "Nia",
            "last_name": "Example",
            "password1": "a long new password",
            "password2": "a long new password",
        },
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("workspace:home", args=[place["riverside"].slug])
    user = get_user_model().objects.get(email="new.person@example.org")
    assert user.display_name == "Nia Example"
    assert EmailAddress.objects.get(user=user).verified
    membership = LocalityMembership.objects.get(user=user, locality=place["riverside"])
    assert membership.is_lead and membership.role == "provider"
    # Used once: the link then says so.
    assert client.get(link).status_code == 410


def test_lead_invites_members_but_not_leads(place):
    services.invite(by=place["lead"], place=place["riverside"], email="a@example.org", role="carer")
    with pytest.raises(services.Refused, match="Only programme admins can invite a locality lead"):
        services.invite(
            by=place["lead"],
            place=place["riverside"],
            email="b@example.org",
            role="carer",
            is_lead=True,
        )
    with pytest.raises(services.Refused, match="cannot invite people to the Hillview team"):
        services.invite(
            by=place["lead"], place=place["hillview"], email="c@example.org", role="carer"
        )
    with pytest.raises(services.Refused):
        services.invite(
            by=place["member"], place=place["riverside"], email="d@example.org", role="carer"
        )
    assert Invitation.objects.count() == 1


def test_duplicates_members_and_existing_accounts_get_plain_answers(place, mailoutbox):
    services.invite(
        by=place["admin"], place=place["riverside"], email="x@example.org", role="carer"
    )
    with pytest.raises(services.Refused, match="already invited on .* withdraw it"):
        services.invite(
            by=place["admin"], place=place["riverside"], email="X@example.org", role="carer"
        )
    with pytest.raises(services.Refused, match="already in the Riverside team"):
        services.invite(
            by=place["admin"], place=place["riverside"], email=place["member"].email, role="carer"
        )
    # Whether an address has an account is not the inviter's to know: the same answer.
    _inv, note = services.invite(
        by=place["admin"], place=place["hillview"], email=place["member"].email, role="carer"
    )
    _inv, new = services.invite(
        by=place["admin"], place=place["hillview"], email="nobody.yet@example.org", role="carer"
    )
    assert note == new == "Invited."
    assert len(mailoutbox) == 3


def test_evaluators_stay_outside_locality_teams(place, client, mailoutbox):
    """An evaluator reads plans, logs and figures and no stories: a lead's invitation cannot
    bring them into a team (refused when sent, and when accepted if they became one since)."""
    from engagement.models import LocalityMembership, ProgrammeRole

    evaluator = f.add_programme_role(place["programme"], ProgrammeRole.EVALUATOR)
    with pytest.raises(services.Refused, match="Evaluators read"):
        services.invite(
            by=place["admin"], place=place["riverside"], email=evaluator.email, role="carer"
        )
    # A lead does not give roles: whose address is the evaluator's is not theirs to learn, so
    # the invitation goes as any other, and accepting it is refused.
    _, note = services.invite(
        by=place["lead"], place=place["riverside"], email=evaluator.email, role="carer"
    )
    assert note == "Invited."
    client.force_login(evaluator)
    answer = client.post(_link(mailoutbox[-1]), follow=True).content.decode()
    assert "Evaluators read" in answer
    later = f.UserFactory(email="later.evaluator@example.org")
    services.invite(by=place["lead"], place=place["riverside"], email=later.email, role="carer")
    f.add_programme_role(place["programme"], ProgrammeRole.EVALUATOR, user=later)
    client.force_login(later)
    answer = client.post(_link(mailoutbox[-1]), follow=True).content.decode()
    assert "Evaluators read" in answer
    assert not LocalityMembership.objects.filter(user__in=[evaluator, later]).exists()


def test_existing_account_signs_in_to_accept_and_other_accounts_cannot(place, client, mailoutbox):
    person = place["member"]
    services.invite(by=place["admin"], place=place["hillview"], email=person.email, role="carer")
    link = _link(mailoutbox[0])
    page = client.get(link)
    assert b"Sign in to accept" in page.content
    stranger = f.UserFactory()
    client.force_login(stranger)
    assert client.get(link).status_code == 403
    assert client.post(link).status_code == 403
    assert not LocalityMembership.objects.filter(locality=place["hillview"]).exists()
    client.force_login(person)
    assert client.post(link).status_code == 302
    assert LocalityMembership.objects.filter(locality=place["hillview"], user=person).exists()


def test_withdrawn_and_expired_links_do_nothing(place, client, mailoutbox):
    services.invite(
        by=place["admin"], place=place["riverside"], email="w@example.org", role="carer"
    )
    services.invite(
        by=place["admin"], place=place["hillview"], email="e@example.org", role="carer", days=1
    )
    withdrawn_link, expired_link = _link(mailoutbox[0]), _link(mailoutbox[1])
    first = Invitation.objects.get(email="w@example.org")
    client.force_login(place["lead"])
    response = client.post(reverse("people:withdraw", args=[first.pk]))
    assert response.status_code == 302
    Invitation.objects.filter(email="e@example.org").update(expires_at=timezone.now())
    client.logout()
    for link, words in ((withdrawn_link, b"withdrawn"), (expired_link, b"has ended")):
        page = client.get(link)
        assert page.status_code == 410 and words in page.content
        client.post(link, {"first_name": "Sly", "password1": "x" * 12, "password2": "x" * 12})
    assert not get_user_model().objects.filter(email__in=["w@example.org", "e@example.org"])
    assert client.get("/workspace/invitations/not-a-real-token/").status_code == 404


def test_invitation_days_are_kept_within_bounds(place):
    with pytest.raises(services.Refused, match="from 1 to 60 days"):
        services.invite(
            by=place["admin"], place=place["riverside"], email="z@example.org", role="carer", days=0
        )
    inv, _ = services.invite(
        by=place["admin"], place=place["riverside"], email="z@example.org", role="carer", days=30
    )
    assert (inv.expires_at - inv.created_at).days == 30


def test_signup_form_errors_keep_what_was_typed(place, client, mailoutbox):
    services.invite(
        by=place["admin"], place=place["riverside"], email="p@example.org", role="carer"
    )
    link = _link(mailoutbox[0])
    response = client.post(
        link, {"first_name": "Pat", "last_name": "Lee", "password1": "short", "password2": "other"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "not the same" in html
    assert 'value="Pat"' in html and 'value="Lee"' in html
    assert not get_user_model().objects.filter(email="p@example.org").exists()


def test_team_page_invites_and_lists_names_not_emails(place, client, mailoutbox):
    client.force_login(place["lead"])
    url = reverse("people:team", args=[place["riverside"].slug])
    page = client.get(url)
    assert place["member"].display_name in page.content.decode()
    assert b"is_lead" not in page.content  # leads cannot make leads
    bad = client.post(
        url, {"first_name": "Al", "email": "not-an-email", "role": "carer", "days": 14}
    )
    assert bad.status_code == 400 and b'value="Al"' in bad.content
    good = client.post(
        url, {"first_name": "Al", "email": "al@example.org", "role": "carer", "days": 14}
    )
    assert good.status_code == 302 and len(mailoutbox) == 1
    assert b"al@example.org" in client.get(url).content
    client.force_login(place["member"])
    assert client.get(url).status_code == 404


def test_removed_member_loses_access_at_once(place, client):
    lead, member = place["lead"], place["member"]
    home = reverse("workspace:home", args=[place["riverside"].slug])
    client.force_login(member)
    assert client.get(home).status_code == 200
    m = LocalityMembership.objects.get(user=member, locality=place["riverside"])
    client.force_login(lead)
    assert (
        client.post(
            reverse("people:remove_member", args=[place["riverside"].slug, m.pk])
        ).status_code
        == 302
    )
    client.force_login(member)
    assert client.get(home).status_code == 404
    # A lead cannot remove another lead.
    other_lead = f.add_member(place["riverside"], role="provider", lead=True)
    other = LocalityMembership.objects.get(user=other_lead)
    client.force_login(lead)
    url = reverse("people:remove_member", args=[place["riverside"].slug, other.pk])
    assert client.post(url).status_code == 404
    assert LocalityMembership.objects.filter(pk=other.pk).exists()


CSV = (
    "Email,First name,Last name,Locality,Role,Lead\n"
    "ok1@example.org,Ann,One,Riverside,Provider,no\n"
    "ok2@example.org,Bo,Two,hillview,carer,yes\n"
    "ok1@example.org,Ann,Again,Riverside,Provider,\n"
    "nobody,Cy,Three,Riverside,Provider,\n"
    "ok3@example.org,Di,Four,Atlantis,Provider,\n"
    "ok4@example.org,Ed,Five,Riverside,Astronaut,\n"
    ",Fi,Six,Riverside,Provider,\n"
)


def test_csv_gives_each_row_an_answer_and_does_the_good_rows(place, mailoutbox):
    results = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=CSV.encode()
    )
    by_line = {r.line: r for r in results}
    assert [r.done for r in results] == [True, True, False, False, False, False, False]
    assert "already invited" in by_line[4].message
    assert "not an email address" in by_line[5].message
    assert "no locality called “Atlantis”" in by_line[6].message
    assert "“Astronaut” is not a role" in by_line[7].message
    assert "email address is missing" in by_line[8].message
    assert Invitation.objects.get(email="ok2@example.org").is_lead
    assert len(mailoutbox) == 2


def test_csv_from_a_lead_cannot_invite_leads_or_elsewhere(place):
    results = csv_invites.invite_from_csv(
        by=place["lead"], programme=place["programme"], data=CSV.encode()
    )
    assert [r.email for r in results if r.done] == ["ok1@example.org"]
    assert "invite a locality lead" in results[1].message


def test_csv_with_missing_columns_is_refused_whole(place):
    with pytest.raises(csv_invites.UnreadableFile, match="no role column"):
        csv_invites.invite_from_csv(
            by=place["admin"],
            programme=place["programme"],
            data=b"email,locality\na@example.org,Riverside\n",
        )
    assert not Invitation.objects.exists()


def test_csv_with_two_columns_for_the_same_thing_is_refused_whole(place):
    """Two email columns (say "Email" and "Email address"): which to use is not guessed."""
    with pytest.raises(csv_invites.UnreadableFile, match="2 columns for the same thing") as no:
        csv_invites.invite_from_csv(
            by=place["admin"],
            programme=place["programme"],
            data=b"Email,Locality,Role,Email address\n"
            b"a@example.org,Riverside,Member,b@example.org\n",
        )
    assert "“Email” and “Email address”" in str(no.value)
    assert not Invitation.objects.exists()


def test_csv_in_mixed_encodings_and_semicolons_reads(place):
    data = (
        b"email;first name;last name;locality;role\n"
        + "zoe@example.org;Zoë;Brontë;Riverside;Carer\n".encode()
        + "rene@example.org;René;Ché;Riverside;Carer\n".encode("cp1252")
    )
    results = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=data
    )
    assert all(r.done for r in results)
    assert Invitation.objects.get(email="rene@example.org").first_name == "René"
    assert Invitation.objects.get(email="zoe@example.org").last_name == "Brontë"


def test_csv_page_reports_and_refuses_people_who_may_not_invite(place, client):
    url = reverse("people:invite_csv", args=[place["programme"].slug])
    client.force_login(place["member"])
    assert client.get(url).status_code == 404
    client.force_login(place["admin"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(url, {"file": SimpleUploadedFile("team.csv", CSV.encode()), "days": 14})
    assert response.status_code == 302 and response["Location"] == f"{url}?report=1#report-h"
    html = client.get(f"{url}?report=1").content.decode()
    assert "2 of 7 invited" in html and "no locality called “Atlantis”" in html
    assert "What happened to each row" not in client.get(url).content.decode()  # asked for
    windows = "email,first name,locality,role\nrene@example.org,René,Riverside,Carer\n"
    response = client.post(
        url,
        {"file": SimpleUploadedFile("w.csv", windows.encode("cp1252")), "days": 14},
        follow=True,
    )
    assert "1 of 1 invited" in response.content.decode()
    other = f.make_programme()
    other_url = reverse("people:invite_csv", args=[other.slug])
    f.add_programme_role(other, ProgrammeRole.ADMIN, user=place["admin"])
    assert "of 1 invited" not in client.get(f"{other_url}?report=1").content.decode()
    binary = client.post(url, {"file": SimpleUploadedFile("x.csv", b"\x00\x01PK"), "days": 14})
    assert binary.status_code == 400
    bad = client.post(url, {"file": SimpleUploadedFile("team.csv", b"name\nSam\n"), "days": 14})
    assert bad.status_code == 400 and "Nobody has been invited" in bad.content.decode()


def test_group_invitation_puts_them_in_the_group(place, client, mailoutbox):
    group = WorkingGroup.objects.create(
        programme=place["programme"], name="Employment", remit="Find jobs."
    )
    services.invite(by=place["admin"], place=group, email=place["member"].email, role="member")
    client.force_login(place["member"])
    assert client.post(_link(mailoutbox[0])).status_code == 302
    membership = GroupMembership.objects.get(group=group, user=place["member"])
    assert membership.locality == place["riverside"]
    assert len(mail.outbox) == 1


def test_csv_odd_lead_values_and_broken_files_get_plain_answers(place):
    data = (
        b"email,locality,role,lead\n"
        b"m1@example.org,Riverside,Carer,maybe\n"
        b"m2@example.org,Riverside,Carer,\n"
    )
    results = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=data
    )
    assert not results[0].done and "yes or no in the lead column" in results[0].message
    assert results[1].done
    huge = b'email,locality,role\nx@example.org,Riverside,Carer,"' + b"A" * 200_000 + b"\n"
    with pytest.raises(csv_invites.UnreadableFile, match="could not be read as CSV"):
        csv_invites.invite_from_csv(by=place["admin"], programme=place["programme"], data=huge)


def test_csv_with_a_quotation_mark_left_open_is_refused_whole_and_old_mac_lines_read(place):
    """An open quote swallows the rows after it into one cell: the file is refused, naming
    the row, and nobody is invited (before, the rows after it silently got no answer)."""
    opened = (
        b"email,first name,last name,locality,role\n"
        b'g1@example.org,"Ann,B,Riverside,Carer\n'
        b"g2@example.org,Cat,D,Riverside,Carer\n"
        b"g3@example.org,Eve,F,Riverside,Carer\n"
    )
    with pytest.raises(csv_invites.UnreadableFile, match="Row 2 has a quotation mark"):
        csv_invites.invite_from_csv(by=place["admin"], programme=place["programme"], data=opened)
    assert not Invitation.objects.exists()
    old_mac = (
        b"email,locality,role\rm1@example.org,Riverside,Carer\rm2@example.org,Riverside,Carer\r"
    )
    results = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=old_mac
    )
    assert [r.done for r in results] == [True, True]


def test_csv_rows_say_where_and_as_what_and_keep_other_groups_names_private(place):
    from engagement.models import GroupMembership, WorkingGroup

    theirs = WorkingGroup.objects.create(
        programme=place["programme"], name="Pooling budgets", remit="£"
    )
    ours = WorkingGroup.objects.create(programme=place["programme"], name="Employment", remit="x")
    GroupMembership.objects.create(group=ours, user=place["lead"], role=GroupMembership.CONVENER)
    data = (
        "Email,First name,Locality,Group,Role,Lead\n"
        "a1@example.org,Ann,Riverside,,Provider,yes\n"
        "a2@example.org,Bo,,Employment,Member,\n"
        "a3@example.org,Cy,Riverside,Employment,Member,\n"
        "a4@example.org,Di,,Pooling budgets,Member,\n"
        "a5@example.org,Ed,,No such group,Member,\n"
    )
    by_admin = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=data.encode()
    )
    assert by_admin[0].message == "Invited. To Riverside, provider, as lead."
    assert by_admin[1].message == "Invited. To Employment, member."
    assert by_admin[2].message == "Give a locality or a group for each person, not both."
    assert not Invitation.objects.filter(email="a3@example.org").exists()
    # A convener of one group, who is not in the other: the other's name is not confirmed.
    by_lead = csv_invites.invite_from_csv(
        by=place["lead"],
        programme=place["programme"],
        data=data.replace("a2@", "b2@").replace("a4@", "b4@").replace("a5@", "b5@").encode(),
    )
    assert by_lead[1].done
    assert by_lead[3].message == by_lead[4].message.replace("No such group", "Pooling budgets")
    assert "that you can invite people to" in by_lead[3].message
    assert not theirs.invitations.filter(email="b4@example.org").exists()


LONG_ADDRESS = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".org"  # well formed, 308 long


def test_an_address_longer_than_254_characters_is_refused_on_every_path(place, client):
    assert len(LONG_ADDRESS) > 254
    with pytest.raises(services.Refused, match="254 characters"):
        services.invite(
            by=place["admin"], place=place["riverside"], email=LONG_ADDRESS, role="provider"
        )
    client.force_login(place["admin"])
    typed = {"first_name": "Al", "email": LONG_ADDRESS, "role": "provider", "days": "14"}
    page = client.post(reverse("people:team", args=[place["riverside"].slug]), typed)
    assert page.status_code == 400  # the form again, with its error summary
    assert "254 characters at the most" in page.content.decode()
    assert LONG_ADDRESS in page.content.decode()  # what they typed is kept
    csv = f"Email,First name,Locality,Role\n{LONG_ADDRESS},Al,Riverside,Provider\n"
    (row,) = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=csv.encode()
    )
    assert not row.done
    assert not Invitation.objects.filter(email__startswith="a" * 60).exists()


def test_a_name_too_long_to_keep_is_refused_not_cut_short(place):
    long_name = "Bartholomew" * 14  # 154 letters
    csv = (
        "Email,First name,Last name,Locality,Role\n"
        f"long@example.org,{long_name},Ng,Riverside,Provider\n"
        "fine@example.org,Ama\x07,Ng\x00,Riverside,Provider\n"
    )
    long_row, fine_row = csv_invites.invite_from_csv(
        by=place["admin"], programme=place["programme"], data=csv.encode()
    )
    assert not long_row.done and long_row.message == "A first name has 150 characters at the most."
    assert not Invitation.objects.filter(email="long@example.org").exists()
    assert fine_row.done
    kept = Invitation.objects.get(email="fine@example.org")
    assert (kept.first_name, kept.last_name) == ("Ama", "Ng")  # no control characters
    with pytest.raises(services.Refused, match="A last name has 150 characters"):
        services.invite(
            by=place["admin"],
            place=place["riverside"],
            email="other@example.org",
            role="provider",
            last_name=long_name,
        )


def test_the_same_file_sent_twice_invites_once_and_the_report_can_be_read_again(
    place, client, mailoutbox
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("people:invite_csv", args=[place["programme"].slug])
    client.force_login(place["admin"])
    key = key_in(client, url)
    data = b"email,first name,locality,role\nsam@example.org,Sam,Riverside,Carer\n"
    answers = [
        client.post(url, {"once": key, "file": SimpleUploadedFile("t.csv", data), "days": 14})
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [302, 302]
    assert answers[0]["Location"] == answers[1]["Location"]
    assert Invitation.objects.filter(email="sam@example.org").count() == 1
    assert len(mailoutbox) == 1
    for _ in range(2):  # reloading the report sends nothing
        assert "1 of 1 invited" in client.get(answers[0]["Location"]).content.decode()
    assert Invitation.objects.count() == 1 and len(mailoutbox) == 1


def test_the_admins_locality_team_screen_keeps_evaluators_out(place, client):
    from django.urls import reverse

    from engagement.models import LocalityMembership, ProgrammeRole

    evaluator = f.add_programme_role(place["programme"], ProgrammeRole.EVALUATOR)
    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_engagement_localitymembership:add")
    data = {"locality": place["riverside"].pk, "role": "carer", "is_lead": ""}
    refused = client.post(url, {**data, "user": evaluator.pk})
    assert refused.status_code == 200 and "Evaluators read" in refused.content.decode()
    assert not LocalityMembership.objects.filter(user=evaluator).exists()
    someone = f.UserFactory()
    assert client.post(url, {**data, "user": someone.pk}).status_code == 302
    assert LocalityMembership.objects.filter(user=someone).exists()


def test_someone_in_a_team_cannot_be_made_an_evaluator_in_the_admin(place, client):
    from django.urls import reverse

    from engagement.models import ProgrammeRole

    client.force_login(f.UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailsnippets_engagement_programmerole:add")
    data = {"programme": place["programme"].pk, "role": ProgrammeRole.EVALUATOR}
    refused = client.post(url, {**data, "user": place["member"].pk})
    assert refused.status_code == 200 and "Evaluators stay outside them" in refused.content.decode()
    assert not ProgrammeRole.objects.filter(user=place["member"]).exists()
    outsider = f.UserFactory()
    assert client.post(url, {**data, "user": outsider.pk}).status_code == 302


def test_a_lead_may_not_give_a_facilitators_place(place, client, mailoutbox):
    """A locality's facilitator runs the team's work and reads who booked and who told a
    story, as the lead does: like a lead, only a programme admin invites one. The lead's form
    does not offer the role, and a post or a CSV row asking for it is refused."""
    lead = place["lead"]
    with pytest.raises(services.Refused, match="Only programme admins can invite a facilitator"):
        services.invite(
            by=lead, place=place["riverside"], email="new.one@example.org", role="facilitator"
        )
    assert not Invitation.objects.exists()
    client.force_login(lead)
    page = client.get(reverse("people:team", args=[place["riverside"].slug])).content.decode()
    assert 'value="carer"' in page and 'value="facilitator"' not in page
    _, note = services.invite(
        by=place["admin"], place=place["riverside"], email="new.one@example.org", role="facilitator"
    )
    assert note == "Invited."
