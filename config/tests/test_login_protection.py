"""Sign-in protection (django-axes, settings "Sign-in protection"): after 5 failed sign-ins for
one account, or from one address, even the right password is refused with a page that says
why and until when; the management commands or the cool-off lift the lock."""
import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-right-password-42"


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, username, password, address="127.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_real_configuration_is_in_force():
    assert settings.AXES_ENABLED is True
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_the_right_password_signs_in(client, editor):
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and response.url == "/admin/"
    assert signed_in(client)


def test_four_failures_still_let_the_right_password_in(client, editor):
    for _ in range(4):
        assert sign_in(client, "editor", "wrong").status_code == 200  # the form again, with its error
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert signed_in(client)


def test_five_failures_lock_the_account_even_for_the_right_password(client, editor, caplog):
    caplog.set_level(logging.INFO)
    responses = [sign_in(client, "editor", f"wrong-{n}") for n in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]

    response = sign_in(client, "editor", PASSWORD)
    page = response.content.decode()
    assert response.status_code == 429
    assert not signed_in(client)
    assert "Sign-in refused: there were 5 failed sign-ins in a row" in page
    assert "for the account “editor”" in page
    assert "Try again after" in page and "(15 minutes from now)" in page
    assert "python manage.py axes_reset_username editor" in page
    assert 'id="id_password"' not in page  # no form to keep guessing in
    # The failures, the lockout and the refused right password are in the log.
    messages = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert any(name == "axes.handlers.database" and "Repeated login failure" in text for name, _, text in messages)
    assert any(level == "WARNING" and "Locking out" in text and "editor" in text for _, level, text in messages)
    assert any(name == "config.security" and "username='editor'" in text for name, _, text in messages)


def test_the_lock_counts_per_account_whatever_the_address(client, editor):
    for n in range(5):
        sign_in(client, "editor", "wrong", address=f"10.0.0.{n + 1}")
    response = sign_in(client, "editor", PASSWORD, address="10.0.0.99")
    assert response.status_code == 429 and not signed_in(client)


def test_the_lock_counts_per_address_whatever_the_account(client, editor):
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong", address="10.0.0.7")
    assert sign_in(client, "editor", PASSWORD, address="10.0.0.7").status_code == 429
    assert not signed_in(client)
    # The same account from another address is not locked: only that address is.
    assert sign_in(client, "editor", PASSWORD, address="10.0.0.8").status_code == 302
    assert signed_in(client)


def test_signing_in_to_ones_own_account_does_not_clear_the_guesses_at_another(client, editor):
    User.objects.create_user("mallory", password="mallorys-own-password-7", is_staff=True)
    for _ in range(4):
        sign_in(client, "editor", "guess", address="10.0.0.9")
    assert sign_in(client, "mallory", "mallorys-own-password-7", address="10.0.0.9").status_code == 302
    client.logout()
    sign_in(client, "editor", "guess", address="10.0.0.11")
    # Five guesses at editor's password in all: locked, mallory's sign-in in between cleared nothing.
    assert sign_in(client, "editor", PASSWORD, address="10.0.0.12").status_code == 429


def test_axes_reset_username_lets_the_right_password_in_again(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    assert sign_in(client, "editor", PASSWORD).status_code == 429

    call_command("axes_reset_username", "editor", verbosity=0)
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_axes_reset_ip_lifts_an_address_lock(client, editor):
    for n in range(5):
        sign_in(client, f"guess-{n}", "wrong", address="10.0.0.7")
    call_command("axes_reset_ip", "10.0.0.7", verbosity=0)
    assert sign_in(client, "editor", PASSWORD, address="10.0.0.7").status_code == 302


def test_the_lock_ends_when_the_cool_off_has_passed(client, editor):
    for _ in range(5):
        sign_in(client, "editor", "wrong")
    # Fifteen minutes and a second later (the attempts' clock moved back instead of time forward).
    attempt = AccessAttempt.objects.get(username="editor")
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - timedelta(minutes=15, seconds=1))
    assert sign_in(client, "editor", PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(client, editor, settings, caplog):
    caplog.set_level(logging.WARNING, logger="config.security")
    settings.BEHIND_PROXY = True
    for n in range(5):
        # A client cannot dodge the address lock by forging the start of X-Forwarded-For.
        client.post(LOGIN, {"username": f"guess-{n}", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.5").count() == 5
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1",
                           HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert response.status_code == 429
    # The log names the address that is locked, not the proxy's.
    refused = [r.getMessage() for r in caplog.records if r.name == "config.security"]
    assert refused == [
        "Sign-in refused while locked out: username='guess-4' address=203.0.113.5 path=/admin/login/",
        "Sign-in refused while locked out: username='editor' address=203.0.113.5 path=/admin/login/",
    ]
