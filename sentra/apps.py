from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SentraConfig(AppConfig):
    name = "sentra"
    verbose_name = _("Sentra organisation")

    def ready(self):
        from sentra import signals  # noqa: F401  (connects the login audit receivers)
        from sentra.bounds import bound_every_form_date  # apps load before form classes

        bound_every_form_date()
