"""The op library: one module per op family. Each module's ``__all__`` lists its public functions."""
