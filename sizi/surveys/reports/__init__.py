"""Documents the surveys app renders: the QR poster and the Laporan SKM (PDF, DOCX)."""
