"""Change records and optimistic locking, below the admin flows tested in ingest/tests."""
import pytest
from django import forms
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse

from deals.models import Deal, Statement
from deals.tests import builders
from history.admin import VersionedFormMixin
from history.locking import EditConflict, check_version, save_versioned
from history.models import Change
from history.services import change_record, snapshot
from tests.html_forms import form_values

pytestmark = pytest.mark.django_db


def test_snapshot_reads_related_records_and_many_to_many_by_name():
    statement = Statement.objects.filter(deals__isnull=False, speaker__isnull=False).first()
    values = snapshot(statement)
    assert values["speaker"] == str(statement.speaker)
    assert values["deals"] == "; ".join(sorted(str(deal) for deal in statement.deals.all()))
    assert "version" not in values and "updated_at" not in values and "id" not in values


def test_a_save_that_changes_nothing_records_nothing():
    deal = Deal.objects.first()
    assert change_record(obj=deal, action="changed", before=snapshot(deal), via="test") is None
    assert not Change.objects.exists()


def test_a_deletion_keeps_the_old_values():
    deal = builders.build_deal()
    before, pk = snapshot(deal), deal.pk
    deal.delete()
    deal.pk = pk
    change = change_record(obj=deal, action="deleted", before=before, via="test")
    assert {"field": "status", "label": "status", "old": "signed", "new": ""} in change.fields


def test_save_versioned_refuses_a_version_that_moved_and_saves_nothing():
    deal = builders.build_deal()
    Deal.objects.filter(pk=deal.pk).update(version=2, summary="Theirs.")
    change_record(obj=Deal.objects.get(pk=deal.pk), action="changed", before={"summary": "A deal made up for a test."},
                  user=User.objects.create(username="first"), via="test")
    deal.summary = "Mine."
    with pytest.raises(EditConflict) as conflict:
        save_versioned(deal, loaded_version=1)
    assert "you loaded version 1; it is now version 2" in str(conflict.value)
    assert "Changed by first at" in str(conflict.value) and "summary: now “Theirs.”" in str(conflict.value)
    stored = Deal.objects.get(pk=deal.pk)
    assert (stored.summary, stored.version) == ("Theirs.", 2)
    save_versioned(deal, loaded_version=2)
    stored.refresh_from_db()
    assert (stored.summary, stored.version, deal.version) == ("Mine.", 3, 3)


def test_check_version_refuses_a_moved_row_and_writes_nothing():
    deal = builders.build_deal()
    check_version(deal, loaded_version=1)
    Deal.objects.filter(pk=deal.pk).update(version=4)
    with pytest.raises(EditConflict) as conflict:
        check_version(deal, loaded_version=3)
    assert "you loaded version 3; it is now version 4" in str(conflict.value)
    assert "made outside the admin" in str(conflict.value)
    assert Deal.objects.get(pk=deal.pk).version == 4


def test_a_save_landing_between_validation_and_save_becomes_a_form_error(admin_client, monkeypatch):
    deal = Deal.objects.get(slug="ru-in-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    data = form_values(admin_client.get(url).content.decode(), "deal_form")
    # Another editor's save commits after our form was validated: validation saw version 1.
    Deal.objects.filter(pk=deal.pk).update(version=2, summary="Theirs.")
    change_record(obj=Deal.objects.get(pk=deal.pk), action="changed", before={"summary": "x"},
                  user=User.objects.get(username="admin"), via="test")
    original, calls = VersionedFormMixin.clean, []

    def validated_before_their_save(self):
        if not calls and self.prefix is None:
            calls.append(1)
            return forms.ModelForm.clean(self) | {"loaded_version": 1}
        return original(self)

    monkeypatch.setattr(VersionedFormMixin, "clean", validated_before_their_save)
    response = admin_client.post(url, data | {"status": "delivered", "_save": "Save"})
    assert calls and response.status_code == 200
    assert "Someone else saved this deal" in response.content.decode()
    deal.refresh_from_db()
    assert (deal.status, deal.summary, deal.version) == ("signed", "Theirs.", 2)


def test_a_change_posted_without_its_loaded_version_is_refused_and_nothing_saved(admin_client):
    deal = Deal.objects.get(slug="ru-in-s-400")
    url = reverse("admin:deals_deal_change", args=[deal.pk])
    data = form_values(admin_client.get(url).content.decode(), "deal_form")
    del data["loaded_version"]
    response = admin_client.post(url, data | {"status": "delivered", "_save": "Save"})
    assert response.status_code == 200
    assert "did not say which version of the deal it was loaded with" in response.content.decode()
    deal.refresh_from_db()
    assert (deal.status, deal.version) == ("signed", 1)
    assert not Change.objects.filter(object_id=str(deal.pk)).exists()


def test_change_constraint_rejects_an_unknown_action():
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        Change.objects.create(content_type_id=1, object_id="1", object_repr="x", action="renamed", at="2026-01-01T00:00Z", via="t")
    assert "history_change_action_valid" in str(error.value)
