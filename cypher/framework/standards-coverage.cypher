// name: standards-coverage
// How well the 23 practice standards are covered by the learning: for every standard, the
// recommendations and separate reviews that map to it, zeros included. One row per standard;
// do not add up across standards (a recommendation maps to several).
// for: business managers and the board checking the framework against the reviews
// param: partnership_type string default=null choices=children|adults|community-safety|national -- count only reviews commissioned by this type of partnership
// returns: standard, label, quadrant, recommendations, reviews
MATCH (s:Standard)
OPTIONAL MATCH (s)-[:IN_QUADRANT]->(q:Quadrant)
OPTIONAL MATCH (s)<-[m:MAPS_TO]-(rec:Recommendation)<-[:MADE]-(r:Review)
  WHERE ($partnership_type IS NULL
       OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) })
WITH s, q, count(DISTINCT rec) AS recommendations, count(DISTINCT r) AS reviews
RETURN s.code AS standard, s.label AS label, q.code AS quadrant, recommendations, reviews
ORDER BY toInteger(split(standard, '.')[0]), toInteger(split(standard, '.')[1]), standard
