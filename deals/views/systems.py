"""Weapon systems: /systems/ (filtered) and /systems/<slug>/, whose specifications are shown
as each source states them, side by side."""
from itertools import groupby

from django.views.generic import DetailView

from deals.models import WeaponSystem
from lists.views import FilteredListView


class WeaponSystemListView(FilteredListView):
    listing = "systems"
    template_name = "deals/weaponsystem_list.html"
    paginate_by = 50


class WeaponSystemDetailView(DetailView):
    template_name = "deals/weaponsystem_detail.html"
    def get_queryset(self):
        return WeaponSystem.objects.for_page()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        specifications = self.object.specifications.all()
        # One group per parameter, so figures that sources state differently sit together.
        context["parameters"] = [
            {"name": name, "specifications": list(rows)}
            for name, rows in groupby(specifications, key=lambda specification: specification.parameter)
        ]
        return context
