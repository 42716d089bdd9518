"""Reading the package's YAML data files (catalogue, vocabularies, gold-set registry)."""
from __future__ import annotations

from typing import Any

import yaml

# libyaml's safe loader when PyYAML was built with it: the same result, about seven times faster, which
# is most of a worker's start-up; pure Python otherwise.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader (no arbitrary objects)."""
    return yaml.load(text, Loader=YAML_LOADER)
