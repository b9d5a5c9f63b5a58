"""Pages load only the icons they use (static/vendor/bootstrap-icons/sentra-icons.css, built
by `make icons`): an icon added to a template must be added to the subset too."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_icon_of_the_templates_is_in_the_subset():
    subset = (ROOT / "static/vendor/bootstrap-icons/sentra-icons.css").read_text()
    shipped = set(re.findall(r"\.(bi-[a-z0-9-]+)::before", subset))
    used = set()
    for template in (ROOT / "templates").rglob("*.html"):
        used.update(re.findall(r"\bbi-[a-z0-9-]+", template.read_text()))
    assert used - shipped == set(), "run `make icons`"
