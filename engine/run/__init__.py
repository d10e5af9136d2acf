"""Running a config.

The plan compiled from it, the chunk kernel, threads, Dask, checkpoints,
shards and election night.
"""
