"""Users with roles, a fresh article, and the values an admin page's form would post."""
from html.parser import HTMLParser

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from ingest.forms import draft_form

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
    for name, field in form.fields.items():
        value = changes.get(name, form[name].value())
        if hasattr(value, "pk"):
            value = value.pk
        data[form.add_prefix(name)] = "" if value is None else value
    return data


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            else:
                self.data[name] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea, self.data[name] = name, ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_values(html: str, form_id: str) -> dict:
    """The values a browser would post from the form with that id."""
    reader = _FormReader(form_id)
    reader.feed(html)
    # A textarea's content starts after a newline the browser drops.
    return {k: v[1:] if v.startswith("\n") else v for k, v in reader.data.items()}
