"""Casework forms: cases, notes and tasks (cases.py); plans and conferences (planning.py)."""
