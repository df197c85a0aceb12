// name: counts
// Counts nodes and relationships in the database, for `scrgraph db status`.
// returns: nodes, relationships
MATCH (n)
WITH count(n) AS nodes
OPTIONAL MATCH ()-[r]->()
RETURN nodes, count(r) AS relationships
