// name: report-standards
// How well each of the 23 practice standards is covered within a report's scope, zeros
// included: its quadrant, its outcome, the recommendations mapped to it and the separate
// reviews they come from. A standard with none is a gap in the learning (or in the coding).
// for: business managers and the board checking the framework against the reviews
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: quadrant, standard, label, outcome, recommendations, reviews
// example: kind=DHR
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
WITH collect(DISTINCT rec) AS scoped
MATCH (s:Standard)
OPTIONAL MATCH (s)-[:IN_QUADRANT]->(q:Quadrant)
OPTIONAL MATCH (s)<-[m:MAPS_TO]-(rec:Recommendation)<-[:MADE]-(r:Review)
WHERE rec IN scoped
WITH s, q, count(DISTINCT rec) AS recommendations, count(DISTINCT r) AS reviews
RETURN q.code AS quadrant, s.code AS standard, s.label AS label, s.outcome AS outcome,
       recommendations, reviews
ORDER BY toInteger(split(standard, '.')[0]), toInteger(split(standard, '.')[1]), standard
