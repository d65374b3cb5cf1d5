// Placeholder: the fuzz targets are being written (see scripts/fuzz).
print("dln-fuzz")
