"""The ingestion package's public names."""
import defgraph.ingestion as ingestion


def test_every_public_name_is_importable_from_the_package():
    for name in ingestion.__all__:
        assert getattr(ingestion, name) is not None, name
