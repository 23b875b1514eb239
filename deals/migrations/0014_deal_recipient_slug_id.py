# The recipient index gains the id, so a page of the default-ordered deal list counts its offset in the index alone.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('countries', '0001_initial'),
        ('deals', '0013_deal_rows'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='deal',
            name='deal_recipient_slug',
        ),
        migrations.AddIndex(
            model_name='deal',
            index=models.Index(fields=['recipient', 'slug', 'id'], name='deal_recipient_slug'),
        ),
    ]
