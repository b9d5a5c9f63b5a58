"""The Indonesian catalogue speaks Indonesian: no English word left in a translation (the
accepted loan words are listed), and one spelling per term."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parents[2] / "locale" / "id" / "LC_MESSAGES" / "django.po"

# English words that have crept into translations before, or easily would. A word here is
# matched inside longer words too ("direview"), so an Indonesian affix does not hide it.
ENGLISH_STEMS = ["review", "follow-up", "followup", "update", "submit", "meeting", "deadline"]
ENGLISH_WORDS = [
    "the", "and", "of", "with", "without", "please", "save", "saved", "case", "cases",
    "note", "notes", "task", "tasks", "done", "overdue", "today", "date", "type", "version",
    "revision", "team",
]  # fmt: skip
# Loan words Indonesian social work uses as they are (the ministry's own words): never
# flagged, even when a longer list above comes to include them.
ACCEPTED_LOAN_WORDS = {"broker", "enabler", "mediator", "monitoring", "supervisor", "admin"}
# One spelling per term: the left one is not used, the right one is.
SPELLINGS = {"respon": "respons", "resiko": "risiko", "aktifitas": "aktivitas"}


def translations() -> list[str]:
    """Every msgstr of the catalogue (continuation lines joined), without its header."""
    found, current, inside = [], "", False
    for line in PO.read_text().splitlines():
        if line.startswith("msgstr"):
            if inside:
                found.append(current)
            current, inside = line.split(" ", 1)[1].strip('"'), True
        elif line.startswith('"') and inside:
            current += line.strip('"')
        elif inside:
            found.append(current)
            inside = False
    if inside:
        found.append(current)
    text_only = [re.sub(r"%\(\w+\)s|\{[^}]*\}|<[^>]*>", " ", t) for t in found]
    return [t for t in text_only if "Project-Id-Version" not in t]


def english_in(text: str) -> list[str]:
    words = [w for w in ENGLISH_WORDS if w not in ACCEPTED_LOAN_WORDS]
    hits = [s for s in ENGLISH_STEMS if s in text.lower()]
    hits += [w for w in words if re.search(rf"(?<![\w-]){w}(?![\w-])", text, re.IGNORECASE)]
    return hits


def test_no_english_word_is_left_in_an_indonesian_translation():
    left = [(text, english_in(text)) for text in translations() if english_in(text)]
    assert not left, left[:10]


def test_each_term_has_one_spelling():
    wrong = [
        (text, word)
        for text in translations()
        for word in SPELLINGS
        if re.search(rf"\b{word}\b", text, re.IGNORECASE)
    ]
    assert not wrong, wrong[:10]


def test_the_check_would_catch_an_english_word():
    assert english_in("Menunggu review") == ["review"]
    assert english_in("Rencana diajukan untuk direview") == ["review"]
    assert english_in("Catatan kasus") == []
