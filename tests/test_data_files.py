"""The package's YAML data files read the same with the fast loader as with PyYAML's pure one."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import defgraph
from defgraph.data_files import YAML_LOADER, load_yaml

DATA_FILES = sorted(Path(defgraph.__file__).parent.rglob("*.yaml"))


def test_the_package_has_data_files() -> None:
    assert len(DATA_FILES) >= 10


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_fast_loader_reads_each_data_file_as_the_pure_one_does(path: Path) -> None:
    if YAML_LOADER is yaml.SafeLoader:
        pytest.skip("PyYAML was built without libyaml")
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == yaml.safe_load(text)


def test_load_yaml_builds_no_arbitrary_objects() -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml("!!python/object/apply:os.system ['true']")
