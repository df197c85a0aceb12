// name: report-quadrant-links
// Which quadrants the learning links, within a report's scope: every pair of quadrants with the
// recommendations whose practice standards sit in both, and the separate reviews they come
// from. A recommendation reaching three quadrants counts in three pairs.
// for: the SCR subgroup and the board seeing how the quadrants interlink in practice
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: quadrant_a, label_a, quadrant_b, label_b, recommendations, reviews
// example: partnership=children
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
MATCH (rec)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
WITH r, rec, collect(DISTINCT q) AS quadrants
UNWIND quadrants AS a
UNWIND quadrants AS b
WITH r, rec, a, b
WHERE a.code < b.code
WITH a, b, count(DISTINCT rec) AS recommendations, count(DISTINCT r) AS reviews
RETURN a.code AS quadrant_a, a.label AS label_a, b.code AS quadrant_b, b.label AS label_b,
       recommendations, reviews
ORDER BY recommendations DESC, quadrant_a, quadrant_b
