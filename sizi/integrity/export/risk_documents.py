"""The SPIP register, the RTP document and the Kartu Kendali as table documents."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.formats import date_format

from sizi.integrity.export.tables import Cell, TableDocument, render
from sizi.integrity.models import ControlAction, Risk, RiskMonitoring, RiskRegister


def _risks(register: RiskRegister) -> list[Risk]:
    """The register's risks with their actions and monitoring (3 queries)."""
    return list(
        register.risks.select_related("owner").prefetch_related(
            Prefetch("actions", ControlAction.objects.select_related("pic")),
            Prefetch("monitoring", RiskMonitoring.objects.order_by("quarter")),
        )
    )


def _name(user: object) -> str:
    full = getattr(user, "get_full_name", lambda: "")()
    return str(full or user)


def register_document(register: RiskRegister) -> TableDocument:
    rows: list[list[Cell]] = [
        [
            r.number,
            r.objective,
            r.statement,
            r.cause,
            r.effect,
            r.element_label,
            f"{r.likelihood} × {r.impact}",
            r.inherent_level_label,
            r.existing_controls or "—",
            f"{r.residual_likelihood} × {r.residual_impact}",
            r.residual_level_label,
            _name(r.owner),
        ]
        for r in _risks(register)
    ]
    return TableDocument(
        title=f"Register Risiko SPIP Tahun {register.year}",
        lines=[register.unit.name],
        headers=[
            "No",
            "Sasaran/Kegiatan",
            "Pernyataan risiko",
            "Penyebab",
            "Dampak",
            "Unsur SPIP",
            "K × D inheren",
            "Level inheren",
            "Pengendalian yang ada",
            "K × D residual",
            "Level residual",
            "Pemilik risiko",
        ],  # fmt: skip
        rows=rows,
        after=[
            "K = kemungkinan, D = dampak (skala 1–5); level menurut matriks risiko unit."
        ],
        widths=[5, 22, 28, 22, 22, 16, 9, 12, 22, 9, 12, 18],
        landscape=True,
        sheet_title=f"Register Risiko {register.year}",
    )


def rtp_document(register: RiskRegister) -> TableDocument:
    rows: list[list[Cell]] = []
    for risk in _risks(register):
        for action in risk.actions.all():
            rows.append(
                [
                    risk.number,
                    risk.objective,
                    risk.statement,
                    risk.residual_level_label,
                    risk.element_label,
                    action.text,
                    _name(action.pic),
                    date_format(action.target_date, "j F Y"),
                ]
            )
    return TableDocument(
        title=f"Dokumen Rencana Tindak Pengendalian Tahun {register.year}",
        lines=[register.unit.name],
        headers=[
            "No risiko",
            "Sasaran/Kegiatan",
            "Risiko",
            "Level residual",
            "Unsur SPIP",
            "Rencana tindak pengendalian",
            "Penanggung jawab",
            "Target waktu",
        ],  # fmt: skip
        rows=rows,
        widths=[8, 22, 30, 12, 16, 34, 18, 14],
        landscape=True,
        sheet_title=f"RTP {register.year}",
    )


def control_card_document(register: RiskRegister) -> TableDocument:
    rows: list[list[Cell]] = []
    for risk in _risks(register):
        by_quarter = {m.quarter: m for m in risk.monitoring.all()}
        cells = []
        for quarter in range(1, 5):
            m = by_quarter.get(quarter)
            cells.append(
                "—"
                if m is None
                else m.get_status_display() + (f": {m.note}" if m.note else "")
            )
        actions = "; ".join(a.text for a in risk.actions.all()) or "—"
        pics = ", ".join(sorted({_name(a.pic) for a in risk.actions.all()})) or "—"
        rows.append([risk.number, risk.statement, actions, pics, *cells])
    return TableDocument(
        title=f"Kartu Kendali SPIP Tahun {register.year}",
        lines=[register.unit.name],
        headers=[
            "No",
            "Risiko",
            "Rencana tindak pengendalian",
            "Penanggung jawab",
            "Realisasi TW I",
            "Realisasi TW II",
            "Realisasi TW III",
            "Realisasi TW IV",
        ],  # fmt: skip
        rows=rows,
        widths=[5, 30, 34, 18, 18, 18, 18, 18],
        landscape=True,
        sheet_title=f"Kartu Kendali {register.year}",
    )


BUILDERS = {
    "register": register_document,
    "rtp": rtp_document,
    "kartu": control_card_document,
}


def render_document(register: RiskRegister, kind: str, fmt: str) -> bytes:
    """Return one of the three documents in `fmt`."""
    return render(BUILDERS[kind](register), fmt)
