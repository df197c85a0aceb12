// name: quadrant-pairs
// Which quadrants of the framework one recommendation most often links: every pair of
// quadrants with the number of recommendations whose standards sit in both, and the first
// $max_ids of their ids in id order (recommendations counts them all; max_ids=0 lists every
// id). One row per pair; do not add up recommendations across pairs (a recommendation
// reaching three quadrants is in three pairs).
// for: analysts and the SCR subgroup looking at how the quadrants interlink in practice
// param: min_count integer default=1 -- fewest linking recommendations for a pair to be listed
// param: max_ids integer default=20 -- the most recommendation ids to list per pair, lowest first; 0 or less lists every one
// returns: quadrant_a, label_a, quadrant_b, label_b, recommendations, recommendation_ids
MATCH (rec:Recommendation)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
WITH rec, collect(DISTINCT q) AS quadrants
UNWIND quadrants AS a
UNWIND quadrants AS b
WITH rec, a, b
WHERE a.code < b.code
WITH a, b, rec ORDER BY rec.id
WITH a, b, collect(rec.id) AS ids
WHERE size(ids) >= $min_count
RETURN a.code AS quadrant_a, a.label AS label_a, b.code AS quadrant_b, b.label AS label_b,
       size(ids) AS recommendations,
       CASE WHEN $max_ids > 0 THEN ids[..$max_ids] ELSE ids END AS recommendation_ids
ORDER BY recommendations DESC, quadrant_a, quadrant_b
