// name: cross-quadrant-recommendations
// Which recommendations reach across the framework: those whose practice standards sit in at
// least $min_quadrants different quadrants, with the quadrants, standards and key themes. One
// row per recommendation; mapped_recommendations, the same on every row, is how many
// recommendations are coded to any practice standard: the denominator for the share that
// crosses quadrants (unmapped recommendations cannot cross anything).
// for: analysts and the SCR subgroup shaping high-level actions per quadrant
// param: min_quadrants integer default=2 -- fewest different quadrants the standards must span
// returns: review, recommendation, number, text, quadrants, standards, themes, mapped_recommendations
CALL () {
  MATCH (mapped:Recommendation)
  WHERE EXISTS { (mapped)-[m:MAPS_TO]->(:Standard) }
  RETURN count(mapped) AS mapped_recommendations
}
MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
WITH mapped_recommendations, r, rec, count(DISTINCT q) AS spanned
WHERE spanned >= $min_quadrants
RETURN r.id AS review, rec.id AS recommendation, rec.number AS number, rec.text AS text,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
         RETURN DISTINCT q.code AS code ORDER BY code
       } AS quadrants,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(s:Standard)
         RETURN DISTINCT s.code AS code ORDER BY code
       } AS standards,
       COLLECT {
         MATCH (rec)-[h:HAS_THEME]->(t:Theme)
         RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes,
       mapped_recommendations
ORDER BY spanned DESC, review, rec.numberOrder, recommendation
