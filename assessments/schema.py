"""Instrument definitions: their shape, their validation, and answering and scoring.

A definition is JSON:

    {"domains": [{"key": "safety", "label": {"id": "Keamanan", "en": "Safety"}}],
     "sections": [{"key": "s1", "title": {"id": ..., "en": ...}, "questions": [
         {"key": "q1", "type": "scale", "label": {"id": ..., "en": ...},
          "help": {"id": ..., "en": ...}, "required": true,
          "choices": [{"value": "a", "label": {...}, "score": 3}],
          "min": 0, "max": 10,
          "show_if": {"question": "q0", "in": ["yes"]},
          "score": {"domain": "safety", "weight": 1}}]}]}
"""

from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _

TYPES = {
    "short_text",
    "long_text",
    "yes_no",
    "single_choice",
    "multi_choice",
    "number",
    "date",
    "scale",
}
SCORABLE = {"scale", "yes_no", "single_choice"}
SCALE = (1, 5)


def text(labels: dict | str, language: str | None = None) -> str:
    """The label in the user's language, falling back to Indonesian."""
    if isinstance(labels, str):
        return labels
    language = (language or get_language() or "id")[:2]
    return labels.get(language) or labels.get("id") or labels.get("en") or ""


def questions(definition: dict) -> list[dict]:
    return [q for section in definition.get("sections", []) for q in section.get("questions", [])]


def validate_definition(definition) -> list[str]:
    """Everything wrong with a definition, as messages for the admin who wrote it."""
    if not isinstance(definition, dict) or not isinstance(definition.get("sections"), list):
        return [_("A definition needs a list of sections.")]
    errors = []
    domains = {d.get("key") for d in definition.get("domains", []) if isinstance(d, dict)}
    seen: set[str] = set()
    all_questions = questions(definition)
    keys = {q.get("key") for q in all_questions if isinstance(q, dict)}
    for section in definition["sections"]:
        if not section.get("questions"):
            errors.append(_("Section %(key)s has no questions.") % {"key": section.get("key")})
    for question in all_questions:
        key = question.get("key")
        if not key:
            errors.append(_("A question has no key."))
            continue
        if key in seen:
            errors.append(_("The key %(key)s is used twice.") % {"key": key})
        seen.add(key)
        kind = question.get("type")
        if kind not in TYPES:
            errors.append(
                _("Question %(key)s has an unknown type %(type)s.") % {"key": key, "type": kind}
            )
            continue
        if not text(question.get("label", {})):
            errors.append(_("Question %(key)s has no label.") % {"key": key})
        if kind in ("single_choice", "multi_choice") and not question.get("choices"):
            errors.append(_("Question %(key)s needs choices.") % {"key": key})
        if (
            kind == "number"
            and "min" in question
            and "max" in question
            and (question["min"] > question["max"])
        ):
            errors.append(_("Question %(key)s: the minimum is above the maximum.") % {"key": key})
        condition = question.get("show_if")
        if condition:
            target = condition.get("question")
            if target not in keys:
                errors.append(
                    _("Question %(key)s depends on %(target)s, which does not exist.")
                    % {"key": key, "target": target}
                )
            elif target == key:
                errors.append(_("Question %(key)s depends on itself.") % {"key": key})
        score = question.get("score")
        if score:
            if kind not in SCORABLE:
                errors.append(
                    _(
                        "Question %(key)s is %(type)s: only scale, yes/no and single "
                        "choice questions can be scored."
                    )
                    % {"key": key, "type": kind}
                )
            elif score.get("domain") not in domains:
                errors.append(
                    _("Question %(key)s scores into an unknown domain %(domain)s.")
                    % {"key": key, "domain": score.get("domain")}
                )
    return errors


def is_shown(question: dict, answers: dict) -> bool:
    condition = question.get("show_if")
    if not condition:
        return True
    given = answers.get(condition["question"])
    expected = condition.get("in", [condition.get("equals")])
    if isinstance(given, list):
        return any(value in expected for value in given)
    return given in expected


def clean_answers(definition: dict, raw: dict, *, complete: bool) -> tuple[dict, dict]:
    """Check raw answers against the definition. Returns (answers, errors by question key).

    Answers to questions hidden by their show-if are dropped. `complete` (submission)
    enforces required questions; a draft may be partial."""
    answers, errors = {}, {}
    for question in questions(definition):
        key = question["key"]
        value = raw.get(key)
        if value in (None, "", []):
            continue
        try:
            answers[key] = _coerce(question, value)
        except ValueError as error:
            errors[key] = str(error)
    for question in questions(definition):
        key = question["key"]
        if not is_shown(question, answers):
            answers.pop(key, None)
            errors.pop(key, None)
        elif complete and question.get("required") and key not in answers and key not in errors:
            errors[key] = _("This question must be answered.")
    return answers, errors


def _coerce(question: dict, value):
    kind = question["type"]
    if kind in ("short_text", "long_text"):
        value = str(value).strip()
        if kind == "short_text" and len(value) > 500:
            raise ValueError(_("Keep this answer under 500 characters."))
        return value
    if kind == "yes_no":
        if value not in ("yes", "no"):
            raise ValueError(_("Answer yes or no."))
        return value
    if kind == "single_choice":
        allowed = [c["value"] for c in question["choices"]]
        if value not in allowed:
            raise ValueError(_("Choose one of the listed answers."))
        return value
    if kind == "multi_choice":
        values = value if isinstance(value, list) else [value]
        allowed = [c["value"] for c in question["choices"]]
        if any(v not in allowed for v in values):
            raise ValueError(_("Choose only from the listed answers."))
        return [v for v in allowed if v in values]
    if kind == "number":
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(_("Enter a number.")) from None
        low, high = question.get("min"), question.get("max")
        if (low is not None and number < low) or (high is not None and number > high):
            raise ValueError(
                _("Enter a number from %(min)s to %(max)s.") % {"min": low, "max": high}
            )
        return int(number) if number.is_integer() else number
    if kind == "date":
        try:
            day = date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(_("Enter a date.")) from None
        if day > date.today():
            raise ValueError(_("The date cannot be in the future."))
        return day.isoformat()
    if kind == "scale":
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(_("Choose a value from 1 to 5.")) from None
        if not SCALE[0] <= number <= SCALE[1]:
            raise ValueError(_("Choose a value from 1 to 5."))
        return number
    raise ValueError(_("Unknown question type."))


def _points(question: dict, answer) -> float | None:
    kind = question["type"]
    if kind == "scale":
        return float(answer)
    if kind == "yes_no":
        return float(SCALE[1] if answer == "yes" else SCALE[0])
    if kind == "single_choice":
        choice = next((c for c in question["choices"] if c["value"] == answer), None)
        return float(choice["score"]) if choice and "score" in choice else None
    return None


def compute_scores(definition: dict, answers: dict) -> dict[str, float]:
    """Weighted mean of the answered scored questions per domain, rounded to 0.1."""
    totals: dict[str, list[float]] = {}
    for question in questions(definition):
        score = question.get("score")
        if not score or question["key"] not in answers:
            continue
        points = _points(question, answers[question["key"]])
        if points is None:
            continue
        weight = float(score.get("weight", 1))
        bucket = totals.setdefault(score["domain"], [0.0, 0.0])
        bucket[0] += points * weight
        bucket[1] += weight
    return {
        domain: round(total / weight, 1) for domain, (total, weight) in totals.items() if weight
    }
