import copy
import json
from pathlib import Path

import pytest

from assessments import schema

SHIPPED = sorted(
    (Path(__file__).resolve().parents[2] / "assessments" / "instruments").glob("*.json")
)

GOOD = {
    "domains": [{"key": "safety", "label": {"id": "Keamanan", "en": "Safety"}}],
    "sections": [
        {
            "key": "s1",
            "title": {"id": "Bagian", "en": "Section"},
            "questions": [
                {
                    "key": "danger",
                    "type": "yes_no",
                    "label": {"id": "Bahaya?", "en": "Danger?"},
                    "required": True,
                },
                {
                    "key": "where",
                    "type": "short_text",
                    "label": {"id": "Di mana", "en": "Where"},
                    "required": True,
                    "show_if": {"question": "danger", "in": ["yes"]},
                },
                {
                    "key": "age",
                    "type": "number",
                    "label": {"id": "Umur", "en": "Age"},
                    "min": 0,
                    "max": 120,
                },
                {
                    "key": "feel",
                    "type": "scale",
                    "label": {"id": "Rasa aman", "en": "Safe"},
                    "required": True,
                    "score": {"domain": "safety", "weight": 2},
                },
                {
                    "key": "sleep",
                    "type": "single_choice",
                    "label": {"id": "Tidur", "en": "Sleep"},
                    "choices": [
                        {"value": "good", "label": {"id": "Baik", "en": "Good"}, "score": 5},
                        {"value": "bad", "label": {"id": "Buruk", "en": "Bad"}, "score": 1},
                    ],
                    "score": {"domain": "safety", "weight": 1},
                },
                {
                    "key": "needs",
                    "type": "multi_choice",
                    "label": {"id": "Kebutuhan", "en": "Needs"},
                    "choices": [
                        {"value": "food", "label": {"id": "Makan", "en": "Food"}},
                        {"value": "home", "label": {"id": "Rumah", "en": "Home"}},
                    ],
                },
                {"key": "seen", "type": "date", "label": {"id": "Tanggal", "en": "Date"}},
            ],
        }
    ],
}


def broken(change):
    definition = copy.deepcopy(GOOD)
    change(definition)
    return schema.validate_definition(definition)


def questions_of(d):
    return d["sections"][0]["questions"]


def test_a_good_definition_has_no_errors():
    assert schema.validate_definition(GOOD) == []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_instrument_is_valid(path):
    data = json.loads(path.read_text())
    assert schema.validate_definition(data["definition"]) == []
    assert data["name_id"] and data["name_en"]


def test_five_instruments_are_shipped():
    assert {json.loads(p.read_text())["kind"] for p in SHIPPED} == {
        "rapid",
        "comprehensive",
        "family_tracing",
        "wellbeing",
        "screening",
    }


def test_unknown_type_is_reported():
    errors = broken(lambda d: questions_of(d)[0].update(type="essay"))
    assert errors == ["Question danger has an unknown type essay."]


def test_duplicate_keys_are_reported():
    errors = broken(lambda d: questions_of(d)[1].update(key="danger"))
    assert "The key danger is used twice." in errors


def test_a_condition_on_a_missing_question_is_reported():
    errors = broken(lambda d: questions_of(d)[1]["show_if"].update(question="nowhere"))
    assert errors == ["Question where depends on nowhere, which does not exist."]


def test_a_score_on_a_text_question_is_reported():
    errors = broken(lambda d: questions_of(d)[1].update(score={"domain": "safety"}))
    assert len(errors) == 1 and "only scale, yes/no and single choice" in errors[0]


def test_a_score_into_an_unknown_domain_is_reported():
    errors = broken(lambda d: questions_of(d)[3]["score"].update(domain="mood"))
    assert errors == ["Question feel scores into an unknown domain mood."]


def test_choices_are_required_for_choice_questions():
    errors = broken(lambda d: questions_of(d)[5].pop("choices"))
    assert errors == ["Question needs needs choices."]


def test_not_a_definition_at_all():
    assert schema.validate_definition([]) == ["A definition needs a list of sections."]


def test_required_questions_are_enforced_only_on_submission():
    answers, errors = schema.clean_answers(GOOD, {"age": "30"}, complete=False)
    assert (answers, errors) == ({"age": 30}, {})
    _, errors = schema.clean_answers(GOOD, {"age": "30"}, complete=True)
    assert set(errors) == {"danger", "feel"}


def test_a_hidden_question_is_neither_required_nor_kept():
    answers, errors = schema.clean_answers(
        GOOD, {"danger": "no", "where": "pasar", "feel": "3"}, complete=True
    )
    assert errors == {} and "where" not in answers
    _, errors = schema.clean_answers(GOOD, {"danger": "yes", "feel": "3"}, complete=True)
    assert set(errors) == {"where"}


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"age": "121"}, "age"),
        ({"age": "abc"}, "age"),
        ({"feel": "6"}, "feel"),
        ({"feel": "0"}, "feel"),
        ({"sleep": "meh"}, "sleep"),
        ({"needs": ["food", "car"]}, "needs"),
        ({"danger": "maybe"}, "danger"),
        ({"seen": "2999-01-01"}, "seen"),
        ({"seen": "kemarin"}, "seen"),
    ],
)
def test_answers_outside_the_definition_are_refused(raw, key):
    _, errors = schema.clean_answers(GOOD, raw, complete=False)
    assert key in errors


def test_scores_are_weighted_means_per_domain():
    answers, _ = schema.clean_answers(GOOD, {"feel": "2", "sleep": "good"}, complete=False)
    # (2 * 2 + 5 * 1) / 3 = 3.0
    assert schema.compute_scores(GOOD, answers) == {"safety": 3.0}
    answers, _ = schema.clean_answers(GOOD, {"feel": "4"}, complete=False)
    assert schema.compute_scores(GOOD, answers) == {"safety": 4.0}
