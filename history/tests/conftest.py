"""The history's tests read what their own writes record: each starts from a history that
holds none of the session's first load (`load_curated` records every curated record it adds,
tested in deals/tests/test_curated_data.py), as an install's does before an editor's save."""
import pytest

from history.models import Change
from history.services import CURATED_LOAD


@pytest.fixture(autouse=True)
def _history_without_the_first_load(db):
    Change.objects.filter(via=CURATED_LOAD).delete()
