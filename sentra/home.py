"""The home page: what each role needs today, gathered from every app.

It sits on the project layer, beside the URL root, because it gathers apps that may not
import each other: casework's figures for the role (casework/home.py), the residence
section (residence/home.py) and today's activities (activities/home.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from activities.home import activities_today
from casework.home import home_for
from residence.home import residence_today
from sentra.logins import login_alerts
from sentra.services import role_grant_notices


@require_GET
def home(request):
    kind, context = home_for(request.user)
    context["residence"] = residence_today(request.user)
    context["role_grants"] = role_grant_notices(request.user)
    context["login_alerts"] = login_alerts(request.user)
    if kind in ("worker", "supervisor"):
        context["activities_today"] = activities_today(request.user)
    return render(request, f"casework/home_{kind}.html", context)
