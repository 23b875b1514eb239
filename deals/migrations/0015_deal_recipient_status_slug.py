# A page of one recipient's deals at one status is read in order from an index, not sorted from all its deals.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('countries', '0001_initial'),
        ('deals', '0014_deal_recipient_slug_id'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='deal',
            index=models.Index(fields=['recipient', 'status', 'slug'], name='deal_recipient_status_slug'),
        ),
    ]
