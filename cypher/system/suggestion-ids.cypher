// name: suggestion-ids
// The recommendations that have suggestions awaiting a decision, with the codes suggested,
// for the "did you mean" of 'scrgraph suggestions accept' and 'reject'.
// returns: recommendation, codes
MATCH (rec:Recommendation)-[:SUGGESTS_THEME|SUGGESTS_STANDARD]->(c)
RETURN rec.id AS recommendation, collect(c.code) AS codes
ORDER BY recommendation
