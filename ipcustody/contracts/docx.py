"""The contract as a Word (.docx) document, Chinese text set in a CJK font (宋体 / SimSun via w:eastAsia)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from .models import Contract

CJK_FONT = "SimSun"  # 宋体
LATIN_FONT = "Times New Roman"


def _font(run, size=None, bold=None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), CJK_FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _para(document, text: str, *, size=11, bold=False, align=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), size, bold)
    return paragraph


def build(contract: Contract) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), CJK_FONT)

    _para(document, _("Intellectual property custody contract"), size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(document, f"{_('contract number')}: {contract.number or '—'}    {_('version')}: {contract.version}    "
                    f"{_('status')}: {contract.get_status_display()}", size=10, align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(document, _("Parties"), size=13, bold=True)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    rows = [
        (_("Party A (park / association)"), contract.park.name),
        (_("Party B (custody agency)"), contract.agency.name
         + (f"（{_('patent agency licence number')} {contract.agency.licence_number}）"
            if contract.agency.licence_number else "")),
        (_("Party C (enterprise)"), f"{contract.enterprise.name}（{contract.enterprise.credit_code}）"),
    ]
    terms = [
        (_("custody form"), contract.get_custody_form_display()),
        (_("service items"), "、".join(str(i) for i in contract.service_items.all()) or "—"),
        (_("term"), f"{contract.start_date:%Y-%m-%d} — {contract.end_date:%Y-%m-%d}"),
        (_("fee (yuan)"), f"¥{contract.fee:,.2f}"),
        (_("paid by"), contract.get_payer_display()),
        (_("agency staff serving"), "、".join(u.get_full_name() or u.get_username() for u in contract.staff.all()) or "—"),
    ]
    for label, value in rows:
        cells = table.add_row().cells
        _font(cells[0].paragraphs[0].add_run(str(label)), 10.5, True)
        _font(cells[1].paragraphs[0].add_run(str(value)), 10.5)

    _para(document, _("Custody content"), size=13, bold=True)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in terms:
        cells = table.add_row().cells
        _font(cells[0].paragraphs[0].add_run(str(label)), 10.5, True)
        _font(cells[1].paragraphs[0].add_run(str(value)), 10.5)

    _para(document, _("Confidentiality"), size=13, bold=True)
    undertaking = _("Party B undertakes to keep strictly confidential the business secrets of Party C that it learns "
                    "in the custody work, during the term and after it.")
    _para(document, undertaking if contract.confidentiality else _("No confidentiality undertaking given."))
    if contract.confidentiality_terms:
        _para(document, contract.confidentiality_terms)
    if contract.notes:
        _para(document, _("Other terms"), size=13, bold=True)
        _para(document, contract.notes)
    if contract.terminated_on:
        _para(document, f"{_('terminated on')}: {contract.terminated_on:%Y-%m-%d} — {contract.termination_reason}")

    _para(document, _("Confirmations"), size=13, bold=True)
    confirmations = {c.party: c for c in contract.confirmations.select_related("confirmed_by")}
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for party, label, name in [("park", _("Party A"), contract.park.name), ("agency", _("Party B"), contract.agency.name),
                               ("enterprise", _("Party C"), contract.enterprise.name)]:
        confirmation = confirmations.get(party)
        cells = table.add_row().cells
        _font(cells[0].paragraphs[0].add_run(f"{label}：{name}"), 10.5)
        who = confirmation.confirmed_by.get_full_name() or confirmation.confirmed_by.get_username() if confirmation else ""
        _font(cells[1].paragraphs[0].add_run(who or _("not yet confirmed")), 10.5)
        _font(cells[2].paragraphs[0].add_run(f"{confirmation.confirmed_at:%Y-%m-%d}" if confirmation else ""), 10.5)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
