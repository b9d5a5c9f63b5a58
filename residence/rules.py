"""Which cases may have a stay in residence: one rule, in one place.

A case records its ATENSI approach (`Case.approach`); a stay belongs only to a case whose
approach includes residential care. When a case comes to hold several approaches, this
function is the one thing to change."""

from casework.models.cases import Approach


def case_is_residential(case) -> bool:
    return case.approach == Approach.RESIDENTIAL
