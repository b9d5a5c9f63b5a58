"""Activities forms, one module per sub-domain."""
