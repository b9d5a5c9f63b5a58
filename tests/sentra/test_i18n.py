import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext is not installed")
def test_indonesian_catalogue_is_complete():
    po = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalogue():
    """makemessages finds no string that the committed catalogue lacks."""
    po = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
    committed_text = po.read_text()
    try:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "id",
                "--ignore=.venv",
                "--ignore=tests",
                "--ignore=private*",
                "--ignore=staticfiles",
                "--ignore=bench",
            ],
            cwd=ROOT,
            capture_output=True,
            check=True,
            env={**os.environ, "DEBUG": "1"},
        )
        fresh = _msgids(po.read_text())
    finally:
        po.write_text(committed_text)
    missing = fresh - _msgids(committed_text)
    assert not missing, sorted(missing)[:20]


def _msgids(text: str) -> set[str]:
    ids, current, in_id = set(), [], False
    for line in text.splitlines():
        if line.startswith("msgid "):
            current, in_id = [line[6:].strip('"')], True
        elif line.startswith('"') and in_id:
            current.append(line.strip('"'))
        else:
            if in_id and "".join(current):
                ids.add("".join(current))
            in_id = False
    return ids


@pytest.mark.indonesian
@pytest.mark.django_db
def test_home_page_is_indonesian_by_default(worker, client_for):
    body = client_for(worker).get(reverse("home")).content.decode()
    assert 'lang="id"' in body
    assert "Keluar" in body


@pytest.mark.indonesian
@pytest.mark.django_db
def test_english_is_available(worker, client_for):
    client = client_for(worker)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("home")).content.decode()
    assert 'lang="en"' in body
    assert "Log out" in body
