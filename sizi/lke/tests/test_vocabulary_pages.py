"""The LKE pages in one vocabulary and the house date/time style (issue 11)."""

from __future__ import annotations

import re

from django.urls import reverse

from sizi.core.tests.vocabulary import problems_in_page
from sizi.lke.tests.arrange import answer_all, approve_and_submit, url

DATETIME = re.compile(
    r"\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September"
    r"|Oktober|November|Desember) \d{4}, \d{2}\.\d{2}\b"
)


def test_a_submitted_assessment_reads_without_doubled_words_or_english(
    client, assessment, alice
):
    answer_all(assessment, alice)
    submission = approve_and_submit(assessment, alice)
    client.force_login(alice)

    score = client.get(url("score")).text
    snapshot = client.get(url("submission", submission.number)).text

    assert problems_in_page(score) == []
    assert problems_in_page(snapshot) == []
    assert re.search(r"Diajukan</span>\s*<span[^>]*>· pengajuan terakhir ", score)
    assert DATETIME.search(score) and DATETIME.search(snapshot)
    assert "Salinan pengajuan" in score and "Salinan pengajuan #1" in snapshot


def test_the_import_pages_say_lembar_kerja(client, assessment, alice):
    client.force_login(alice)

    listing = client.get(reverse("lke:assessment_list", args=["kpu-tanjabbar"])).text
    upload = client.get(url("import")).text

    assert "mengimpor lembar kerja LKE" in listing
    assert "Unggah lembar kerja LKE" in upload
    assert problems_in_page(listing) == [] and problems_in_page(upload) == []
