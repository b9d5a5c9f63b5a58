from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"

    def ready(self):
        from assessments import guards  # noqa: F401  (registers the workflow guards)
