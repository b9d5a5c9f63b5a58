"""Finding 8 of the security test: on a shared computer, one user's unsaved note draft is
never restored into another user's form, and logging out forgets the drafts."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.pages import read_page

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "static" / "js" / "sentra.js"


def draft_key(page: str) -> str:
    found = re.search(r'data-draft-key="([^"]+)"', page)
    assert found, "the note form keeps a draft"
    return found.group(1)


def test_the_draft_of_a_note_is_kept_per_user_and_case(case, worker, supervisor, client_for):
    url = reverse("casework:note-add", args=[case.public_id])
    mine = draft_key(read_page(client_for(worker), url))
    theirs = draft_key(read_page(client_for(supervisor), url))
    assert mine != theirs
    assert mine == f"draft:{worker.public_id}:note-{case.public_id}"


def test_logging_out_forgets_the_drafts_of_this_device(case, worker, client_for):
    page = read_page(client_for(worker), reverse("casework:case-detail", args=[case.public_id]))
    assert re.search(r'<form method="post" action="/[^"]*logout/?" data-logout>', page)
    script = SCRIPT.read_text()
    assert 'matches("form[data-logout]")) forgetDrafts' in script
    assert "key.startsWith(DRAFT_PREFIX)" in script


def test_opening_a_clients_edit_form_is_audited_as_a_view(case, worker, client_for):
    """Finding 10: the edit form shows the full NIK, so opening it leaves an audit row."""
    from sentra.models import AuditEvent

    client = case.client
    http = client_for(worker)
    before = AuditEvent.objects.filter(action="view", object_id=str(client.public_id)).count()
    read_page(http, reverse("clients:edit", args=[client.public_id]))
    after = AuditEvent.objects.filter(action="view", object_id=str(client.public_id)).count()
    assert after == before + 1
