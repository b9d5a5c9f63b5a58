from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from sentra.bounds import bound_every_form_date


class SentraConfig(AppConfig):
    name = "sentra"
    verbose_name = _("Sentra organisation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Before any app's ready() builds a form class: the admin's autodiscovery, the
        # first ready(), already imports forms (sentra/admin.py imports sentra/forms.py).
        bound_every_form_date()

    def ready(self):
        from sentra import signals  # noqa: F401  (connects the login audit receivers)
