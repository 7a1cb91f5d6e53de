"""Keep deadlines in step with the archive: any saved or deleted asset or legal event recomputes that asset.

The archive does not know about deadlines (dependencies point one way: archive ← docketing); it only saves its
models, and these receivers follow. Bulk imports, which bypass model signals, send `assets_bulk_written`.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def _asset_saved(sender, instance, raw=False, **kwargs) -> None:
    from ipcustody.archive.signals import defer

    if not raw and not defer(instance.pk):
        from .services import recompute

        recompute([instance.pk])


def _event_changed(sender, instance, raw=False, **kwargs) -> None:
    from ipcustody.archive.signals import defer

    if raw or defer(instance.asset_id):
        return
    from ipcustody.archive.models import Asset

    from .services import recompute

    if Asset.objects.filter(pk=instance.asset_id).exists():
        recompute([instance.asset_id])


def _assets_changed(sender, asset_ids, **kwargs) -> None:
    from .services import recompute

    recompute(asset_ids)


def connect() -> None:
    from ipcustody.archive import models
    from ipcustody.archive.signals import assets_bulk_written

    post_save.connect(_asset_saved, sender=models.Asset, dispatch_uid="docketing-asset-saved")
    post_save.connect(_event_changed, sender=models.AssetEvent, dispatch_uid="docketing-event-saved")
    post_delete.connect(_event_changed, sender=models.AssetEvent, dispatch_uid="docketing-event-deleted")
    assets_bulk_written.connect(_assets_changed, dispatch_uid="docketing-assets-bulk-written")
