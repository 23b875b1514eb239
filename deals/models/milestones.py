"""A deal's status history: its dated, cited milestones (`DealMilestone`) and the status each
day falls in (`DealStatusPeriod`), both derived from its facts by `deals.read_model`, so "what
stage was each deal at on that day" (`as_of`) is one indexed range query over the periods.

The milestones, and the rules that make them (each one's date is its fact's own, with the
fact's uncertainty; an undated fact makes none):

- **reported**, on the first dated fact of the deal: its earliest-reached contract, actual
  delivery, statement or event (a planned delivery's date is when it is due, not when it was
  known, so it does not count);
- **reported**, on the publication date of the earliest source its facts cite (its own
  citations, its contracts', deliveries', statements' and events'), when that is reached
  before its first dated fact (or it has none) and before its latest source: an article
  published on a day and reporting the deal shows it was at least reported by then, even
  where the facts it gives are undated (China's S-400, bought at no date the sources give,
  is reported from its first source in April 2019). It states no more than that: never a
  later stage, and only from the latest day the publication date can mean;
- **reported**, on each of its events of kind "report" (a media report);
- **negotiating**, on each dated statement (not a denial) or event (not a threat, sanction or
  suspension) whose words say talks are under way ("negotiat…", "talks", "discuss…"): the
  start of talks, as far as the sources tell it (Qatar's S-400 from July 2018, when Russia's
  ambassador said the two sides were discussing it);
- **signed**, on each of its dated contracts (a contract's date is its signature's);
- **delivering**, on its first actual delivery; and, only when its curated status is
  *delivered*, **delivered** on its last actual delivery (without that status no source says
  the deliveries are complete);
- **suspended**, on each of its events of kind "suspension";
- **denied**, on each statement denying it (stance "denies"), only when its curated status is
  *denied*: elsewhere the denial was overtaken (the deal went ahead) and would only mislead;
- its **curated status** (`Deal.status`, the editors' reading of all the evidence) on the
  publication date of the latest source its facts cite, with that citation as evidence.

Nothing is more certain than its source: a milestone is reached on the LATEST day its date
can mean (`date_latest`); "in December 2017" is reached on 31 Dec 2017.

The status on a day folds the milestones reached by then in date order (latest day, then
`rank`: on one day a signature comes before a delivery, the curated status last) with
`DealStatus.step_from`: a "forward" step is adopted, any other kept out (a report of a deal
already signed does not take it back). The curated status is the last word: it is always
adopted, and what is reached after it changes nothing, so from its latest evidence on a deal
stands at its curated status. A deal with no milestone reached by a day has no status then.

Derived, like the rest of the read model: no database constraint, no fixture, backup or
history; written only by `deals.read_model`.
"""
from django.db import models

from .dates import ApproximatelyDated
from .querysets import DealStatusPeriodQuerySet


class MilestoneKind(models.TextChoices):
    """What a milestone is drawn from, in the order a day's milestones are folded (`RANKS`)."""

    FIRST_SOURCE = "first_source", "First source reporting it"
    FIRST_FACT = "first_fact", "First dated fact"
    REPORT = "report", "Media report"
    TALKS = "talks", "Talks under way"
    SIGNATURE = "signature", "Contract signed"
    FIRST_DELIVERY = "first_delivery", "First delivery"
    LAST_DELIVERY = "last_delivery", "Last delivery"
    SUSPENSION = "suspension", "Suspension"
    DENIAL = "denial", "Denial"
    CURATED = "curated", "Status as curated, at the latest evidence"


# The order of a day's milestones: a first report before a signature, a signature before a
# first delivery, and the curated status last.
RANKS = {kind: rank for rank, kind in enumerate(MilestoneKind)}


class DealMilestone(ApproximatelyDated):
    """One dated, cited stage of a deal (see the module's docstring for the rules): the status
    it marks, what it is drawn from, the fact (`fact_kind`, `fact_id`: a contract, delivery,
    statement or event, or for the curated status the latest source), its date (the fact's,
    or the source's publication date) and the citation that is its evidence."""

    id = models.BigAutoField(primary_key=True)
    deal = models.ForeignKey(
        "deals.Deal", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="milestones"
    )
    status = models.CharField(max_length=12)
    kind = models.CharField(max_length=16, choices=MilestoneKind.choices)
    rank = models.PositiveSmallIntegerField()  # the fold's order within a day (`RANKS`)
    fact_kind = models.CharField(max_length=9)  # "contract", "delivery", "statement", "event" or "source"
    fact_id = models.BigIntegerField()
    citation = models.ForeignKey(
        "deals.Citation", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )

    class Meta:
        db_table = "deals_dealmilestone"
        # A deal's milestones in the fold's order (its page, and the periods' refresh).
        ordering = ["deal_id", "date_latest", "rank", "date_earliest", "id"]
        indexes = [
            models.Index(fields=["deal", "date_latest", "rank"], name="dealmilestone_deal_order"),
        ]

    def __str__(self):
        return f"Deal #{self.deal_id} {self.status} ({self.kind}, {self.date_edtf})"

    @property
    def fact_anchor(self) -> str:
        """The fact's anchor on its deal's page ("contract-3"), or "" for a source."""
        return "" if self.fact_kind == "source" else f"{self.fact_kind}-{self.fact_id}"


class DealStatusPeriod(models.Model):
    """The status a deal holds from `since` (the day a milestone is reached) until the day
    before `until` (NULL: still holds), and the milestone that set it. A deal's periods are
    contiguous from its first milestone on, so the status on day D is the period with
    `since` <= D < `until`; before its first, it has none."""

    id = models.BigAutoField(primary_key=True)
    deal = models.ForeignKey(
        "deals.Deal", on_delete=models.CASCADE, db_constraint=False, db_index=False, related_name="status_periods"
    )
    status = models.CharField(max_length=12)
    since = models.DateField()
    until = models.DateField(null=True)
    milestone = models.ForeignKey(DealMilestone, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")

    objects = DealStatusPeriodQuerySet.as_manager()

    class Meta:
        db_table = "deals_dealstatusperiod"
        indexes = [
            # A deal's status on a day (its rows, the deal list's join).
            models.Index(fields=["deal", "since"], name="dealstatusperiod_deal_since"),
            # Every deal's status on a day (the home page's counts): the periods begun by then.
            models.Index(fields=["since", "until", "status"], name="dealstatusperiod_span"),
        ]

    def __str__(self):
        return f"Deal #{self.deal_id} {self.status} from {self.since} until {self.until or 'now'}"
