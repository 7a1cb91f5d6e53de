"""The import pages: download the template, upload a file, preview every row's errors, then commit atomically.

The uploaded file is kept under MEDIA_ROOT/archive-imports/ between the preview and the commit, named by a random
token remembered in the session (so one user cannot commit another's upload).
"""

from __future__ import annotations

import io
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ipcustody.core.views import ActorRequiredMixin, require

from . import bulk, services
from .forms import ImportForm

SESSION_KEY = "archive_import"


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "archive-imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ImportTemplate(ActorRequiredMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        buffer = io.BytesIO()
        bulk.template_workbook().save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="ip-archive-template.xlsx"'
        return response


class ImportView(ActorRequiredMixin, TemplateView):
    template_name = "archive/import.html"


    def get(self, request, *args, **kwargs):
        require(services.can_create_asset(self.actor))
        return self.render_to_response(self.context(ImportForm(actor=self.actor)))

    def context(self, form, **extra):
        return self.get_context_data(title=_("Import assets"), form=form, columns=bulk.COLUMNS, **extra)

    def post(self, request, *args, **kwargs):
        require(services.can_create_asset(self.actor))
        form = ImportForm(request.POST, request.FILES, actor=self.actor)
        if not form.is_valid():
            return self.render_to_response(self.context(form), status=400)
        upload = form.cleaned_data["file"]
        token = secrets.token_hex(16)
        suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
        path = upload_dir() / f"{token}{suffix}"
        with open(path, "wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        owner = form.cleaned_data.get("owner")
        try:
            result = services.import_file(self.actor, str(path), path.name, commit=False, default_owner=owner)
        except bulk.FileFormatError as exc:
            path.unlink(missing_ok=True)
            form.add_error("file", str(exc.args[0]))
            return self.render_to_response(self.context(form), status=400)
        request.session[SESSION_KEY] = {"token": token, "suffix": suffix, "name": upload.name,
                                        "owner": owner.pk if owner else None}
        return self.render_to_response(
            self.context(ImportForm(actor=self.actor), result=result, filename=upload.name, token=token),
            status=200 if result.ok else 400,
        )


class ImportCommit(ActorRequiredMixin, TemplateView):
    template_name = "archive/import.html"

    def post(self, request, *args, **kwargs):
        require(services.can_create_asset(self.actor))
        pending = request.session.get(SESSION_KEY)
        if not pending or pending["token"] != request.POST.get("token"):
            raise Http404
        path = upload_dir() / f"{pending['token']}{pending['suffix']}"
        if not path.exists():
            raise Http404
        owner = None
        if pending.get("owner"):
            owner = services.writable_enterprises(self.actor).filter(pk=pending["owner"]).first()
        try:
            result = services.import_file(self.actor, str(path), path.name, commit=True, default_owner=owner)
        except bulk.ImportFailed as exc:
            return self.render_to_response(self.get_context_data(
                title=_("Import assets"), form=ImportForm(actor=self.actor), columns=bulk.COLUMNS,
                result=exc.result, filename=pending["name"], token=pending["token"],
            ), status=400)
        path.unlink(missing_ok=True)
        del request.session[SESSION_KEY]
        messages.success(request, _("Imported %(total)s rows: %(created)s new, %(updated)s updated, %(unchanged)s "
                                    "unchanged.") % {"total": result.total, "created": result.created,
                                                     "updated": result.updated, "unchanged": result.unchanged})
        return redirect(reverse("archive:asset-list") + "?sort=-filing_date")
