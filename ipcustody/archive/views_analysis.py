"""Patent analysis page: for an enterprise, a park or a district (whatever the actor may see), as ECharts charts
and as an Excel download."""

from __future__ import annotations

import io

from django import forms
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ipcustody.core.scoping import ScopeKind, scope_for
from ipcustody.core.views import ActorRequiredMixin
from ipcustody.directory.models import Authority, AuthorityLevel, Enterprise, Park

from .analysis import analyse
from .models import STATUS_COLOURS, Asset

PALETTE = {"draft": "#8c8c8c", "awaiting": "#fa8c16", "active": "#52c41a", "ended": "#607d8b", "terminated": "#f5222d"}


class ScopeForm(forms.Form):
    district = forms.ModelChoiceField(label=_("district"), queryset=Authority.objects.none(), required=False,
                                      empty_label=_("All"))
    park = forms.ModelChoiceField(label=_("park / association"), queryset=Park.objects.none(), required=False,
                                  empty_label=_("All"))
    owner = forms.ModelChoiceField(label=_("enterprise"), queryset=Enterprise.objects.none(), required=False,
                                   empty_label=_("All"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Authority.objects.visible_to(actor).filter(level=AuthorityLevel.DISTRICT)
        self.fields["park"].queryset = Park.objects.visible_to(actor)
        self.fields["owner"].queryset = Enterprise.objects.visible_to(actor).only("pk", "name")
        if scope_for(actor).kind is not ScopeKind.ALL:  # only the city bureau chooses among districts
            del self.fields["district"]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"


class AnalysisView(ActorRequiredMixin, TemplateView):
    template_name = "archive/analysis.html"

    def get(self, request, *args, **kwargs):
        form = ScopeForm(request.GET or None, actor=self.actor)
        queryset = Asset.objects.visible_to(self.actor)
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            if data.get("district"):
                queryset = queryset.filter(owner__park__district=data["district"])
            if data.get("park"):
                queryset = queryset.filter(owner__park=data["park"])
            if data.get("owner"):
                queryset = queryset.filter(owner=data["owner"])
        result = analyse(queryset)
        if request.GET.get("export") == "xlsx":
            return self.export(result)
        return self.render_to_response(self.get_context_data(
            title=_("Patent analysis"), form=form, result=result,
            chart={
                "years": result.years,
                "filings": [{"name": label, "data": result.filings[value]} for value, label, _n in result.kinds],
                "grants": result.grants,
                "kinds": [{"name": label, "value": n} for _v, label, n in result.kinds],
                "statuses": [{"name": label, "value": n, "itemStyle": {"color": PALETTE[STATUS_COLOURS[value]]}}
                             for value, label, n in result.statuses],
                "ipc": [[c, n] for c, n in result.top_ipc],
                "inventors": [[name, n] for name, n in result.top_inventors],
            },
            querystring=request.GET.urlencode(),
        ))

    def export(self, result) -> HttpResponse:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(str(_("Per year"))[:31])
        sheet.append([str(_("year")), *[label for _v, label, _n in result.kinds], str(_("grants"))])
        for i, year in enumerate(result.years):
            sheet.append([year, *[result.filings[v][i] for v, _l, _n in result.kinds], result.grants[i]])
        for title, header, rows in (
            (_("Kind mix"), _("kind"), [(label, n) for _v, label, n in result.kinds]),
            (_("Status mix"), _("status"), [(label, n) for _v, label, n in result.statuses]),
            (_("Top IPC classes"), _("IPC subclass"), result.top_ipc),
            (_("Top inventors"), _("inventor"), result.top_inventors),
        ):
            sheet = workbook.create_sheet(str(title)[:31])
            sheet.append([str(header), str(_("patents"))])
            for row in rows:
                sheet.append(list(row))
        sheet = workbook.create_sheet(str(_("Summary"))[:31])
        sheet.append([str(_("patents")), result.total])
        sheet.append([str(_("invention patents")), result.inventions])
        sheet.append([str(_("invention share")), round(result.invention_share, 4)])
        sheet.append([str(_("in force")), result.in_force])
        sheet.append([str(_("invention share of patents in force")), round(result.invention_share_in_force, 4)])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response["Content-Disposition"] = f'attachment; filename="patent-analysis-{timezone.localdate():%Y%m%d}.xlsx"'
        return response
