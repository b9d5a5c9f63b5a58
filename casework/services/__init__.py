"""Casework services, one module per sub-domain. Views import the functions they call from
the module that holds them (`from casework.services.notes import add_note`)."""
