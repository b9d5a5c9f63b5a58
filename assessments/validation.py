"""Strict checks of an imported instrument, before anything of it is stored.

An instrument file comes from an admin's computer and is shown to every social worker who
uses it, so it is hostile input: every key must be a slug (it ends up in HTML attributes,
form field names and SVG), every text a string of bounded length, every list of the
expected shape. The checks never raise on a malformed file: they return messages for the
admin, so a bad file is a clear error and never a server error.
"""

import re
from typing import Any

from django.utils.translation import gettext as _

from assessments import schema
from assessments.models import InstrumentKind

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")
KINDS = set(InstrumentKind.values)
LANGUAGES = {"id", "en"}
MAX_LABEL, MAX_HELP, MAX_NAME = 500, 2000, 200
MAX_SECTIONS, MAX_QUESTIONS, MAX_CHOICES, MAX_DOMAINS = 50, 300, 50, 20
NUMBER_LIMIT = 1_000_000_000


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text_errors(value: Any, where: str, *, limit: int, required: bool) -> list[str]:
    """A label is a string or {"id": ..., "en": ...} of strings, each within `limit`."""
    if value is None or value == "" or value == {}:
        return [_("%(where)s has no text.") % {"where": where}] if required else []
    texts = [value] if isinstance(value, str) else None
    if isinstance(value, dict) and set(value) <= LANGUAGES:
        texts = list(value.values())
    if texts is None or not all(isinstance(t, str) for t in texts):
        return [_('%(where)s: a text must be a string or {"id": …, "en": …}.') % {"where": where}]
    if any(len(t) > limit for t in texts):
        return [
            _("%(where)s: a text is longer than %(limit)s characters.")
            % {"where": where, "limit": limit}
        ]
    if any("\x00" in t for t in texts):
        return [_("%(where)s: a text holds a NUL character.") % {"where": where}]
    if required and not any(t.strip() for t in texts):
        return [_("%(where)s has no text.") % {"where": where}]
    return []


def _key_errors(value: Any, where: str) -> list[str]:
    if not isinstance(value, str) or not KEY.match(value):
        return [
            _(
                "%(where)s: a key must be 1 to 50 lowercase letters, digits, '-' or '_' "
                "(got %(value)s)."
            )
            % {"where": where, "value": repr(value)[:60]}
        ]
    return []


def check_instrument(data: Any) -> list[str]:
    """Everything wrong with an exported instrument (code, kind, names, definition)."""
    if not isinstance(data, dict):
        return [_("The file must hold one instrument object.")]
    errors = []
    code = data.get("code")
    if not isinstance(code, str) or not CODE.match(code):
        errors.append(
            _("The code must be 1 to 50 lowercase letters, digits or '-' (got %(value)s).")
            % {"value": repr(code)[:60]}
        )
    if data.get("kind") not in KINDS:
        errors.append(
            _("The kind must be one of: %(kinds)s.") % {"kinds": ", ".join(sorted(KINDS))}
        )
    for field in ("name_id", "name_en"):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
            errors.append(
                _("%(field)s must be a text of 1 to %(limit)s characters.")
                % {"field": field, "limit": MAX_NAME}
            )
    return errors + check_definition(data.get("definition"))


def check_definition(definition: Any) -> list[str]:
    """Everything wrong with a definition's shape; then the rules of schema.py."""
    if not isinstance(definition, dict):
        return [_("A definition needs a list of sections.")]
    sections, domains = definition.get("sections"), definition.get("domains", [])
    if not isinstance(sections, list) or not sections:
        return [_("A definition needs a list of sections.")]
    if not isinstance(domains, list) or len(domains) > MAX_DOMAINS:
        return [_("The domains must be a list of at most %(n)s.") % {"n": MAX_DOMAINS}]
    errors: list[str] = []
    for index, domain in enumerate(domains, 1):
        where = _("Domain %(n)s") % {"n": index}
        if not isinstance(domain, dict):
            errors.append(_("%(where)s must be an object.") % {"where": where})
            continue
        errors += _key_errors(domain.get("key"), where)
        errors += _text_errors(domain.get("label"), where, limit=MAX_NAME, required=True)
    if len(sections) > MAX_SECTIONS:
        errors.append(_("At most %(n)s sections.") % {"n": MAX_SECTIONS})
    count = 0
    for index, section in enumerate(sections[:MAX_SECTIONS], 1):
        where = _("Section %(n)s") % {"n": index}
        if not isinstance(section, dict) or not isinstance(section.get("questions"), list):
            errors.append(_("%(where)s needs a list of questions.") % {"where": where})
            continue
        errors += _key_errors(section.get("key"), where)
        errors += _text_errors(section.get("title"), where, limit=MAX_LABEL, required=False)
        for question in section["questions"]:
            count += 1
            errors += _question_errors(question, _("Question %(n)s") % {"n": count})
    if count > MAX_QUESTIONS:
        errors.append(_("At most %(n)s questions.") % {"n": MAX_QUESTIONS})
    # The cross-references (duplicate keys, show-if targets, score domains) need a
    # well-formed definition: only then are schema's rules run.
    return errors or schema.validate_definition(definition)


def _question_errors(question: Any, where: str) -> list[str]:
    if not isinstance(question, dict):
        return [_("%(where)s must be an object.") % {"where": where}]
    errors = _key_errors(question.get("key"), where)
    if errors:
        return errors
    where = _("Question %(key)s") % {"key": question["key"]}
    if question.get("type") not in schema.TYPES:
        return [_("%(where)s has an unknown type.") % {"where": where}]
    errors += _text_errors(question.get("label"), where, limit=MAX_LABEL, required=True)
    errors += _text_errors(question.get("help"), where, limit=MAX_HELP, required=False)
    if not isinstance(question.get("required", False), bool):
        errors.append(_("%(where)s: required must be true or false.") % {"where": where})
    errors += _choice_errors(question, where)
    for bound in ("min", "max"):
        if bound in question and not (
            _is_number(question[bound]) and abs(question[bound]) <= NUMBER_LIMIT
        ):
            errors.append(_("%(where)s: min and max must be numbers.") % {"where": where})
    condition = question.get("show_if")
    if condition is not None and not (
        isinstance(condition, dict)
        and isinstance(condition.get("question"), str)
        and (
            isinstance(condition.get("in"), list)
            and all(isinstance(v, str) for v in condition["in"])
            or isinstance(condition.get("equals"), str)
        )
    ):
        errors.append(
            _('%(where)s: show_if needs a question and a list of values in "in".')
            % {"where": where}
        )
    score = question.get("score")
    if score is not None and not (
        isinstance(score, dict)
        and isinstance(score.get("domain"), str)
        and (_is_number(score.get("weight", 1)) and 0 < score.get("weight", 1) <= 100)
    ):
        errors.append(
            _("%(where)s: a score needs a domain and a weight from 0 to 100.") % {"where": where}
        )
    return errors


def _choice_errors(question: dict, where: str) -> list[str]:
    choices = question.get("choices")
    if choices is None and question["type"] not in ("single_choice", "multi_choice"):
        return []
    if not isinstance(choices, list) or not choices or len(choices) > MAX_CHOICES:
        return [
            _("%(where)s needs a list of 1 to %(n)s choices.") % {"where": where, "n": MAX_CHOICES}
        ]
    errors, values = [], set()
    for choice in choices:
        if not isinstance(choice, dict):
            errors.append(
                _('%(where)s: each choice is an object {"value": …, "label": …}.')
                % {"where": where}
            )
            continue
        errors += _key_errors(choice.get("value"), where)
        errors += _text_errors(choice.get("label"), where, limit=MAX_LABEL, required=True)
        if "score" in choice and not (
            _is_number(choice["score"]) and abs(choice["score"]) <= NUMBER_LIMIT
        ):
            errors.append(_("%(where)s: a choice's score must be a number.") % {"where": where})
        if choice.get("value") in values:
            errors.append(_("%(where)s: a choice value is used twice.") % {"where": where})
        values.add(choice.get("value"))
    return errors
