"""Plain English figures on known texts, and text read from Word and PDF files made here."""

import io

import docx
import pytest

from engagement.core import readability

EASY = "We will visit you at home. You tell us what help you want. We write it down with you."
HARD = (
    "Notwithstanding the aforementioned considerations, the personalisation implementation "
    "methodology necessitates comprehensive organisational transformation, incorporating "
    "multidisciplinary stakeholder consultation and sophisticated commissioning arrangements."
)


def test_easy_text_scores_higher_than_hard_text():
    easy, hard = readability.check(EASY), readability.check(HARD)
    assert easy.reading_ease > 80 and easy.reading_ease_label == "easy to read"
    assert hard.reading_ease < 30 and hard.reading_ease_label == "hard to read"
    assert easy.sentences == 3 and easy.average_sentence_length == pytest.approx(6.3, abs=0.1)
    assert hard.long_words >= 10
    assert hard.hardest == [HARD] and easy.hardest == []


def test_passive_sentences_are_counted():
    result = readability.check(
        "The form was completed by the carer. We read it. Your plan is agreed."
    )
    assert result.passive_sentences == 2


def test_too_little_text():
    assert readability.check("Hi.") is None


def test_word_document_made_here():
    document = docx.Document()
    document.add_paragraph("We will visit you at home.")
    document.add_paragraph(HARD)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    text = readability.text_of_document(buffer, "leaflet.docx")
    assert "visit you at home" in text and "multidisciplinary" in text


def _minimal_pdf(text: str) -> bytes:
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def test_pdf_made_here():
    text = readability.text_of_document(
        io.BytesIO(_minimal_pdf("We will visit you at home.")), "a.pdf"
    )
    assert "We will visit you at home." in text


def test_unreadable_documents_say_so():
    with pytest.raises(readability.Unreadable, match="could not read"):
        readability.text_of_document(io.BytesIO(b"not a pdf"), "broken.pdf")
    with pytest.raises(readability.Unreadable, match="only check the words"):
        readability.text_of_document(io.BytesIO(b"\x89PNG"), "photo.png")


@pytest.mark.parametrize(
    "score, easy_read, label",
    [
        (72.0, False, "easy to read"),
        (66.5, False, "plain enough (it meets the aim)"),  # was "fairly hard" beside "aim for 60"
        (55.0, False, "fairly hard to read"),
        (40.0, False, "hard to read"),
        (72.0, True, "fairly hard to read"),  # Easy Read aims for 80
    ],
)
def test_the_label_agrees_with_the_aim_shown_beside_it(score, easy_read, label):
    aims = readability.EASY_READ if easy_read else readability.PLAIN
    figures = readability.Readability(
        words=50,
        sentences=3,
        reading_ease=score,
        average_sentence_length=16.0,
        long_words=4,
        passive_sentences=0,
        aims=aims,
    )
    assert figures.reading_ease_label == label
