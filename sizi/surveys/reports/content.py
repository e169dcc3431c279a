"""The Laporan SKM (or IPAK/IPKP) as blocks: written once, rendered as PDF and DOCX.

Sections in the form units publish: pendahuluan, metode, sampel, hasil per
unsur, indeks dan mutu, analisis unsur terendah, rencana tindak lanjut,
penutup. Every figure is one of `reports.figures`, the same as on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format

from sizi.surveys.instruments.definition import Instrument
from sizi.surveys.reports.figures import (
    Figure,
    demographic_figures,
    items_figure,
    services_figure,
    trend_figure,
)
from sizi.surveys.results import PeriodResults, TrendPoint


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class FigureBlock:
    figure: Figure
    caption: str


Block = Heading | Paragraph | Table | FigureBlock


@dataclass(frozen=True)
class FollowUpLine:
    question: str
    text: str
    owners: str
    status: str


@dataclass(frozen=True)
class Signature:
    """Who signs the report: place, office and name (from the unit's Rencana Aksi)."""

    place: str
    office: str
    name: str


@dataclass(frozen=True)
class ReportInput:
    """Everything the report says, gathered by the view."""

    unit_name: str
    period_title: str
    starts_on: date
    ends_on: date
    instrument: Instrument
    results: PeriodResults
    trend: Sequence[TrendPoint]
    follow_ups: Sequence[FollowUpLine]
    service_names: Sequence[str]
    generated_on: date
    signature: Signature | None = None


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    signature: tuple[str, ...] = ()


def _num(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _kind(data: ReportInput) -> str:
    return "SKM" if data.instrument.code == "skm" else data.results.index_name


def _introduction(data: ReportInput) -> list[Block]:
    services = ", ".join(data.service_names) or "seluruh layanan unit"
    if data.instrument.code == "skm":
        basis = (
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan "
            "penyelenggara pelayanan publik mengikutsertakan masyarakat dalam "
            "penilaian kinerja pelayanan. Peraturan Menteri PANRB Nomor 14 Tahun "
            "2017 menetapkan pedoman Survei Kepuasan Masyarakat (SKM) yang "
            "dilakukan paling sedikit satu kali setahun."
        )
    else:
        basis = (
            "Peraturan Menteri PANRB Nomor 90 Tahun 2021 menilai komponen hasil "
            "pembangunan Zona Integritas antara lain melalui survei persepsi "
            f"({data.instrument.title}), paling sedikit 30 responden per unit."
        )
    return [
        Heading("BAB I PENDAHULUAN"),
        Heading("A. Latar belakang", 2),
        Paragraph(basis),
        Heading("B. Tujuan", 2),
        Paragraph(
            f"Survei ini mengukur {data.results.index_name} {data.unit_name} pada "
            f"periode {data.period_title} sebagai dasar perbaikan pelayanan dan "
            "pembangunan Zona Integritas menuju WBK/WBBM."
        ),
        Heading("C. Ruang lingkup", 2),
        Paragraph(
            f"Survei dilaksanakan {_day(data.starts_on)} sampai {_day(data.ends_on)} "
            f"terhadap penerima layanan: {services}."
        ),
    ]


def _method(data: ReportInput) -> list[Block]:
    instrument = data.instrument
    weight = (
        "1/9 (tepat, bukan 0,111)"
        if instrument.code == "skm"
        else "rata-rata sederhana antaraspek"
    )
    blocks: list[Block] = [
        Heading("BAB II METODE"),
        Paragraph(
            f"Instrumen: {instrument.title}, versi {instrument.version} "
            f"({instrument.source}). Setiap pertanyaan dijawab pada skala "
            f"{instrument.scale_min}–{instrument.scale_max}."
        ),
        Table(
            ("Kode", "Unsur", "Pertanyaan"),
            tuple((q.code, q.name, q.text) for q in instrument.questions),
            "Unsur dan pertanyaan survei",
        ),
        Paragraph(
            "Nilai rata-rata (NRR) setiap unsur = jumlah nilai responden untuk unsur "
            f"itu dibagi jumlah responden yang mengisinya. Bobot per unsur: {weight}. "
            f"{data.results.index_name} = jumlah NRR tertimbang (skala 1–4), lalu "
            "dikalikan 25 untuk skala 25–100."
        ),
    ]
    if instrument.grades:
        blocks.append(
            Table(
                ("Nilai konversi (×25) paling rendah", "Mutu", "Kinerja"),
                tuple(
                    (_num(g.min_converted), g.letter, g.label)
                    for g in instrument.grades
                ),
                "Mutu pelayanan menurut nilai interval konversi",
            )
        )
    channels = ", ".join(
        f"{c.label.lower()} {c.count}" for c in data.results.channels if c.count
    )
    blocks.append(
        Paragraph(
            "Jawaban dikumpulkan melalui formulir daring tanpa nama (tautan dan kode "
            "QR di tempat layanan), kuesioner kertas, dan impor berkas"
            + (f" ({channels})." if channels else ".")
        )
    )
    return blocks


def _sample(data: ReportInput) -> list[Block]:
    r = data.results
    sample = r.sample
    lines = [f"Jumlah responden: {r.respondents}."]
    if sample.krejcie_morgan is not None:
        lines.append(
            f"Populasi penerima layanan N = {sample.population}; sampel minimum "
            f"menurut tabel Krejcie-Morgan = {sample.krejcie_morgan}."
        )
    if sample.regulatory_minimum:
        lines.append(
            f"Minimum responden menurut ketentuan: {sample.regulatory_minimum}."
        )
    if sample.required:
        state = "tercapai" if r.reached else "belum tercapai"
        lines.append(f"Sampel minimum {sample.required} {state}.")
    lines.append(
        f"Jawaban yang ditandai mencurigakan: {r.suspicious} ({_num(r.suspicious_percent, 1)}%), "
        + ("tidak dihitung." if r.excluded_suspicious else "tetap dihitung.")
    )
    blocks: list[Block] = [
        Heading("BAB III SAMPEL DAN RESPONDEN"),
        Paragraph(" ".join(lines)),
    ]
    for row in r.demographics:
        blocks.append(
            Table(
                (row.label, "Jumlah", "%"),
                tuple((c.label, str(c.count), _num(c.percent, 1)) for c in row.counts),
                f"Responden menurut {row.label.lower()}",
            )
        )
    for figure in demographic_figures(r.demographics):
        blocks.append(FigureBlock(figure, figure.chart.title))
    return blocks


def _results(data: ReportInput) -> list[Block]:
    r = data.results
    name = r.index_name
    blocks: list[Block] = [
        Heading("BAB IV HASIL SURVEI"),
        Heading("A. Nilai per unsur", 2),
        Table(
            ("Kode", "Unsur", "Responden", "NRR", "NRR tertimbang", "×25"),
            tuple(
                (
                    i.code,
                    i.name,
                    str(i.respondents),
                    _num(i.nrr),
                    _num(i.weighted, 4),
                    _num(i.converted),
                )
                for i in r.items
            ),
            "Nilai rata-rata per unsur",
        ),
        FigureBlock(
            items_figure(r.items, index_name=name), "Nilai rata-rata per unsur"
        ),
        Heading(f"B. {name} dan mutu pelayanan", 2),
    ]
    if r.index is None:
        blocks.append(Paragraph("Belum ada jawaban yang lengkap."))
    else:
        text = (
            f"{name} {data.unit_name} periode {data.period_title} = {_num(r.index)} "
            f"(skala 1–4) atau {_num(r.converted)} (skala 25–100)"
        )
        if r.grade:
            text += f", mutu pelayanan {r.grade} ({r.grade_label})"
        blocks.append(Paragraph(text + "."))
        if r.lke_value is not None:
            blocks.append(
                Paragraph(
                    f"Nilai untuk LKE (0–4): {_num(r.lke_value)}. {r.lke_conversion}"
                )
            )
        if r.legacy:
            blocks.append(
                Paragraph(
                    "Catatan: laporan ini dihitung dengan bobot lama 0,111 untuk "
                    "dibandingkan dengan laporan terdahulu; nilai resmi memakai 1/9."
                )
            )
    blocks.append(Heading("C. Per layanan", 2))
    blocks.append(
        Table(
            ("Layanan", "Responden", "Minimum", f"{name} ×25", "Mutu"),
            tuple(
                (
                    s.name,
                    str(s.respondents),
                    "—" if s.minimum is None else str(s.minimum),
                    _num(s.converted),
                    s.grade or "—",
                )
                for s in r.services
            ),
            "Hasil per layanan",
        )
    )
    services = services_figure(r.services)
    if services is not None:
        blocks.append(FigureBlock(services, "Responden per layanan"))
    trend = trend_figure(data.trend, index_name=name)
    if trend is not None:
        blocks.append(Heading("D. Tren antarperiode", 2))
        blocks.append(FigureBlock(trend, trend.chart.title))
    return blocks


def _analysis(data: ReportInput) -> list[Block]:
    items = [i for i in data.results.items if i.nrr is not None]
    blocks: list[Block] = [Heading("BAB V ANALISIS")]
    if not items:
        return [*blocks, Paragraph("Belum ada data untuk dianalisis.")]
    ordered = sorted(items, key=lambda i: (i.nrr or 0, i.code))
    lowest = next((i for i in items if i.is_lowest), ordered[0])
    highest = ordered[-1]
    blocks.append(
        Paragraph(
            f"Unsur dengan nilai terendah adalah {lowest.code} {lowest.name} "
            f"(NRR {_num(lowest.nrr)}; {_num(lowest.converted)} pada skala 25–100). "
            f"Unsur tertinggi adalah {highest.code} {highest.name} "
            f"(NRR {_num(highest.nrr)}). Perbaikan diprioritaskan pada unsur "
            "terendah dan unsur lain di bawah rata-rata."
        )
    )
    average = sum((i.nrr or Decimal(0) for i in items), Decimal(0)) / len(items)
    below = [i for i in ordered if (i.nrr or 0) < average]
    if below:
        blocks.append(
            Table(
                ("Kode", "Unsur", "NRR"),
                tuple((i.code, i.name, _num(i.nrr)) for i in below),
                f"Unsur di bawah rata-rata NRR ({_num(average)})",
            )
        )
    return blocks


def _follow_up(data: ReportInput) -> list[Block]:
    blocks: list[Block] = [Heading("BAB VI RENCANA TINDAK LANJUT")]
    if not data.follow_ups:
        blocks.append(
            Paragraph(
                "Rencana tindak lanjut belum ditetapkan. Tindak lanjut dibuat dari "
                "halaman hasil survei SIZI dan menjadi langkah Rencana Aksi dengan PIC."
            )
        )
        return blocks
    blocks.append(
        Table(
            ("Unsur", "Rencana tindak lanjut", "PIC", "Status"),
            tuple(
                (f.question, f.text, f.owners or "—", f.status) for f in data.follow_ups
            ),
            "Rencana tindak lanjut",
        )
    )
    return blocks


def build_report(data: ReportInput) -> Report:
    """Return the report's blocks for `data`."""
    blocks = [
        *_introduction(data),
        *_method(data),
        *_sample(data),
        *_results(data),
        *_analysis(data),
        *_follow_up(data),
        Heading("BAB VII PENUTUP"),
        Paragraph(
            f"Hasil survei ini diumumkan kepada masyarakat dan ditindaklanjuti "
            f"dalam Rencana Aksi Zona Integritas {data.unit_name}. Laporan "
            f"disusun dengan SIZI pada {_day(data.generated_on)}."
        ),
    ]
    return Report(
        title=f"LAPORAN {data.instrument.title.upper()}",
        subtitle=f"{data.unit_name} · {data.period_title}",
        blocks=tuple(blocks),
        signature=_signature(data),
    )


def _signature(data: ReportInput) -> tuple[str, ...]:
    """Return the lines of the signature block (place and date, office, name)."""
    sign = data.signature
    if sign is None:
        return ()
    place = f"{sign.place}, " if sign.place else ""
    return (f"{place}{_day(data.generated_on)}", sign.office, "", "", sign.name)


def report_kind(data: ReportInput) -> str:
    """Return the short name of the report (SKM, IPAK, IPKP) for titles and files."""
    return _kind(data)
