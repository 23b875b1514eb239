import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("deal", "Deals"),
                            ("statement", "Statements"),
                            ("person", "People"),
                            ("system", "Weapon systems"),
                            ("country", "Countries"),
                            ("source", "Sources"),
                        ],
                        max_length=16,
                    ),
                ),
                ("object_key", models.CharField(help_text="The record's primary key.", max_length=100)),
                ("title", models.CharField(max_length=300)),
                ("keywords", models.TextField(blank=True, help_text="Other names: aliases, codes, speakers.")),
                ("body", models.TextField(blank=True)),
                ("url", models.CharField(max_length=300)),
                ("search_vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["kind", "title"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_key"),
                        name="search_document_one_per_record",
                        violation_error_message="A record has one search document.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kind__in", ["deal", "statement", "person", "system", "country", "source"])
                        ),
                        name="search_document_kind_valid",
                        violation_error_message="Unknown kind of record.",
                    ),
                ],
            },
        ),
    ]
