"""Gunicorn forks its workers from a warmed master (sentra/wsgi.py, sentra/warmup.py)."""

from sentra.warmup import project_templates, warm


def test_warm_up_compiles_every_project_template():
    names = project_templates()
    assert "base.html" in names and len(names) > 100
    # A template that stops compiling (or a URLconf that stops importing) fails here, not
    # in the first request of every worker after a deploy.
    assert warm() == len(names)
