"""The framework stage: the ontology, Norfolk's Thematic Learning Framework as typed concepts,
and the one resolver of the codes analysts type."""
