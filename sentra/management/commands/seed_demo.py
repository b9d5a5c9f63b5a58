from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from activities.demo import seed_activities
from casework.demo import seed_cases
from clients.demo import seed_clients
from privacy.demo import seed_privacy
from reports.demo import seed_letters
from reports.summaries import refresh_all
from residence.demo import seed_residence
from sentra import demo


class Command(BaseCommand):
    help = "Create (or refresh) the demo centres, accounts and case files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off. Never do this on a production database.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it runs only with "
                "DEBUG on. Use --force if this really is a demo database."
            )
        accounts = demo.seed_organisation()
        clients = seed_clients(
            accounts["peksos1"].centre, [accounts["peksos1"], accounts["peksos2"]], 57, seed=2026
        ) + seed_clients(accounts["peksos_lain"].centre, [accounts["peksos_lain"]], 6, seed=7)
        if clients:
            self.stdout.write(f"Registered {clients} demo clients.")
        cases = seed_cases(
            accounts["peksos1"].centre,
            [accounts["peksos1"], accounts["peksos2"]],
            accounts["supervisor1"],
            seed=2026,
        )
        if cases:
            self.stdout.write(f"Opened {cases} demo cases.")
        residents = seed_residence(
            accounts["peksos1"].centre,
            [accounts["peksos1"], accounts["peksos2"]],
            accounts["supervisor1"],
            accounts["admin1"],
            seed=2026,
        )
        if residents:
            self.stdout.write(f"Placed {residents} demo residents in the wisma.")
        centre_workers = [accounts["peksos1"], accounts["peksos2"]]
        activities = seed_activities(
            accounts["peksos1"].centre, centre_workers, accounts["supervisor1"], seed=2026
        )
        if activities:
            self.stdout.write(f"Logged {activities} demo activities.")
        if seed_privacy(accounts["peksos1"].centre, accounts["peksos1"], accounts["admin1"]):
            self.stdout.write("Recorded a demo breach and an access request.")
        issued = seed_letters(accounts["peksos1"].centre, centre_workers, accounts["supervisor1"])
        if issued:
            self.stdout.write(f"Issued {issued} demo letters.")
        # What the nightly recount does: the dashboard reads the past months it stores.
        refresh_all()
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Password for every demo account: {demo.DEMO_PASSWORD}")
        for username, user in accounts.items():
            self.stdout.write(f"  {username:<12} {user.get_role_display()} · {user.centre.name}")
