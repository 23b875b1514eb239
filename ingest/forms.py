"""The ingest form (an article pasted or uploaded) and the review forms, one per kind of
draft, in which an editor corrects a draft before accepting it."""
from django import forms

from deals.models import Deal, DealStatus, DeliveryKind, EventKind, Organisation, QuantityUnit, Stance, StatementMode

from .documents import UnreadableArticle, read_upload
from .extract import Kind
from .services import article_check


class ArticleIngestForm(forms.Form):
    outlet = forms.ModelChoiceField(Organisation.objects.order_by("name"), help_text="Who published the article.")
    published = forms.CharField(
        label="Publication date",
        max_length=200,
        help_text="As words: “June 9, 2021”, “June 2021”, “2016”. Relative dates in the article resolve against it.",
    )
    title = forms.CharField(max_length=300, required=False, help_text="Leave empty to use the first line of the text.")
    file = forms.FileField(
        required=False, label="Upload", help_text="A .txt or .html file of at most 1 MB (HTML is reduced to its text)."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}), required=False, label="…or paste the text"
    )

    def clean(self):
        cleaned = super().clean()
        upload, text, title = cleaned.get("file"), cleaned.get("text", ""), cleaned.get("title", "")
        if upload and text.strip():
            raise forms.ValidationError("Upload a file or paste the text, not both.")
        if upload:
            try:
                text, html_title = read_upload(data=upload.read(1_000_001), filename=upload.name)
            except UnreadableArticle as error:
                self.add_error("file", str(error))
                return cleaned
            title = title or html_title
        if self.errors:
            return cleaned
        checked = article_check(text=text, outlet=cleaned.get("outlet"), published_words=cleaned.get("published", ""), title=title)
        cleaned.update(text=checked.text, title=checked.title, filename=upload.name if upload else "")
        return cleaned


class _DraftForm(forms.Form):
    excerpt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The citation's excerpt: verbatim from the article, and found only once in it.",
    )


def _deal_field(required=False):
    return forms.ModelChoiceField(
        Deal.objects.select_related("supplier", "recipient", "system").order_by("recipient__name", "slug"),
        required=required,
        help_text="Accept the deal draft of the same sentence first if the deal is new.",
    )


class StatementDraftForm(_DraftForm):
    speaker = forms.CharField(max_length=200, required=False, help_text="A person: linked to the person of that name, or created.")
    organisation = forms.CharField(max_length=200, required=False, help_text="The body that spoke, or the person's body (must be in the base).")
    role = forms.CharField(max_length=200, required=False)
    medium = forms.CharField(max_length=200, required=False, help_text="The outlet it was said to (must be in the base).")
    setting = forms.CharField(max_length=200, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Words")
    mode = forms.ChoiceField(choices=StatementMode.choices)
    stance = forms.ChoiceField(choices=Stance.choices)
    date_words = forms.CharField(max_length=200, required=False, label="Date as written")
    countries = forms.CharField(max_length=200, required=False, help_text="ISO codes, comma-separated: TR, RU.")
    deal = _deal_field()


class DealDraftForm(_DraftForm):
    supplier = forms.CharField(max_length=2, help_text="ISO code.")
    recipient = forms.CharField(max_length=2, help_text="ISO code.")
    system = forms.CharField(max_length=100, required=False, help_text="Name, alias or slug; empty if unnamed.")
    status = forms.ChoiceField(choices=DealStatus.choices, help_text="For an existing deal, changing it updates the deal.")
    subject = forms.CharField(max_length=200, required=False)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class MoneyDraftForm(_DraftForm):
    deal = _deal_field(required=True)
    amount = forms.DecimalField(max_digits=18, decimal_places=2, min_value=0)
    currency = forms.CharField(max_length=3)
    value_words = forms.CharField(max_length=200, required=False, label="Value as written")
    description = forms.CharField(max_length=300, required=False, help_text="For a new contract.")
    date_words = forms.CharField(max_length=200, required=False, label="Signing date as written")


class QuantityDraftForm(_DraftForm):
    deal = _deal_field(required=True)
    target = forms.ChoiceField(
        choices=[("contract", "The contract's quantity"), (DeliveryKind.PLANNED, "A planned delivery"), (DeliveryKind.ACTUAL, "An actual delivery")]
    )
    quantity = forms.IntegerField(min_value=0)
    unit = forms.ChoiceField(choices=QuantityUnit.choices)
    quantity_words = forms.CharField(max_length=200, required=False, label="Quantity as written")
    description = forms.CharField(max_length=300, required=False)
    date_words = forms.CharField(max_length=200, required=False, label="Date as written")


class DateDraftForm(_DraftForm):
    event_kind = forms.ChoiceField(choices=EventKind.choices, label="Event kind")
    title = forms.CharField(max_length=200, help_text="Accepting a date records the dated happening as an event.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    date_words = forms.CharField(max_length=200, label="Date as written")
    countries = forms.CharField(max_length=200, required=False, help_text="ISO codes, comma-separated.")
    deal = _deal_field()


class ConfirmDraftForm(forms.Form):
    """Countries and systems: accepting only confirms the link to the existing record."""


DRAFT_FORMS = {
    Kind.STATEMENT: StatementDraftForm,
    Kind.DEAL: DealDraftForm,
    Kind.MONEY: MoneyDraftForm,
    Kind.QUANTITY: QuantityDraftForm,
    Kind.DATE: DateDraftForm,
    Kind.COUNTRY: ConfirmDraftForm,
    Kind.SYSTEM: ConfirmDraftForm,
}
