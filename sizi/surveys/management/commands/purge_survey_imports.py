"""Delete uploaded survey exports that were never imported (private storage, survey-imports/)."""

from __future__ import annotations

from sizi.core.storage_cleanup import PurgeCommand
from sizi.surveys.file_import import IMPORTS_DIR


class Command(PurgeCommand):
    help = (
        "Hapus berkas ekspor survei yang diunggah tetapi tidak pernah diimpor "
        "(lebih tua dari --older-than jam, bawaan 24)."
    )
    folder = IMPORTS_DIR
    what = "unggahan impor survei"
