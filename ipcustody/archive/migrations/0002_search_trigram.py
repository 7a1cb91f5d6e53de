"""PostgreSQL only: a trigram GIN index so the archive search (`search_text` LIKE '%词%') does not scan the table.

SQLite keeps a plain LIKE scan over `search_text` (same results, no index); nothing here runs there.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # serves the archive search: WHERE search_text LIKE '%…%' (the column is stored normalised, lower case)
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS asset_search_trgm_idx ON archive_asset USING gin (search_text gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS asset_search_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
