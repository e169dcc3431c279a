"""Pengaduan masyarakat: public complaints, their handling and recap."""
