// name: suggestion-ids
// The recommendations that have suggestions awaiting a decision, with the codes suggested:
// one recommendation's, or (with none given) all of them, for the "did you mean" of
// 'scrgraph suggestions accept' and 'reject'.
// param: recommendation string default=null -- the recommendation's ID (all when not given)
// returns: recommendation, codes
MATCH (rec:Recommendation)-[:SUGGESTS_THEME|SUGGESTS_STANDARD]->(c)
WHERE $recommendation IS NULL OR rec.id = $recommendation
RETURN rec.id AS recommendation, collect(c.code) AS codes
ORDER BY recommendation
