"""The Celery application. Settings live in sentra/settings.py under CELERY_*."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sentra.settings")

app = Celery("sentra")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
