from django.views.generic import DetailView, ListView

from deals.models import Event, TimelineItem


class TimelineView(ListView):
    model = TimelineItem


class EventDetailView(DetailView):
    model = Event
