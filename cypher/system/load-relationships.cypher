// name: load-relationships
// Writes a batch of relationships between nodes already written (matched on IRI).
// Types come from the ontology's nscb:neo4jType annotations, passed as values.
// param: rows list
UNWIND $rows AS row
MATCH (a:Resource {iri: row.start})
MATCH (b:Resource {iri: row.end})
MERGE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
