"""Seed the §5.2 service-item catalogue and the life-and-health industry segments (both stay editable)."""

from django.db import migrations

from ipcustody.directory.reference import ensure


def seed(apps, schema_editor):
    ensure(apps.get_model("directory", "ServiceItem"), apps.get_model("directory", "IndustrySegment"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
