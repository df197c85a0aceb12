// name: load-existing
// What the database already holds for the items a load is about to write: each node's labels
// and properties, and the relationships it owns (for the added/changed/unchanged report).
// A node owns its outgoing relationships of the types in $start_owned and its incoming ones of
// the types in $end_owned (a recommendation owns the review's MADE link to it).
// param: iris list
// param: start_owned list
// param: end_owned list
// returns: iri, labels, props, rels
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
OPTIONAL MATCH (n)-[r]-(:Resource)
WHERE (startNode(r) = n AND type(r) IN $start_owned)
   OR (endNode(r) = n AND type(r) IN $end_owned)
WITH n, collect(CASE WHEN r IS NULL THEN null
  ELSE {type: type(r), start: startNode(r).iri, end: endNode(r).iri, props: properties(r)}
  END) AS rels
RETURN n.iri AS iri, labels(n) AS labels, properties(n) AS props, rels
