"""Maps from the store: points of a dataset, an area's outline, hotspot grids as GeoJSON."""
