"""Delete previewed LKE workbooks that were never applied (private storage, lke-imports/)."""

from __future__ import annotations

from sizi.core.storage_cleanup import PurgeCommand
from sizi.lke.services.previews import IMPORTS_DIR


class Command(PurgeCommand):
    help = (
        "Hapus lembar kerja LKE hasil pratinjau yang tidak pernah disimpan "
        "(lebih tua dari --older-than jam, bawaan 24)."
    )
    folder = IMPORTS_DIR
    what = "pratinjau LKE"
