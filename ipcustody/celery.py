"""Celery application. With no CELERY_BROKER_URL, tasks run in-process (eager), so `make run` needs no worker."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipcustody.settings")

app = Celery("ipcustody")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
