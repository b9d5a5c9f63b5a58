"""Which cases may have a stay in residence: one rule, in one place.

A case records its ATENSI approaches (`Case.approaches`: residential and/or family and/or
community); a stay belongs only to a case whose approaches include residential care."""


def case_is_residential(case) -> bool:
    return case.is_residential
