"""Results as xarray Datasets: the counts of a run, and the netCDF files that hold them."""
