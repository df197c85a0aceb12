// name: repeated-recommendations
// Where the same agency has been asked for substantially the same thing by different reviews:
// pairs of recommendations from different reviews, directed at one or more of the same
// agencies, sharing at least one key theme and one practice standard, whose texts overlap
// (Jaccard similarity of their sets of lower-cased words longer than three letters) by at
// least $min_similarity. One row per pair, earlier review first, with every agency both are
// directed at; rows can be counted as repeats, but a recommendation can be in several pairs.
// for: the board and the business manager, before accepting another similar recommendation
// param: min_similarity float default=0.5 -- least word overlap (0 to 1) for a pair to be listed; on the sample data 0.5 keeps every known repeat and little else
// returns: agencies, earlier_review, earlier_recommendation, earlier_text, later_review, later_recommendation, later_text, shared_themes, shared_standards, similarity
MATCH (r1:Review)-[:MADE]->(a:Recommendation)-[:DIRECTED_AT]->(agency:Agency)
      <-[:DIRECTED_AT]-(b:Recommendation)<-[:MADE]-(r2:Review)
WHERE r1 <> r2
  AND (r1.published < r2.published OR (r1.published = r2.published AND r1.id < r2.id))
WITH r1, a, b, r2, agency ORDER BY agency.id
WITH r1, a, b, r2, collect(agency.id) AS agencies
WITH r1, a, agencies, b, r2,
     COLLECT {
       MATCH (a)-[h1:HAS_THEME]->(t:Theme)<-[h2:HAS_THEME]-(b)
       RETURN DISTINCT t.code AS code ORDER BY code
     } AS shared_themes,
     COLLECT {
       MATCH (a)-[m1:MAPS_TO]->(s:Standard)<-[m2:MAPS_TO]-(b)
       RETURN DISTINCT s.code AS code ORDER BY code
     } AS shared_standards
WHERE size(shared_themes) > 0 AND size(shared_standards) > 0
WITH r1, a, agencies, b, r2, shared_themes, shared_standards,
     [w IN split(toLower(a.text), [' ', '\t', '\n', ',', '.', ';', ':', '(', ')', '!', '?', '"', '\'', '/'])
      WHERE size(w) > 3] AS words_a,
     [w IN split(toLower(b.text), [' ', '\t', '\n', ',', '.', ';', ':', '(', ')', '!', '?', '"', '\'', '/'])
      WHERE size(w) > 3] AS words_b
WITH r1, a, agencies, b, r2, shared_themes, shared_standards,
     reduce(s = [], w IN words_a | CASE WHEN w IN s THEN s ELSE s + w END) AS set_a,
     reduce(s = [], w IN words_b | CASE WHEN w IN s THEN s ELSE s + w END) AS set_b
WITH r1, a, agencies, b, r2, shared_themes, shared_standards,
     size([w IN set_a WHERE w IN set_b]) AS common,
     size(set_a) + size(set_b) - size([w IN set_a WHERE w IN set_b]) AS together
WITH r1, a, agencies, b, r2, shared_themes, shared_standards,
     CASE WHEN together = 0 THEN 0.0 ELSE toFloat(common) / together END AS similarity
WHERE similarity >= $min_similarity
RETURN agencies, r1.id AS earlier_review, a.id AS earlier_recommendation,
       a.text AS earlier_text, r2.id AS later_review, b.id AS later_recommendation,
       b.text AS later_text, shared_themes, shared_standards,
       round(similarity, 3) AS similarity
ORDER BY similarity DESC, earlier_recommendation, later_recommendation
