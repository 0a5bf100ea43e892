"""Neighbourhood (ward) information for the public: figures, similar wards, maps."""
