"""Working with others: the field-wise merge, sync, remotes."""
