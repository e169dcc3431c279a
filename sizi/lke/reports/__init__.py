"""The Laporan Hasil Evaluasi (LHE): its content as plain data and its renderings."""
