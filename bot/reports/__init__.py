"""Reports (Open311 service requests): the repository, the service catalogue and statuses."""
