"""Permohonan informasi publik (PPID, UU 14/2008): requests, keberatan, DIP."""
