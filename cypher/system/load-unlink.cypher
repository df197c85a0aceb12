// name: load-unlink
// Removes the relationships that the items being written own (ownership as in
// load-existing), so load-relationships creates the source's afresh.
// param: iris list
// param: start_owned list
// param: end_owned list
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})-[r]-(:Resource)
WHERE (startNode(r) = n AND type(r) IN $start_owned)
   OR (endNode(r) = n AND type(r) IN $end_owned)
DELETE r
RETURN count(r) AS removed
