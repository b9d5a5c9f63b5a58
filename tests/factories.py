import factory

from casework.services.cases import open_case
from casework.services.conferences import finalise_conference, save_minutes, schedule_conference
from casework.services.plans import start_plan_version
from casework.services.reviews import decide_review
from casework.services.termination import request_termination
from sentra.models import Centre, User
from sentra.scopes import Role

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


def submitted_assessment(case, kind: str, by, level: int | None = None):
    """A submitted assessment of the shipped instrument of `kind`, answered through the
    real services (answers generated from the definition)."""
    import random

    from assessments.demo import submit_demo_assessment

    return submit_demo_assessment(case, kind, by, random.Random(1), level=level, demo_extras=False)


def open_case_for(client, worker, supervisor, **extra):
    """A case opened through the real service (walk-in, residential) unless `extra` says."""
    from casework.models.cases import AccessRoute, Approach

    data = {
        "access_route": AccessRoute.WALK_IN,
        "approaches": [Approach.RESIDENTIAL],
        "problem_statement": "Ditemukan di pasar tanpa identitas.",
        "primary_worker": worker,
        "supervisor": supervisor,
        **extra,
    }
    return open_case(by=worker, client=client, data=data)


def approved_plan(case, worker, supervisor):
    """A one-goal plan approved at a finalised case conference, through the services."""
    from datetime import timedelta

    from django.utils import timezone

    from casework.models import PlanGoal

    plan = start_plan_version(by=worker, case=case)
    PlanGoal.objects.create(
        plan=plan,
        order=1,
        problem="Belum punya KTP",
        goal="KTP terbit",
        component="decent_living",
        activities="Pendampingan ke Dukcapil",
        responsible_staff=worker,
        target_date=timezone.localdate() + timedelta(days=30),
        indicator="KTP di tangan",
    )
    conference = schedule_conference(
        by=supervisor,
        data={"kind": "case", "scheduled_at": timezone.now(), "place": "Ruang"},
        cases=[case],
        staff=[worker],
    )
    item = conference.agenda_items.get()
    save_minutes(
        by=supervisor,
        conference=conference,
        minutes="Rencana dibahas.",
        decisions={item.pk: {"decision": "approve_plan", "decision_notes": "", "follow_up": ""}},
    )
    finalise_conference(by=supervisor, conference=conference)
    plan.refresh_from_db()
    return plan


def approved_termination(case, worker, supervisor, reason="reunified"):
    """Request termination from monitoring and have the supervisor approve it (which closes
    the case), through the services."""
    from casework.models import Case

    Case.objects.filter(pk=case.pk).update(stage="monitoring")
    case.refresh_from_db()
    termination = request_termination(
        by=worker,
        case=case,
        data={"reason": reason, "outcome_summary": "Klien kembali ke keluarga."},
    )
    decide_review(by=supervisor, review=termination.review, approve=True)
    case.refresh_from_db()
    return termination


def pdf_bytes(*, javascript: str | None = None) -> bytes:
    """A real one-page PDF (written by pypdf), optionally with an OpenAction script."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if javascript:
        action = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(javascript),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
