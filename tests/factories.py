import factory

from sentra.models import Centre, Role, User

PASSWORD = "a-long-test-password-2026"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Sentra Uji {n}")
    code = factory.Sequence(lambda n: f"T{n:02d}")
    province = "Jambi"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staf{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@sentra.test")
    centre = factory.SubFactory(CentreFactory)
    role = Role.SOCIAL_WORKER
    password = factory.django.Password(PASSWORD)


class ClientFactory(factory.django.DjangoModelFactory):
    """A registered client. Goes through the model directly; registration itself is
    tested through the service and the views."""

    class Meta:
        model = "clients.Client"

    centre = factory.SubFactory(CentreFactory)
    registered_by = factory.SubFactory(UserFactory, centre=factory.SelfAttribute("..centre"))
    registration_number = factory.Sequence(lambda n: f"ALY-2026-{n + 1:04d}")
    full_name = factory.Faker("name", locale="id_ID")
    sex = "L"
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=70)
    search_name = factory.LazyAttribute(
        lambda c: __import__("clients.services", fromlist=["x"]).search_name_for(
            c.full_name, c.aliases
        )
    )
    aliases = ""
