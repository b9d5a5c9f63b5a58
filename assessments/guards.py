"""The assessment rules the case workflow must respect (registered at start-up)."""

from django.utils.translation import gettext as _

from assessments.models import InstrumentKind
from assessments.services import has_submitted
from casework import services as casework_services
from casework.models.stages import Stage
from casework.stages import guard


@guard(leaving=Stage.ASSESSMENT)
def comprehensive_assessment_submitted(case, by):
    if not has_submitted(case, InstrumentKind.COMPREHENSIVE):
        return _("Leaving the assessment stage needs a submitted comprehensive assessment.")
    return None


def rapid_assessment_before_first_response(case, by):
    if not has_submitted(case, InstrumentKind.RAPID):
        return _("Submit a rapid assessment before marking the first response done.")
    return None


casework_services.EMERGENCY_RESPONSE_GUARDS.append(rapid_assessment_before_first_response)
