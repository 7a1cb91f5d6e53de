"""Signals the archive sends for writes that bypass the model signals (bulk import and bulk upsert).

`assets_bulk_written` is sent inside the import's transaction, after the chunk's rows are written, with
`asset_ids` (the assets created or updated). Apps that keep data derived from assets (deadlines …) connect to it
instead of `post_save`, which bulk writes do not send.
"""

from django.dispatch import Signal

assets_bulk_written = Signal()


import contextlib  # noqa: E402
import contextvars  # noqa: E402
from collections.abc import Iterator  # noqa: E402

_batch: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar("archive_batch", default=None)


@contextlib.contextmanager
def batch() -> Iterator[set[int]]:
    """Group many single saves (a demo load, a scripted migration) into one `assets_bulk_written` at the end.

    Receivers of the model signals call `defer(asset_id)` first: inside a batch it records the asset and returns
    True, so derived data is computed once per asset when the batch closes instead of after every save.
    """
    ids: set[int] = set()
    token = _batch.set(ids)
    try:
        yield ids
    finally:
        _batch.reset(token)
    if ids:
        from .models import Asset

        assets_bulk_written.send(sender=Asset, asset_ids=sorted(ids))


def defer(asset_id: int) -> bool:
    ids = _batch.get()
    if ids is None:
        return False
    ids.add(asset_id)
    return True
