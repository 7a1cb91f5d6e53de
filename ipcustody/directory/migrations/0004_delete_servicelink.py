"""Remove the temporary "agency serves enterprise" link, once the contracts app has turned every link into a contract."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0003_alter_contact_title'),
        ('contracts', '0002_links_to_contracts'),
    ]

    operations = [
        migrations.DeleteModel(
            name='ServiceLink',
        ),
    ]
