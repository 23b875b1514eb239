from django.views.generic import DetailView, ListView

from deals.models import WeaponSystem


class WeaponSystemListView(ListView):
    model = WeaponSystem


class WeaponSystemDetailView(DetailView):
    model = WeaponSystem
