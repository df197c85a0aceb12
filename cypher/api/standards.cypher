// name: standards
// The 23 practice standards in framework order, each with its quadrant, outcome, the key
// themes it speaks to and the recommendations that map to it; or one standard by its code. The
// web service's lists and pages of standards.
// for: the web service, and anyone browsing the graph
// param: code string default=null -- only the standard with this code (e.g. 2.1)
// param: quadrant string default=null choices=1|2|3|4 -- only the standards in this quadrant
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: code, label, outcome, quadrant, quadrant_label, themes, recommendations
// example: quadrant=4
MATCH (s:Standard)
OPTIONAL MATCH (s)-[:IN_QUADRANT]->(q:Quadrant)
WITH s, q
WHERE ($code IS NULL OR s.code = $code) AND ($quadrant IS NULL OR q.code = $quadrant)
RETURN s.code AS code, s.label AS label, s.outcome AS outcome, q.code AS quadrant,
       q.label AS quadrant_label,
       COLLECT {
         MATCH (s)-[:SPEAKS_TO]->(t:Theme) RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes,
       COLLECT {
         MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[m:MAPS_TO]->(s)
         RETURN DISTINCT {id: rec.id, review: r.id} AS item ORDER BY item.id
       } AS recommendations
ORDER BY toInteger(split(code, '.')[0]), toInteger(split(code, '.')[1]), code SKIP $skip
LIMIT $limit
