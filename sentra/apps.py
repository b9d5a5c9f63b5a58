from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SentraConfig(AppConfig):
    name = "sentra"
    verbose_name = _("Sentra organisation")

    def ready(self):
        from sentra import signals  # noqa: F401  (connects the login audit receivers)
