from sentra import access


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
        }
    }
