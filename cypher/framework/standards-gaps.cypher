// name: standards-gaps
// Which practice standards no recommendation maps to yet: gaps in the learning (or in the
// coding), with each standard's quadrant, outcome and the key themes it speaks to. One row per
// standard; the rows can be counted.
// for: business managers and the board checking the framework against the reviews
// param: partnership_type string default=null choices=children|adults|community-safety|national -- consider only reviews commissioned by this type of partnership
// returns: standard, label, quadrant, outcome, themes
MATCH (s:Standard)
WHERE NOT EXISTS {
  MATCH (s)<-[m:MAPS_TO]-(:Recommendation)<-[:MADE]-(r:Review)
    WHERE ($partnership_type IS NULL
         OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) })
}
OPTIONAL MATCH (s)-[:IN_QUADRANT]->(q:Quadrant)
RETURN s.code AS standard, s.label AS label, q.code AS quadrant, s.outcome AS outcome,
       COLLECT {
         MATCH (s)-[:SPEAKS_TO]->(t:Theme) RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes
ORDER BY toInteger(split(standard, '.')[0]), toInteger(split(standard, '.')[1]), standard
