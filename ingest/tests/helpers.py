"""Users with roles, a fresh article, and the values an admin page's form would post."""
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from ingest.forms import draft_form
from tests.html_forms import form_values  # noqa: F401  (the ingest tests read forms too)

# An article the base does not hold yet, in the curated articles' style.
ARTICLE = (
    "Russia and Egypt signed a contract for the supply of two S-400 regiments worth $2.1 billion in March 2020, "
    "Egyptian Defense Minister Mohamed Zaki told Interfax on Friday.\n"
    "“The first regiment will arrive next year,” Zaki said.\n"
    "Washington warned Cairo of sanctions last month."
)


def user_in(group: str, username: str | None = None) -> User:
    call_command("setup_roles", verbosity=0)
    user = User.objects.create_user(username or group, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def draft_post(draft, action="accept", **changes) -> dict:
    """What the review page posts to accept a draft as drafted, with the changes applied."""
    form = draft_form(draft)
    data = {"action": action}
    for name in form.fields:
        value = changes.get(name, form[name].value())
        if hasattr(value, "pk"):
            value = value.pk
        data[form.add_prefix(name)] = "" if value is None else value
    return data
