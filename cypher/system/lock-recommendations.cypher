// name: lock-recommendations
// Takes the write lock of each recommendation named, in the caller's write transaction and
// changing nothing, so that a load and an analyst's decision on a suggested code for the same
// recommendation (suggestion-accept, suggestion-reject) run one after the other.
// param: iris list -- the recommendations' IRIs
// returns: locked
UNWIND $iris AS iri
MATCH (rec:Resource {iri: iri}) WHERE rec:Recommendation
SET rec.scrgraphLock = true
REMOVE rec.scrgraphLock
RETURN count(rec) AS locked
