// name: cross-quadrant-recommendations
// Which recommendations reach across the framework: those whose practice standards sit in at
// least $min_quadrants different quadrants, with the quadrants, standards and key themes. One
// row per recommendation; mapped_recommendations, the same on every row, is how many
// recommendations are coded to any practice standard: the denominator for the share that
// crosses quadrants (unmapped recommendations cannot cross anything). Those spanning most
// quadrants first, then by review and number, a page of $limit rows at a time: the next page
// starts at skip=$skip+$limit.
// for: analysts and the SCR subgroup shaping high-level actions per quadrant
// param: min_quadrants integer default=2 -- fewest different quadrants the standards must span
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: review, recommendation, number, text, quadrants, standards, themes, mapped_recommendations
CALL () {
  MATCH (:Standard)<-[m:MAPS_TO]-(mapped:Recommendation)
  RETURN count(DISTINCT mapped) AS mapped_recommendations
}
// Each recommendation's quadrants are counted from the standards (its review found only for
// those that qualify), the page is cut, and only its rows are read in full (text, codes).
MATCH (q:Quadrant)<-[:IN_QUADRANT]-(:Standard)<-[m:MAPS_TO]-(rec:Recommendation)
WITH mapped_recommendations, rec, count(DISTINCT q) AS spanned
WHERE spanned >= $min_quadrants
MATCH (r:Review)-[:MADE]->(rec)
WITH mapped_recommendations, r.id AS review, rec, spanned
ORDER BY spanned DESC, review, rec.numberOrder, rec.id
SKIP $skip
LIMIT $limit
RETURN review, rec.id AS recommendation, rec.number AS number, rec.text AS text,
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
