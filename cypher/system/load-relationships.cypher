// name: load-relationships
// Writes a batch of relationships between nodes already written (matched on IRI). The writer
// has just removed every relationship these items own (load-unlink), so each is created, never
// looked up: a MERGE on a type given as a value scans every relationship in the database.
// Types come from the ontology's nscb:neo4jType annotations, passed as values.
// param: rows list
UNWIND $rows AS row
MATCH (a:Resource {iri: row.start})
MATCH (b:Resource {iri: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS written
