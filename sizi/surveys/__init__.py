"""Surveys: SKM/IKM, IPAK and IPKP run inside SIZI, from instruments as data to indices."""
