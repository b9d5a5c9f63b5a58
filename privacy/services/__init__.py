"""The privacy duties as services, one module per duty."""
