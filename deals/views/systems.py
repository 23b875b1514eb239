"""Weapon systems: /systems/ (filtered) and /systems/<slug>/, whose specifications are shown
as each source states them, side by side."""
from itertools import groupby

from django.db.models import Count, Prefetch
from django.views.generic import DetailView

from deals.filtersets import WeaponSystemFilterSet
from deals.models import Deal, Specification, WeaponSystem
from deals.selectors import citations_prefetch

from .base import FilteredListView


class WeaponSystemListView(FilteredListView):
    filterset_class = WeaponSystemFilterSet
    template_name = "deals/weaponsystem_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            WeaponSystem.objects.select_related("maker", "maker_country", "variant_of")
            .prefetch_related("aliases")
            .annotate(deal_count=Count("deals", distinct=True))
            .order_by("name")
        )


class WeaponSystemDetailView(DetailView):
    template_name = "deals/weaponsystem_detail.html"

    def get_queryset(self):
        specifications = Specification.objects.prefetch_related(citations_prefetch()).order_by(
            "parameter", "value", "pk"
        )
        deals = Deal.objects.select_related("supplier", "recipient").order_by("recipient__name", "slug")
        return WeaponSystem.objects.select_related("maker", "maker_country", "variant_of").prefetch_related(
            "aliases",
            "variants",
            Prefetch("specifications", queryset=specifications),
            Prefetch("deals", queryset=deals),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        specifications = self.object.specifications.all()
        # One group per parameter, so figures that sources state differently sit together.
        context["parameters"] = [
            {"name": name, "specifications": list(rows)}
            for name, rows in groupby(specifications, key=lambda specification: specification.parameter)
        ]
        return context
