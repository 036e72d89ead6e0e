"""The plain English check of what a review round asks its panel to read: the document, its
Easy Read version, or a page as any visitor sees it. For the team (``round_detail``)."""

from __future__ import annotations

from engagement.core import readability


def readability_of(review_round):
    """Figures for what is being reviewed, or a plain reason why there are none."""
    try:
        if review_round.page_id:
            text = readability.text_of_public_page(review_round.page)
        elif review_round.document:
            with review_round.document.open("rb") as handle:
                text = readability.text_of_document(handle, review_round.document_name)
        else:
            return None, None
    except readability.Unreadable as exc:
        return None, str(exc)
    result = readability.check(text)
    return result, None if result else "There are not enough words to check."


def easy_read_readability(review_round):
    if not review_round.easy_read_document:
        return None, None
    try:
        with review_round.easy_read_document.open("rb") as handle:
            text = readability.text_of_document(handle, review_round.easy_read_document_name)
    except readability.Unreadable as exc:
        return None, str(exc)
    return readability.check(text, easy_read=True), None
