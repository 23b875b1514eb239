"""Weapon systems: /systems/ (filtered) and /systems/<slug>/, whose specifications are shown
as each source states them, side by side."""
from itertools import groupby

from django.shortcuts import render
from django.views.generic import DetailView

from deals.models import Deal, WeaponSystem
from deals.scopes import as_of_not_taken
from lists.pages import BoundedListsMixin, FullList, bounded_page
from lists.views import FilteredListView


class WeaponSystemListView(FilteredListView):
    listing = "systems"
    template_name = "deals/weaponsystem_list.html"
    paginate_by = 50


# A system's page shows its deals at their statuses as curated: a day given is refused, with
# where a status on a day is shown, rather than ignored under an address that reads as dated.
SYSTEM_AS_OF = as_of_not_taken("A weapon system's page")


class WeaponSystemDetailView(BoundedListsMixin, DetailView):
    template_name = "deals/weaponsystem_detail.html"

    def get(self, request, *args, **kwargs):
        if problems := SYSTEM_AS_OF(request.GET):
            return render(request, "400.html", {"problems": problems}, status=400)
        return super().get(request, *args, **kwargs)

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
        # The system the knowledge base is about has most of its deals: a bounded page at a time.
        deals = Deal.objects.filter(system=self.object).select_related("supplier", "recipient").with_evidence()
        context["deals"] = bounded_page(
            deals.order_by("recipient__name", "slug"), self.request.GET, anchor="deals",
            full_list=FullList.of("deals:deal_list", f"the deal list for the {self.object}", system=self.object.slug),
        )
        return context
