"""Test-wide set-up: every test database starts with the curated data loaded once."""
import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_curated", verbosity=0)
