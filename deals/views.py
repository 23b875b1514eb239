"""Public pages."""
from django.views.generic import ListView

from .models import Deal


class HomeView(ListView):
    template_name = "home.html"
    queryset = Deal.objects.select_related("supplier", "recipient", "system")
