"""Attributes read from our own sentences, each with the words it was read from."""
from __future__ import annotations

from relations_helpers import evidence_is_exact, read


def values(result):
    return {(a.entity, a.attribute): a.value for a in result.attributes}


def test_speed_class_and_category_of_the_system_named_just_before():
    result = read("The frigate carries the BrahMos supersonic cruise missile. The Nirbhay is a subsonic "
                  "cruise missile.")
    found = values(result)
    assert found[("system:brahmos", "speed_class")] == "supersonic"
    assert found[("system:brahmos", "category")] == "cruise missile"
    assert found[("system:nirbhay", "speed_class")] == "subsonic"
    assert ("system:brahmos", "speed_class") in found and not any(
        a.attribute == "category" and a.value == "frigate" for a in result.attributes)
    assert evidence_is_exact(result)


def test_year_of_entering_service():
    found = values(read("The Tejas made its first flight in 2001 and was inducted in 2016."))
    assert found[("system:hal-tejas", "in_service_year")] == "2016"


def test_a_suppliers_share_of_a_countrys_imports():
    found = values(read("Russia accounted for 60% of India's military inventory, a think tank said."))
    assert found[("country:russia", "share_of_imports")] == "60%"


def test_headquarters():
    found = values(read("Hindustan Aeronautics Limited is headquartered in Bengaluru."))
    assert found[("org:hal", "headquarters")] == "Bengaluru"
