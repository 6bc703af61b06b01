"""Neural-network functions (being written)."""
