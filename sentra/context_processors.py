from sentra import access

# The section of the navigation a page belongs to, by its URL name: "namespace:name", a
# "namespace:name-" prefix, the namespace alone (every other page of that app), or for the
# project's own pages the first word of the name.
SECTIONS = {
    "home": "home",
    "casework:conference": "conferences",
    "casework:group": "groups",
    "casework:partner": "partners",
    "casework:service-type": "services",
    "casework": "cases",
    "assessments:instrument": "instruments",
    "assessments": "cases",
    "clients:categories": "categories",
    "clients": "clients",
    "residence": "residence",
    "activities": "activities",
    "reports": "reports",
    "staff": "staff",
    "audit": "audit",
    "centre": "centre",
    "privacy": "privacy",
}
ADMIN_PAGES = ("categories", "services", "instruments", "staff", "audit", "centre", "privacy")


def current_section(request) -> str:
    """Which navigation item the page belongs to ("" for none): it is marked aria-current.
    SECTIONS lists the specific names before their app, so the first match is the best."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return ""
    if not match.namespace:
        return SECTIONS.get(match.url_name.split("-")[0], "")
    full = f"{match.namespace}:{match.url_name}"
    for prefix, section in SECTIONS.items():
        if full == prefix or full.startswith(prefix + "-") or prefix == match.namespace:
            return section
    return ""


def navigation(request):
    """What the navigation bar may offer this user."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav": {
            "staff": access.can_manage_staff(user),
            "audit": access.can_view_audit(user),
            "is_supervisor": access.can_supervise(user),
            "residence_staff": access.can_work_in_residence(user),
            "privacy": access.can_keep_privacy_registers(user),
            "current": current_section(request),
            "admin_pages": ADMIN_PAGES,
        }
    }
