"""Delete decree previews that were uploaded but never saved (run by cron/systemd)."""

from __future__ import annotations

from sizi.core.storage_cleanup import PurgeCommand
from sizi.plans.import_previews import IMPORTS_DIR


class Command(PurgeCommand):
    help = (
        "Hapus berkas pratinjau impor rencana aksi yang tidak pernah disimpan "
        "(lebih tua dari --older-than jam, bawaan 24)."
    )
    folder = IMPORTS_DIR
    what = "pratinjau impor rencana aksi"
