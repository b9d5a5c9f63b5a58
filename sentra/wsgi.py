import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentra.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (after the settings module is chosen)

if not settings.DEBUG:  # production: workers fork warm (see sentra/warmup.py)
    from sentra.warmup import warm  # only a production process warms up

    warm()
