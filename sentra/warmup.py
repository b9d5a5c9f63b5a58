"""Warm a web process before it serves: import every view and compile every project
template once. Gunicorn loads the application in its master (`preload_app`), so each
worker it forks - at start and when it recycles one - begins warm instead of spending its
first requests (0.3-0.6 s each, measured by bench/drills/run.py) on imports and template
compilation. Nothing here touches the database or the broker."""

from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver


def project_templates() -> list[str]:
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.html"))


def warm() -> int:
    """Returns how many templates were compiled."""
    get_resolver().url_patterns  # noqa: B018  (imports every URLconf and view module)
    engine = engines["django"]
    compiled = 0
    for name in project_templates():
        try:
            engine.get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a fragment that only makes sense included; it compiles on use
        compiled += 1
    return compiled
