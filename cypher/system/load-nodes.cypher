// name: load-nodes
// Writes a batch of nodes: merged on their IRI, properties replaced by the source's.
// Labels come from the ontology's nscb:neo4jLabel annotations, passed as values.
// param: rows list
UNWIND $rows AS row
MERGE (n:Resource {iri: row.iri})
SET n = row.props
SET n:$(row.labels)
RETURN count(n) AS written
