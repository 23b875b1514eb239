"""Test-wide set-up: every test database starts with the curated data loaded once."""
import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_curated", verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back after every test, so
    a page cached by one could otherwise be answered to the next under the same version."""
    from django.core.cache import cache

    cache.clear()
    yield
