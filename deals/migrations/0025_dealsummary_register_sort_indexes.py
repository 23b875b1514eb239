"""Indexes for the deal list's register sorts (`sort=ordered_date`, `delivered`,
`delivery_years`), as the existing sorts by value and quantity have theirs."""
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("deals", "0024_country_deal_counts_scope"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="dealsummary", index=models.Index(fields=["signed_earliest"], name="dealsummary_signed")
        ),
        migrations.AddIndex(
            model_name="dealsummary", index=models.Index(fields=["delivered_quantity"], name="dealsummary_delivered")
        ),
        migrations.AddIndex(
            model_name="dealsummary",
            index=models.Index(fields=["first_delivery_year"], name="dealsummary_delivery_year"),
        ),
    ]
