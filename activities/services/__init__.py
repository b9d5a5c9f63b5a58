"""Activities services, one module per sub-domain. Views import the functions they call
from the module that holds them (`from activities.services.attendance import ...`)."""
