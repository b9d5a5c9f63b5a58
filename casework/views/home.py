"""The home page: what needs each role today (see casework/home.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from casework.home import home_for


@require_GET
def home(request):
    kind, context = home_for(request.user)
    return render(request, f"casework/home_{kind}.html", context)
