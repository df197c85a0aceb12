// name: load-unlink
// Removes the relationships that changed items own, before they are written again
// (ownership as in load-existing).
// param: iris list
// param: start_owned list
// param: end_owned list
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})-[r]-(:Resource)
WHERE (startNode(r) = n AND type(r) IN $start_owned)
   OR (endNode(r) = n AND type(r) IN $end_owned)
DELETE r
RETURN count(r) AS removed
