"""Template filters for the browsing pages."""
from django import template

register = template.Library()


@register.filter
def deal_label(deal):
    """A deal named by its parties and what the sources say is transferred, so deals for the
    same system (Turkey's first and second S-400 batches) read differently."""
    return f"{deal.supplier_id} → {deal.recipient_id}: {deal.subject}"
