// name: report-theme-reviews
// Which review raised which key theme, within a report's scope: one row per theme and review
// with the number of that review's recommendations coded to the theme (pairs with none are
// left out). The cells of the theme by review heat map.
// for: analysts and the board seeing at a glance where each theme came from
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: theme, label, review, title, kind, published, recommendations
// example: kind=SAR,DHR
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
MATCH (rec)-[h:HAS_THEME]->(t:Theme)
WITH t, r, count(DISTINCT rec) AS recommendations
RETURN t.code AS theme, t.label AS label, r.id AS review, r.title AS title, r.kind AS kind,
       r.published AS published, recommendations
ORDER BY theme, r.publishedAs, review
