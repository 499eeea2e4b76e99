"""Running many files: the batch, worker pools (local, Dask), the result cache."""
