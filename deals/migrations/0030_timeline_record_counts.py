import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    # The items per deal and per system from the links stored, so the timeline's facets read them at once.
    with schema_editor.connection.cursor() as cursor:
        for table, column in (("deals_timelinedealcount", "deal_id"), ("deals_timelinesystemcount", "system_id")):
            cursor.execute(
                f"INSERT INTO {table} ({column}, items) SELECT {column}, COUNT(*) FROM deals_timelinelink "
                f"WHERE {column} IS NOT NULL GROUP BY {column}"
            )


class Migration(migrations.Migration):

    dependencies = [
        ('deals', '0029_chart_counts'),
    ]

    operations = [
        migrations.CreateModel(
            name='TimelineDealCount',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('items', models.PositiveIntegerField()),
                ('deal', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='deals.deal')),
            ],
            options={
                'db_table': 'deals_timelinedealcount',
                'indexes': [models.Index(fields=['items'], name='timelinedealcount_items')],
                'constraints': [models.UniqueConstraint(fields=('deal',), name='timelinedealcount_key')],
            },
        ),
        migrations.CreateModel(
            name='TimelineSystemCount',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('items', models.PositiveIntegerField()),
                ('system', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='deals.weaponsystem')),
            ],
            options={
                'db_table': 'deals_timelinesystemcount',
                'indexes': [models.Index(fields=['items'], name='timelinesystemcount_items')],
                'constraints': [models.UniqueConstraint(fields=('system',), name='timelinesystemcount_key')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
