"""Renderings of the integrity registers (PDF via WeasyPrint, XLSX via openpyxl)."""
