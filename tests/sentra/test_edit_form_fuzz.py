"""Every edit form survives hostile input too: each form of test_concurrency's EDIT_FORMS,
read as the person who edits it, is posted back with its values made hostile (the same
variants as the create forms' fuzz). No answer may be a 500, and afterwards no record holds
an implausible date or a negative number, or points at another centre's people."""

import pytest

from tests.pages import form_data, read_page
from tests.sentra.test_concurrency import EDIT_FORMS, setting  # noqa: F401  (a fixture)
from tests.sentra.test_form_fuzz import (
    _foreign_references,
    _implausible_values,
    hostile_variants,
    other_centre_people,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", list(EDIT_FORMS))
def test_every_edit_form_survives_hostile_input(kind, setting, client_for, reference_data):  # noqa: F811
    edit = EDIT_FORMS[kind](setting)
    people, foreign = other_centre_people()
    references_before = _foreign_references(people)
    http = client_for(edit.first)

    problems = []
    valid = form_data(read_page(http, edit.url), edit.having)
    for variant, data in hostile_variants(valid, foreign).items():
        # Read again: an earlier variant may have saved, and a stale version would only
        # test the conflict page, not the fields.
        current = form_data(read_page(http, edit.url), edit.having)
        data.update({key: value for key, value in current.items() if "version" in key})
        try:
            status = http.post(edit.url, data).status_code
        except Exception as error:  # noqa: BLE001  (a crash is what we look for)
            status = f"{type(error).__name__}: {error}"[:200]
        if not isinstance(status, int) or status >= 500:
            problems.append(f"{variant}: {status}")

    references_after = _foreign_references(people)
    problems += [
        f"{key} now points at another centre's record"
        for key, before in references_before.items()
        if references_after[key] != before
    ]
    problems += [f"implausible value stored in {field}" for field in _implausible_values()]
    assert not problems, "\n".join(problems)
