"""The ingest form (an article pasted or uploaded) and the review forms, one per kind of
draft, in which an editor corrects a draft before accepting it."""
from datetime import date

from django import forms
from django.utils.formats import date_format

from deals.approximate_dates import DateBasis
from deals.models import (
    Deal,
    DealStatus,
    DeliveryKind,
    EventKind,
    Organisation,
    OrganisationKind,
    QuantityUnit,
    Stance,
    StatementMode,
    SystemCategory,
    ValueCertainty,
)

from .documents import MAX_BYTES, UnreadableArticle, check_words, read_upload
from .extract import Kind
from .models import Draft
from .selectors import deals_matching, organisation_matching, system_matching
from .services import NEW_DEAL, article_check, date_recorded, draft_date, draft_initial, loaded_version, record_named


class ArticleIngestForm(forms.Form):
    outlet = forms.ModelChoiceField(
        Organisation.objects.order_by("name"), required=False, help_text="Who published the article."
    )
    new_outlet = forms.CharField(
        label="…or a new outlet", max_length=200, required=False,
        help_text="An outlet not in the list: it is created as a news outlet (a name or alias the base knows links to that one).",
    )
    url = forms.CharField(
        label="Address (URL)", max_length=200, required=False,
        help_text="Where the article was published, http:// or https://; its source page links to it.",
    )
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
        new_outlet = " ".join(cleaned.get("new_outlet", "").split())
        if cleaned.get("outlet") and new_outlet:
            raise forms.ValidationError("Choose an outlet from the list or type a new one, not both.")
        if upload and text.strip():
            raise forms.ValidationError("Upload a file or paste the text, not both.")
        if upload:
            try:
                # Only one byte more than the limit is read; the size in the message is the upload's own.
                text, html_title = read_upload(data=upload.read(MAX_BYTES + 1), filename=upload.name, size=upload.size)
            except UnreadableArticle as error:
                self.add_error("file", str(error))
                return cleaned
            title = title or html_title
        if self.errors:
            return cleaned
        try:
            check_words(text)
        except UnreadableArticle as error:
            self.add_error("file" if upload else "text", str(error))
            return cleaned
        checked = article_check(text=text, outlet=cleaned.get("outlet"), published_words=cleaned.get("published", ""),
                                title=title, outlet_name=new_outlet, url=cleaned.get("url", "").strip())
        cleaned.update(text=checked.text, title=checked.title, filename=upload.name if upload else "",
                       new_outlet=new_outlet, url=cleaned.get("url", "").strip(),
                       outlet_is_new=bool(new_outlet) and organisation_matching(new_outlet) is None)
        return cleaned


class _ReviewForm(forms.Form):
    """A draft's form on the review page, prefixed with the draft's id so that one page holds
    a form per draft; built from the draft with ``draft_form``."""

    def __init__(self, data=None, *, draft: Draft, **kwargs):
        super().__init__(data, initial=draft_initial(draft), prefix=f"d{draft.pk}", **kwargs)
        self.draft = draft

    def show_current(self):
        """After a refused accept, make the form describe the knowledge base as it is now."""


class _DraftForm(_ReviewForm):
    excerpt = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The citation's excerpt: verbatim from the article, and found only once in it.",
    )

    def __init__(self, data=None, *, draft: Draft, **kwargs):
        super().__init__(data, draft=draft, **kwargs)
        drafted = draft_date(draft)
        if "date_words" in self.fields and drafted:
            self.fields["date_words"].help_text = _date_help(drafted)


def _date_help(drafted: dict) -> str:
    """What the drafted date words were read as, which accepting them unchanged stores."""
    earliest, latest = (date_format(date.fromisoformat(drafted[key]), "j F Y") for key in ("earliest", "latest"))
    against = {"publication": " against the publication date", "previous date": " against the date before it"}.get(
        drafted.get("resolved_against", ""), ""
    )
    how = f"resolved{against}" if drafted.get("basis") == DateBasis.RESOLVED else "as stated"
    return (
        f"“{drafted['words']}” was read as {drafted['edtf']} ({earliest} to {latest}), {how}; kept as long as "
        "these words are unchanged. Words you type instead are read against the publication date."
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
    role = forms.CharField(max_length=200, required=False, help_text="The speaker's role, as the article gives it.")
    role_confirmed = forms.BooleanField(
        required=False, label="The role is the new speaker’s",
        help_text="Tick only if you typed another speaker and the role above is theirs too.",
    )
    medium = forms.CharField(max_length=200, required=False, help_text="The outlet it was said to (must be in the base).")
    setting = forms.CharField(max_length=200, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Words")
    mode = forms.ChoiceField(choices=StatementMode.choices)
    stance = forms.ChoiceField(choices=Stance.choices)
    date_words = forms.CharField(max_length=200, required=False, label="Date as written")
    countries = forms.CharField(max_length=200, required=False, help_text="ISO codes, comma-separated: TR, RU.")
    deal = _deal_field()


class DealDraftForm(_DraftForm):
    link = forms.ChoiceField(label="Link to", help_text="The deal in the base this draft is about, or a new one.")
    # The deal the form describes and its version, "pk:version" or "new": the accept is refused
    # when it is missing or the deal has moved on (ingest.accepting._loaded_version).
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    supplier = forms.CharField(max_length=2, help_text="ISO code.")
    recipient = forms.CharField(max_length=2, help_text="ISO code.")
    system = forms.CharField(max_length=100, required=False, help_text="Name, alias or slug; empty if unnamed.")
    status = forms.ChoiceField(
        choices=DealStatus.choices,
        help_text="The deal's status after accepting: for an existing deal, a status other than its own changes it.",
    )
    subject = forms.CharField(max_length=200, required=False, help_text="For a new deal.")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="For a new deal.")

    def __init__(self, data=None, *, draft: Draft, **kwargs):
        super().__init__(data, draft=draft, **kwargs)
        v = draft.value
        matching = deals_matching(supplier=v.get("supplier", ""), recipient=v.get("recipient", ""),
                                  system=system_matching(v.get("system", "")))
        others = Deal.objects.exclude(pk__in=[deal.pk for deal in matching]).order_by("recipient__name", "slug")
        choices = [(NEW_DEAL, "A new deal (from the fields below)")]
        if matching:
            choices.append((f"Deals for {v.get('supplier')} → {v.get('recipient')}: {v.get('system_name') or 'no system'}",
                            [(str(deal.pk), _deal_label(deal)) for deal in matching]))
        choices.append(("Other deals", [(str(deal.pk), _deal_label(deal)) for deal in others]))
        self.fields["link"].choices = choices

    def linked_deal(self) -> Deal | None:
        link = str(self["link"].value() or NEW_DEAL)
        return Deal.objects.filter(pk=link).select_related("system").first() if link.isdigit() else None

    @property
    def effect(self) -> str:
        """What accepting the form as it stands does to the knowledge base, in a sentence."""
        deal, status = self.linked_deal(), self["status"].value()
        label = DealStatus(status).label.lower() if status in DealStatus.values else status
        if deal is None:
            system = system_matching(self["system"].value() or "")
            what = f"{self['supplier'].value()} → {self['recipient'].value()}: {system or self['subject'].value() or 'no system named'}"
            return f"Accepting creates a new deal, {what}, status {label}."
        if status != deal.status:
            return (f"Accepting links this draft to {deal.slug} and changes its status from "
                    f"{deal.get_status_display().lower()} to {label}.")
        return f"Accepting cites this article for {deal.slug}; its status stays {label}."

    def show_current(self):
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_version")] = loaded_version(self.linked_deal())


class MoneyDraftForm(_DraftForm):
    deal = _deal_field(required=True)
    amount = forms.DecimalField(max_digits=18, decimal_places=2, min_value=0)
    currency = forms.CharField(max_length=3)
    value_words = forms.CharField(max_length=200, required=False, label="Value as written")
    certainty = forms.ChoiceField(
        choices=[("stated", "Stated: the value of a signed contract"), *ValueCertainty.choices],
        help_text="Reported or expected figures become the deal's reported value, never a signed contract's.",
    )
    description = forms.CharField(max_length=300, required=False, help_text="For a new contract.")
    date_words = forms.CharField(max_length=200, required=False, label="Signing date as written")

    @property
    def effect(self) -> str:
        if self["certainty"].value() in ValueCertainty.values:
            return "Accepting records this figure as the deal’s reported value, not as a signed contract’s."
        return ""


class DeliveryDraftForm(_DraftForm):
    deal = _deal_field(required=True)
    delivery_kind = forms.ChoiceField(
        choices=DeliveryKind.choices, label="Kind",
        help_text="Planned when the article speaks of it as future or hedged (“will arrive”, “are scheduled”).",
    )
    quantity = forms.IntegerField(min_value=0, required=False)
    unit = forms.ChoiceField(choices=[("", "—"), *QuantityUnit.choices], required=False)
    quantity_words = forms.CharField(max_length=200, required=False, label="Quantity as written")
    description = forms.CharField(max_length=300, help_text="What was or is to be delivered.")
    date_words = forms.CharField(max_length=200, required=False, label="Date as written")

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("quantity") is None) != (not cleaned.get("unit")):
            raise forms.ValidationError("Give a quantity with its unit, or neither.")
        return cleaned


class OrganisationDraftForm(_DraftForm):
    name = forms.CharField(max_length=200)
    organisation_kind = forms.ChoiceField(choices=OrganisationKind.choices, label="Kind")
    country = forms.CharField(max_length=2, required=False, help_text="ISO code, or empty.")


class NewSystemDraftForm(_ReviewForm):
    """A weapon system the base does not know: accepting creates it."""

    name = forms.CharField(max_length=100)
    category = forms.ChoiceField(choices=SystemCategory.choices)
    maker_country = forms.CharField(max_length=2, help_text="ISO code of the maker's country.")


class QuantityDraftForm(_DraftForm):
    deal = _deal_field(required=True)
    target = forms.ChoiceField(
        choices=[("contract", "The contract's quantity"), (DeliveryKind.PLANNED, "A planned delivery"), (DeliveryKind.ACTUAL, "An actual delivery")]
    )
    quantity = forms.IntegerField(min_value=0)
    unit = forms.ChoiceField(choices=[("", "—"), *QuantityUnit.choices], error_messages={
        "required": "Pick the unit: the article's word is not one the base counts in."})
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

    @property
    def effect(self) -> str:
        if found := date_recorded(self.draft):
            return (f"Its sentence already gave this date to {record_named(found[0])}: accepting here makes a separate "
                    "event; “Accept all dates” links this draft to that record instead.")
        return ""


def _deal_label(deal: Deal) -> str:
    return f"{deal.slug} — now {deal.get_status_display().lower()}"


class ConfirmDraftForm(_ReviewForm):
    """Countries and systems: accepting only confirms the link to the existing record."""


DRAFT_FORMS = {
    Kind.STATEMENT: StatementDraftForm,
    Kind.DEAL: DealDraftForm,
    Kind.MONEY: MoneyDraftForm,
    Kind.QUANTITY: QuantityDraftForm,
    Kind.DATE: DateDraftForm,
    Kind.COUNTRY: ConfirmDraftForm,
    Kind.SYSTEM: ConfirmDraftForm,
    Kind.DELIVERY: DeliveryDraftForm,
    Kind.ORGANISATION: OrganisationDraftForm,
}


def draft_form(draft: Draft, data=None) -> _ReviewForm:
    """The review form of a draft: its initial values are what the assistant read."""
    if draft.kind == Kind.SYSTEM and not draft.value.get("slug"):
        return NewSystemDraftForm(data, draft=draft)
    return DRAFT_FORMS[draft.kind](data, draft=draft)
