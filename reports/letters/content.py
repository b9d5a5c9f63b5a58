"""What each kind of letter says, taken from the case when the letter is issued.

The result is plain data (text only) kept on the letter, so a re-print shows exactly what
was signed even after the case has moved on. Text that users typed stays text: the
template escapes it like everything else."""

from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Referral, Termination
from clients import identity
from reports import rendering


def _person(client) -> list[list[str]]:
    birth = ""
    if client.birth_date:
        birth = rendering.written_date(client.birth_date)
    place_and_date = ", ".join(part for part in [client.birthplace, birth] if part)
    address = ", ".join(
        part
        for part in [
            client.street,
            identity.region_path(
                client.village_code
                or client.district_code
                or client.regency_code
                or client.province_code
            ),
        ]
        if part
    )
    return [
        [_("Name"), client.full_name],
        [_("Registration number"), client.registration_number],
        [_("NIK"), client.nik or "—"],
        [_("Sex"), client.get_sex_display()],
        [_("Place and date of birth"), place_and_date or "—"],
        [_("Address"), address or "—"],
    ]


def _day(moment, case) -> str:
    """A moment written out as the date it was in the centre's own time zone."""
    return rendering.written_date(timezone.localtime(moment, case.centre.zone).date())


def signature(role: str, *, name: str = "", position: str = "", nip: str = "") -> dict:
    """A signature block; the role line is left out when it only repeats the position."""
    return {
        "role": "" if role == position else role,
        "name": name,
        "position": position,
        "nip": nip,
    }


def head_signature(centre, role: str) -> dict:
    return signature(
        role,
        name=centre.head_name,
        position=centre.head_title or _("Head of centre"),
        nip=centre.head_nip,
    )


def staff_signature(member, role: str, default_position: str) -> dict:
    return signature(
        role, name=member.full_name, position=member.position or default_position, nip=member.nip
    )


def _worker(case, role: str) -> dict:
    return staff_signature(case.primary_worker, role, _("Social worker"))


def referral_letter(case, referral: Referral) -> dict:
    partner = referral.partner
    return {
        "title": _("REFERRAL LETTER"),
        "addressee": [_("To (addressee)"), partner.name, partner.address],
        "intro": _("With respect, we refer the following client of %(centre)s to you:")
        % {"centre": case.centre.name},
        "fields": _person(case.client) + [[_("Case number"), case.number]],
        "sections": [
            [_("Reason for the referral"), referral.reason],
            [_("Services requested"), referral.services_requested],
        ],
        "closing": _(
            "We would be grateful for your help and for word of the outcome. Thank you for "
            "your cooperation."
        ),
        "signatures": [head_signature(case.centre, "")],
    }


def admission_record(case, source=None) -> dict:
    fields = _person(case.client) + [
        [_("Case number"), case.number],
        [_("Access route"), case.get_access_route_display()],
        [_("Approach"), case.get_approaches_display()],
    ]
    if case.referring_institution:
        fields.append([_("Referring institution"), case.referring_institution])
    return {
        "title": _("ADMISSION RECORD"),
        "intro": _("On %(date)s the following person was admitted as a client of %(centre)s:")
        % {"date": _day(case.opened_at, case), "centre": case.centre.name},
        "fields": fields,
        "sections": [[_("Initial problem statement"), case.problem_statement]],
        "closing": _("This record is made truthfully, to be used as needed."),
        "signatures": [
            _worker(case, _("Received by")),
            head_signature(case.centre, _("Acknowledged by")),
        ],
    }


def service_agreement(case, source=None) -> dict:
    return {
        "title": _("SERVICE AGREEMENT"),
        "intro": _(
            "We, the undersigned, agree on the social rehabilitation services of %(centre)s for:"
        )
        % {"centre": case.centre.name},
        "fields": _person(case.client)
        + [[_("Case number"), case.number], [_("Approach"), case.get_approaches_display()]],
        "sections": [
            [_("Problem to work on"), case.problem_statement],
            [
                _("Agreement"),
                _(
                    "The client (or guardian) agrees to take part in assessment, planning and "
                    "the services of the plan, and may ask questions, see their plan and "
                    "withdraw consent at any time. The social worker keeps what the client "
                    "says confidential within the law and informs the client of each step."
                ),
            ],
        ],
        "closing": _("Signed by both parties, in good faith and without pressure."),
        "signatures": [
            signature(_("Client or guardian"), name=case.client.full_name),
            _worker(case, _("Social worker")),
        ],
    }


def handover_record(case, termination: Termination) -> dict:
    partner = termination.destination_partner
    receiver = (partner.contact_person if partner else "") or ""
    destination = (
        partner.name
        if partner
        else termination.destination_address or identity.region_path(termination.destination_region)
    )
    return {
        "title": _("HANDOVER RECORD"),
        "intro": _("On %(date)s %(centre)s handed over the following client:")
        % {
            "date": _day(case.closed_at or case.opened_at, case),
            "centre": case.centre.name,
        },
        "fields": _person(case.client)
        + [
            [_("Case number"), case.number],
            [_("Reason"), termination.get_reason_display()],
            [_("Handed over to"), destination or "—"],
        ],
        "sections": [[_("Summary of outcome"), termination.outcome_summary]],
        "closing": _("This record is made truthfully, to be used as needed."),
        "signatures": [
            _worker(case, _("Handed over by")),
            signature(_("Received by"), name=receiver),
            head_signature(case.centre, _("Acknowledged by")),
        ],
    }


def social_report(case, source=None) -> dict:
    services: dict[str, int] = {}
    for service in case.services.select_related("service_type"):
        label = service.service_type.get_component_display()
        services[label] = services.get(label, 0) + 1
    plan = case.plans.filter(status="approved").first()
    goals = "\n".join(f"• {goal.goal}" for goal in plan.goals.all()) if plan else ""
    sections = [
        [_("Initial problem statement"), case.problem_statement],
        [_("Current stage"), case.get_stage_display()],
        [
            _("Services received"),
            "\n".join(f"• {label}: {count}" for label, count in services.items()) or "—",
        ],
    ]
    if goals:
        sections.append([_("Goals of the approved plan"), goals])
    return {
        "title": _("SOCIAL REPORT"),
        "intro": _("Social report on a client of %(centre)s:") % {"centre": case.centre.name},
        "fields": _person(case.client) + [[_("Case number"), case.number]],
        "sections": sections,
        "closing": "",
        "signatures": [
            _worker(case, _("Social worker")),
            staff_signature(case.supervisor, _("Supervisor"), _("Supervisor")),
        ],
    }


def completion_certificate(case, source=None) -> dict:
    termination = case.terminations.filter(review__status="approved").first()
    return {
        "title": _("CERTIFICATE OF COMPLETED SERVICES"),
        "intro": _("The undersigned, the head of %(centre)s, states that:")
        % {"centre": case.centre.name},
        "fields": _person(case.client) + [[_("Case number"), case.number]],
        "sections": [
            [
                _("Services"),
                _("has completed social rehabilitation services from %(start)s to %(end)s.")
                % {
                    "start": _day(case.opened_at, case),
                    "end": _day(case.closed_at, case) if case.closed_at else "—",
                },
            ],
            [_("Reason for ending"), termination.get_reason_display() if termination else "—"],
        ],
        "closing": _("This certificate is given to be used as needed."),
        "signatures": [head_signature(case.centre, "")],
    }
