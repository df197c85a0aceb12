// name: report-theme-pairs
// Which key themes travel together within a report's scope: pairs of themes raised by the same
// reviews, with how many separate reviews raise both and how many single recommendations are
// coded to both, kept when at least $min_reviews reviews raise both.
// for: analysts and the SCR subgroup deciding which themes to tackle together
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: min_reviews integer default=2 -- fewest reviews raising both themes for a pair to be listed
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: theme_a, label_a, theme_b, label_b, reviews, recommendations
// example: min_reviews=4
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
WITH r, rec, collect(DISTINCT t) AS themes
// Per review: the themes of each recommendation in scope, and the review's themes.
WITH r, collect(themes) AS coded
WITH coded, reduce(s = [], c IN coded | s + [t IN c WHERE NOT t IN s]) AS themes
UNWIND themes AS a
UNWIND themes AS b
WITH a, b, coded
WHERE a.code < b.code
// One row per review raising both: count them, and add up its recommendations coded to both
// (each recommendation is made by one review, so the sum counts each once).
WITH a, b, count(*) AS reviews,
     sum(size([c IN coded WHERE a IN c AND b IN c])) AS recommendations
WHERE reviews >= $min_reviews
RETURN a.code AS theme_a, a.label AS label_a, b.code AS theme_b, b.label AS label_b,
       reviews, recommendations
ORDER BY reviews DESC, recommendations DESC, theme_a, theme_b
