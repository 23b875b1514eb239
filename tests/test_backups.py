"""Backups that restore: `backup`, a new empty database, `restore`, `backup` again gives the
same file, and the site answers the same; a database that holds records is refused; the
README's command for publishing the admin's changes writes fixtures load_curated loads.

The round trip runs on scratch databases of the test run's kind (SQLite files, or new
PostgreSQL databases when DATABASE_URL names one), since a restore is into a new database.
"""
import difflib
import gzip
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deals.backups import backed_up_models
from deals.models import Deal, Source, Statement
from search.models import SearchDocument

from .live_app import scratch_app

README = Path(__file__).resolve().parent.parent / "README.md"


def shell_json(app, code: str):
    return json.loads(app.shell(code).splitlines()[-1])


def test_backup_restored_into_an_empty_database_gives_the_same_backup_and_the_same_site(tmp_path):
    first, second = tmp_path / "first.json.gz", tmp_path / "second.json.gz"
    with scratch_app(tmp_path, "edited") as edited:
        edited.shell("from tests.backup_workload import edit; edit()")
        edited.manage("backup", str(first), "--with-users")
        pages_before = shell_json(edited, "from tests.backup_workload import public_pages; public_pages()")
    with scratch_app(tmp_path, "restored", curated=False) as restored:
        output = restored.manage("restore", str(first))
        assert "Search index rebuilt" in output
        restored.manage("backup", str(second), "--with-users")
        pages_after = shell_json(restored, "from tests.backup_workload import public_pages; public_pages()")
        # The next record an editor adds gets an id of its own (PostgreSQL's sequences moved on).
        new_pk = shell_json(restored, (
            "import json; from deals.models import Organisation;"
            "o = Organisation.objects.create(name='Added after the restore', slug='added-after-restore', kind='company');"
            "print(json.dumps([o.pk, Organisation.objects.count()]))"
        ))
    assert first.read_bytes() == second.read_bytes()

    records = json.loads(gzip.decompress(first.read_bytes()))
    models = {record["model"] for record in records}
    assert {"deals.deal", "deals.citation", "history.change", "ingest.draft", "auth.user", "auth.group",
            "countries.countryalias"} <= models
    assert not models & {"deals.timelineitem", "deals.timelinelink", "search.searchdocument"}
    summary = next(r["fields"]["summary"] for r in records if r["model"] == "deals.deal" and r["fields"]["slug"] == "ru-tr-s-400")
    assert summary == "Restored from a backup, word for word."
    change = next(r["fields"] for r in records if r["model"] == "history.change" and r["fields"]["via"] == "admin")
    assert change["user"] == ["editor"] and change["username"] == "editor"

    assert pages_after.keys() == pages_before.keys()
    for path, (status, body) in pages_before.items():
        assert status == 200, path
        assert pages_after[path] == [status, body], f"{path} differs after the restore:\n" + "\n".join(
            difflib.unified_diff(body.splitlines(), pages_after[path][1].splitlines(), lineterm="", n=1)
        )
    # The pages hold what was edited, so the comparison compares something.
    assert "Restored from a backup, word for word." in pages_before["/deals/ru-tr-s-400/"][1]
    assert "fifth regiment" in pages_before["/search/?q=Chemezov"][1]
    assert "fifth regiment" in pages_before["/timeline/"][1]
    assert new_pk[1] == 21 and new_pk[0] > max(r.get("pk") or 0 for r in records if r["model"] == "deals.organisation")


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_records_and_changes_nothing(tmp_path):
    backup = tmp_path / "kb.json"
    call_command("backup", str(backup), verbosity=0)
    Deal.objects.filter(slug="ru-tr-s-400").update(summary="Changed after the backup.")
    with pytest.raises(CommandError, match=r"The database is not empty \(249 countries.Country, .*nothing was restored"):
        call_command("restore", str(backup), verbosity=0)
    assert Deal.objects.get(slug="ru-tr-s-400").summary == "Changed after the backup."


@pytest.mark.django_db
def test_a_backup_without_users_names_editors_only_by_username(tmp_path, django_user_model):
    from history.models import Change
    from history.services import change_record, snapshot

    editor = django_user_model.objects.create_user("someone")
    deal = Deal.objects.get(slug="ru-tr-s-400")
    before = snapshot(deal)
    deal.summary = "Edited."
    change_record(obj=deal, action="changed", user=editor, before=before, via="admin")
    backup = tmp_path / "kb.json"
    output = _call("backup", str(backup))
    records = json.loads(backup.read_text())
    assert not {r["model"] for r in records} & {"auth.user", "auth.group", "auth.permission", "contenttypes.contenttype"}
    change = next(r["fields"] for r in records if r["model"] == "history.change" and r["fields"]["via"] == "admin")
    assert (change["user"], change["username"], change["content_type"]) == (None, "someone", ["deals", "deal"])
    assert Change.objects.get(via="admin").user == editor  # the database itself is not touched
    assert f"to {backup}" in output and f"{Source.objects.count()} deals.Source" in output


@pytest.mark.django_db
def test_restore_of_a_file_that_is_not_a_backup_says_so(tmp_path):
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(CommandError, match="is not a backup this command can read; nothing was restored"):
        call_command("restore", str(broken))
    with pytest.raises(CommandError, match="There is no file"):
        call_command("restore", str(tmp_path / "missing.json"))


def test_backed_up_models_leave_out_views_and_the_search_index():
    labels = {m._meta.label for m in backed_up_models(with_users=True)}
    assert {"deals.Citation", "deals.Statement", "history.Change", "ingest.Article", "auth.User", "auth.Group"} <= labels
    assert not labels & {"deals.TimelineItem", "deals.TimelineLink", "search.SearchDocument", "sessions.Session"}


@pytest.mark.django_db
def test_the_readmes_publish_command_writes_fixtures_that_load_curated_loads(tmp_path, settings):
    command = re.search(r"^\.venv/bin/python manage\.py (dumpdata .*)$", README.read_text(), re.M).group(1)
    Deal.objects.filter(slug="ru-tr-s-400").update(summary="Published from the admin.")
    args = shlex.split(command.replace("fixtures/curated.json", str(tmp_path / "curated.json")))
    call_command(*args, verbosity=0)
    shutil.copy(Path(settings.FIXTURE_DIRS[0]) / "countries.json", tmp_path / "countries.json")
    settings.FIXTURE_DIRS = [tmp_path]
    Deal.objects.filter(slug="ru-tr-s-400").update(summary="Changed after publishing.")
    statements = Statement.objects.count()
    call_command("load_curated", "--replace", verbosity=0)
    assert Deal.objects.get(slug="ru-tr-s-400").summary == "Published from the admin."
    assert Statement.objects.count() == statements
    assert SearchDocument.objects.filter(title__icontains="Turkey").exists()


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_json_values_are_backed_up_with_sorted_keys_whatever_order_the_database_keeps(tmp_path, django_user_model):
    # PostgreSQL's jsonb reorders an object's keys, SQLite keeps them as written: a knowledge
    # base moved from one to the other must still back up to the same file.
    from history.models import Change
    from history.services import change_record, snapshot

    deal = Deal.objects.get(slug="ru-tr-s-400")
    before = snapshot(deal)
    deal.summary = "Edited."
    change_record(obj=deal, action="changed", user=None, before=before, via="admin")
    change = Change.objects.get(via="admin")
    written = [{"new": "Edited.", "old": before["summary"], "label": "summary", "field": "summary"}]
    Change.objects.filter(pk=change.pk).update(fields=written)
    first = tmp_path / "first.json"
    call_command("backup", str(first), verbosity=0)
    Change.objects.filter(pk=change.pk).update(fields=[dict(reversed(written[0].items()))])
    second = tmp_path / "second.json"
    call_command("backup", str(second), verbosity=0)

    assert first.read_bytes() == second.read_bytes()
    saved = next(r["fields"]["fields"] for r in json.loads(first.read_text())
                 if r["model"] == "history.change" and r["fields"]["via"] == "admin")
    assert [list(item) for item in saved] == [["field", "label", "new", "old"]]
    assert saved[0]["new"] == "Edited."
