"""Signals the archive sends for writes that bypass the model signals (bulk import and bulk upsert).

`assets_bulk_written` is sent inside the import's transaction, after the chunk's rows are written, with
`asset_ids` (the assets created or updated). Apps that keep data derived from assets (deadlines …) connect to it
instead of `post_save`, which bulk writes do not send.
"""

from django.dispatch import Signal

assets_bulk_written = Signal()
