from django.apps import AppConfig


class ResidenceConfig(AppConfig):
    name = "residence"
