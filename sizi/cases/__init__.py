"""Public channels: pengaduan masyarakat, permohonan informasi (PPID) and the WBS."""
