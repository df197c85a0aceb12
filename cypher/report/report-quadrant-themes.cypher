// name: report-quadrant-themes
// The learning mapped to each quadrant, by key theme, within a report's scope: for each quadrant
// and theme, the recommendations that map to the quadrant's standards and are coded to the
// theme, and the separate reviews they come from (pairs with none are left out).
// for: the SCR subgroup and the board reading one quadrant's learning
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: quadrant, theme, label, recommendations, reviews
// example: from_year=2020
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
MATCH (rec)-[h:HAS_THEME]->(t:Theme)
WITH q, t, count(DISTINCT rec) AS recommendations, count(DISTINCT r) AS reviews
RETURN q.code AS quadrant, t.code AS theme, t.label AS label, recommendations, reviews
ORDER BY quadrant, recommendations DESC, reviews DESC, theme
