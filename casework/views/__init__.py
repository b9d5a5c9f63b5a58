"""Casework views: cases, notes and tasks (cases.py); plans, reviews, conferences."""
