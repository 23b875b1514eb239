"""No schema change: the documents changed shape (a deal's holds both parties' aliases, a
statement's title its normalised date), so apps.py rebuilds the index once this has run."""
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_search_vector_gin_per_kind'),
    ]

    operations = []
