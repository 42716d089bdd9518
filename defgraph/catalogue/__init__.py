"""The defgraph domain catalogue: countries, organisations, agencies, weapon systems
and offices as validated YAML data, with lookups and gazetteer surface forms."""

from defgraph.catalogue import loader
from defgraph.catalogue.loader import (
    CATEGORIES,
    Catalogue,
    CatalogueError,
    Country,
    Entity,
    Office,
    Organisation,
    SurfaceForm,
    System,
    is_case_sensitive,
    load_catalogue,
)

__all__ = [name for name in loader.__all__ if name != "DATA_DIR"]
