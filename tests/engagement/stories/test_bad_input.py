"""A corpus of more than 200 bad values against every field of the story form: never a 500,
a clear message when refused, what was typed kept, stored text never rendered as HTML, and
one story per accepted post (nothing stored twice)."""

import io
import wave

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagement.models import Story
from tests import factories as f

pytestmark = pytest.mark.django_db

HUGE = "x" * 25_000

TEXT_CORPUS = (
    [
        "",
        " ",
        "\t\n\r ",
        "\u00a0\u2003",
        HUGE,
        "é" * 5000,
        "😀" * 3000,
        "a\u0301" * 4000,
        "\u202eevil\u202c",
        "مرحبا، هذه قصتي عن الرعاية",
        "שלום, זה הסיפור שלי",
        "日本語のテキスト",
        "Ελληνικά",
        "Кириллица",
        "\U0001f9d1\u200d\U0001f9af",
        "\ufeffBOM at the start",
        "line one\r\nline two\rline three",
        "\x00",
        "null\x00byte",
        "bell\x07",
        "esc\x1b[31mred",
        "\x7f",
        "\x0b\x0c",
        "\ud7ff",
        "\uffff",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        '"><script>alert(document.cookie)</script>',
        "javascript:alert(1)",
        "<iframe src='http://evil.example'></iframe>",
        "<a href='javascript:alert(1)'>click</a>",
        "{{ 7*7 }}",
        "{% debug %}",
        "${7*7}",
        "<b>bold</b>",
        "&lt;escaped&gt;",
        "&#x3C;script&#x3E;",
        "' OR '1'='1",
        "'; DROP TABLE engagement_story; --",
        "1; SELECT * FROM accounts_user",
        '" OR ""="',
        "admin'--",
        "1' UNION SELECT password FROM accounts_user --",
        "%27%20OR%201=1",
        "../../../../etc/passwd",
        "C:\\Windows\\system32",
        '=HYPERLINK("http://evil.example")',
        "+cmd|' /C calc'!A0",
        "-1",
        "@SUM(1+1)",
        "0",
        "1",
        "-0",
        "1e308",
        "NaN",
        "Infinity",
        "true",
        "false",
        "None",
        "null",
        "undefined",
        "[]",
        "{}",
        '{"a": 1}',
        "999999999999999999999999",
        "0x41",
        "%s%s%s%s",
        "%n",
        "\\",
        "\\\\",
        "'",
        '"',
        "`",
        "😀",
        "a" * 81,
        "a" * 201,
        "a" * 255,
        "a" * 256,
        "a" * 5001,
        "a@b",
        "not-an-email",
        "name@example",
        "@example.org",
        "name@@example.org",
        "name@example..org",
        "name@exa mple.org",
        "Name@Example.ORG",
        "名前@例え.jp",
        "a" * 250 + "@example.org",
        "older_person",
        "carer",
        "Older person",
        "OLDER_PERSON",
        "own_home",
        "very_good",
        "on",
        "off",
        "yes",
        "no",
        "2",
        "-5",
        "1.5",
        "abc",
        "\u0000older_person",
        " carer ",
    ]
    + [chr(c) for c in range(1, 32)]
    + [f"<{tag}>" for tag in ("html", "body", "form", "input", "style", "link", "meta")]
    + [f"Story with {n} lines" + "\n" * n for n in (10, 1000)]
    # Every length limit in the form, just under, at and over.
    + ["b" * n for limit in (80, 254, 500, 2000, 3000, 5000, 20_000) for n in (limit, limit + 1)]
    # Whitespace and invisible characters of every kind.
    + [ch * 10 for ch in ("\u200b", "\u200c", "\u200d", "\u2060", "\u3000", "\u2028", "\u2029")]
    + [
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<math><mtext></mtext></math>",
        "<object data='javascript:alert(1)'>",
        "<base href='http://evil.example/'>",
        "<meta http-equiv='refresh' content='0;url=http://evil.example'>",
        "<!--",
        "-->",
        "<![CDATA[x]]>",
        "]]>",
        "\"'><img src=x>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "1' AND SLEEP(5) --",
        "1); DELETE FROM engagement_story WHERE (1=1",
        "' OR 1=1 LIMIT 1 --",
        "$where: '1 == 1'",
        '{"$gt": ""}',
        "a\r\nBcc: victim@example.org",
        "subject\nContent-Type: text/html",
        "%0d%0aSet-Cookie: x=1",
        "%00",
        "%3Cscript%3E",
        "\\x3cscript\\x3e",
        "\U0001d54f\U0001d560\U0001d565",
        "\U00010000",
        "\U0010fffd",
        "Ａｂｃ（全角）",
        "paypal.com vs pаypal.com",
        "Zalgo: Z\u0351\u0352\u0353\u0354\u0355\u0356",
        "\u0645\u0631\u062d\u0628\u0627 mixed with English \u05e9\u05dc\u05d5\u05dd",
        "\u200fright-to-left mark",
        "\u202dforce left-to-right",
        "👨‍👩‍👧‍👦" * 50,
        "🏳️‍🌈",
        "‮",
        "Ω≈ç√∫˜µ≤≥÷",
        "ЁЂЃЄЅІЇЈЉЊЋЌЍЎЏ",
        "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤",
        "1.0",
        "1,000",
        "०१२",
        "½",
        "Ⅻ",
        "-2147483648",
        "18446744073709551616",
        "0.000000000000000000001",
    ]
)

FILE_CORPUS = [
    ("empty.wav", b""),
    ("notes.txt", b"just some text"),
    ("story.mp3", b"<?php echo 'hi'; ?>"),
    ("story.mp3", b"MZ\x90\x00 pretend executable"),
    ("picture.jpg", b"%PDF-1.4 a pdf in disguise"),
    ("picture.png", b"GIF89a\x01\x00\x01\x00"),
    ("../../etc/passwd", b"root:x:0:0"),
    ("x" * 300 + ".wav", b"RIFF"),
    ("story.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("story.html", b"<script>alert(1)</script>"),
    ("zip.m4a", b"PK\x03\x04 a zip file"),
]

FIELDS = [
    "text",
    "picture_description",
    "feeling",
    "strengths",
    "what_made_it_good",
    "teller",
    "locality",
    "setting",
    "consent_learning",
    "consent_quote",
    "consent_first_name",
    "first_name",
    "email",
]


def wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 100)
    return buffer.getvalue()


@pytest.fixture
def inquiry():
    programme = f.make_programme()
    locality = f.make_locality(programme)
    return f.make_inquiry(locality)


def good(inquiry):
    return {
        "text": "A good story about the day centre.",
        "teller": "A carer",
        "consent_learning": "on",
        "strengths": [str(inquiry.strengths.first().pk)],
    }


def test_corpus_is_big_enough():
    assert len(TEXT_CORPUS) + len(FILE_CORPUS) >= 200


@pytest.mark.parametrize("field", FIELDS)
def test_every_bad_value_in_every_field(client, inquiry, field):
    url = reverse("stories:tell", args=[inquiry.pk])
    for value in TEXT_CORPUS:
        cache.clear()  # the rate limit is tested on its own
        before = Story.objects.count()
        data = good(inquiry)
        data[field] = [value, value] if field == "strengths" else value
        response = client.post(url, data)
        after = Story.objects.count()
        assert response.status_code in (302, 400), (field, value[:40], response.status_code)
        page = response.content.decode()
        if response.status_code == 400:
            assert "There is a problem" in page, (field, value[:40])
            assert after == before
            assert "<script>alert(1)</script>" not in page
            if field not in ("text",) and "\x00" not in value:
                assert "A good story about the day centre." in page  # kept
        else:
            assert after == before + 1, (field, value[:40])  # one story, not two
            story = Story.objects.order_by("-pk").first()
            assert "\x00" not in story.text + story.first_name + story.what_made_it_good


@pytest.mark.parametrize("field", ["recording", "picture"])
def test_every_bad_file(client, inquiry, field):
    url = reverse("stories:tell", args=[inquiry.pk])
    for name, content in FILE_CORPUS:
        cache.clear()
        data = good(inquiry)
        data["picture_description"] = "A photo of the garden"
        data[field] = SimpleUploadedFile(name, content)
        response = client.post(url, data)
        assert response.status_code == 400, (field, name)
        page = response.content.decode()
        assert "There is a problem" in page and "A good story about the day centre." in page
    assert not Story.objects.exists()


def test_wrong_types_and_shapes_never_fail(client, inquiry):
    url = reverse("stories:tell", args=[inquiry.pk])
    for data in (
        {},
        {"text": ["a", "b"], "teller": ["carer", "worker"], "consent_learning": ["on", "off"]},
        {"strengths": ["not-a-number", "-1", "99999999999999999999"], "teller": "A carer"},
        {"locality": "99999999", "teller": "A carer", "consent_learning": "on", "text": "x"},
        {"recording": "not a file", "teller": "A carer", "consent_learning": "on", "text": "x"},
    ):
        response = client.post(url, data)
        assert response.status_code in (302, 400)


def test_stored_html_is_shown_as_text(client, inquiry):
    from engagement.stories import services as story_services

    story = f.make_story(inquiry, text="<script>alert(1)</script><b>hi</b>", email="a@b.example")
    page = client.get(reverse("stories:mine", args=[story.token])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;hi&lt;/b&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert story_services.screen("<script>") == []


def test_a_real_recording_and_picture_are_accepted(client, inquiry):
    url = reverse("stories:tell", args=[inquiry.pk])
    data = good(inquiry)
    data["recording"] = SimpleUploadedFile("voice.wav", wav())
    assert client.post(url, data).status_code == 302
    assert Story.objects.get().recording.name.endswith(".wav")


def test_odd_theme_ids_are_left_out_when_coding_a_story_or_adding_a_proposition(client, inquiry):
    from engagement.models import InquiryTheme, Proposition

    member = f.add_member(inquiry.locality)
    story = f.make_story(inquiry, status=Story.LEARNING_ONLY)
    theme = InquiryTheme.objects.create(inquiry=inquiry, name="Being known")
    odd = ["²", "abc", "1" * 23, "-3", str(theme.pk)]
    client.force_login(member)
    coded = client.post(reverse("inquiries:story", args=[inquiry.pk, story.pk]), {"themes": odd})
    assert coded.status_code == 302
    assert list(story.themes.all()) == [theme]
    url = reverse("inquiries:proposition_add", args=[inquiry.pk])
    refused = client.post(url, {"text": "Carers are known by name.", "themes": odd})
    assert refused.status_code == 400  # a clear message, what was typed kept, nothing saved
    assert "Carers are known by name." in refused.content.decode()
    assert "Choose from the themes listed" in refused.content.decode()
    assert not Proposition.objects.filter(inquiry=inquiry).exists()
    added = client.post(url, {"text": "Carers are known by name.", "themes": [str(theme.pk)]})
    assert added.status_code == 302
    assert list(Proposition.objects.get(inquiry=inquiry).themes.all()) == [theme]


def test_a_new_theme_too_long_while_coding_a_story_is_refused_not_cut(client, inquiry):
    """Typed past its 120 characters: said so on the field, the name and the ticks kept, and
    nothing saved (before, the name was cut at 120 and saved without a word)."""
    from engagement.models import InquiryTheme

    member = f.add_member(inquiry.locality)
    story = f.make_story(inquiry, status=Story.LEARNING_ONLY)
    theme = InquiryTheme.objects.create(inquiry=inquiry, name="Being known")
    long = "Staff who remember what matters " * 5
    client.force_login(member)
    url = reverse("inquiries:story", args=[inquiry.pk, story.pk])
    refused = client.post(url, {"themes": [str(theme.pk)], "new_theme": long})
    html = refused.content.decode()
    assert refused.status_code == 400 and "There is a problem" in html
    assert '<a href="#id_new_theme">Keep the theme&#x27;s name to 120 characters' in html
    assert long.strip() in html and f'value="{theme.pk}" checked' in html
    assert InquiryTheme.objects.filter(inquiry=inquiry).count() == 1
    assert not story.themes.exists()
    saved = client.post(url, {"themes": [str(theme.pk)], "new_theme": "  Known by name "})
    assert saved.status_code == 302
    assert sorted(story.themes.values_list("name", flat=True)) == ["Being known", "Known by name"]


def test_the_analysis_forms_keep_what_was_typed(client):
    """A theme without a name, a proposition too long: the page again with an error summary
    linking to the field, and every word typed still there."""
    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    client.force_login(f.add_member(inquiry.locality))
    theme = client.post(
        reverse("inquiries:theme_add", args=[inquiry.pk]),
        {"name": "  ", "description": "Staff who remember what matters to me"},
    )
    html = theme.content.decode()
    assert theme.status_code == 400 and "There is a problem" in html
    assert '<a href="#id_name">Enter a name for the theme</a>' in html
    assert "Staff who remember what matters to me" in html
    long = "Everyone is known. " * 120
    proposition = client.post(
        reverse("inquiries:proposition_add", args=[inquiry.pk]), {"text": long}
    )
    html = proposition.content.decode()
    assert proposition.status_code == 400
    assert '<a href="#id_text">Keep the proposition to 2,000 characters or fewer</a>' in html
    assert long.strip() in html
    assert not inquiry.themes.exists() and not inquiry.propositions.exists()


def test_a_theme_already_there_is_not_said_to_be_added(client):
    """ "Staff who know me" again (whatever its capitals): the page says there is one, keeps
    the description typed, and adds nothing."""
    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    inquiry.themes.create(name="Staff who know me")
    client.force_login(f.add_member(inquiry.locality))
    again = client.post(
        reverse("inquiries:theme_add", args=[inquiry.pk]),
        {"name": "staff who KNOW me", "description": "They remember my name"},
    )
    html = again.content.decode()
    assert again.status_code == 400 and "There is already a theme called" in html
    assert "They remember my name" in html and "added" not in html
    assert inquiry.themes.count() == 1


def test_a_theme_added_with_a_double_click_is_added_once_and_said_added(client):
    """The second click sends the same form again: it goes where the first went (the list,
    with the theme), not to "There is already a theme called"."""
    from tests.site_content.test_sent_once import key_in

    inquiry = f.make_inquiry(f.make_locality(f.make_programme()))
    client.force_login(f.add_member(inquiry.locality))
    key = key_in(client, reverse("inquiries:analysis", args=[inquiry.pk]))
    url = reverse("inquiries:theme_add", args=[inquiry.pk])
    typed = {"once": key, "name": "Staff who know me", "description": ""}
    first, second = client.post(url, typed), client.post(url, typed)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert inquiry.themes.count() == 1


def test_a_story_too_long_is_told_so_once_not_told_it_is_empty(client, inquiry, settings):
    cache.clear()
    data = good(inquiry)
    data["text"] = "We had a lovely day. " * (settings.STORY_MAX_CHARS // 20)
    response = client.post(reverse("stories:tell", args=[inquiry.pk]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "characters long. It must be" in page
    assert "Tell us your story: write it here" not in page
