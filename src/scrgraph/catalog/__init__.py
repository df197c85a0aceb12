"""The query catalog: every question scrgraph answers, one read-only ``.cypher`` file each."""
