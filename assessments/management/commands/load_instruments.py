from django.core.management.base import BaseCommand

from assessments.services import load_shipped_instruments


class Command(BaseCommand):
    help = "Publish the shipped instruments whose definition is new or changed."

    def handle(self, *args, **options):
        loaded = load_shipped_instruments()
        self.stdout.write(f"{loaded} instrument version(s) published.")
