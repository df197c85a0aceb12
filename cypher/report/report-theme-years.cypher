// name: report-theme-years
// How often each key theme was raised, year by year of publication, within a report's scope:
// the separate reviews and recommendations raising it that year, the reviews published that
// year, and the theme's share of them (percent of that year's reviews that raise it).
// for: analysts and the board looking at trends
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: theme, label, year, reviews, recommendations, reviews_that_year, pct_of_reviews
// example: partnership=NSCP
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
WITH r, rec, coalesce(r.year, r.published.year) AS year
WITH collect(DISTINCT {review: r.id, year: year}) AS yearly,
     collect({review: r, rec: rec, year: year}) AS scoped
UNWIND scoped AS s
WITH yearly, s.review AS r, s.rec AS rec, s.year AS year
MATCH (rec)-[h:HAS_THEME]->(t:Theme)
WITH yearly, t, year, count(DISTINCT r) AS reviews, count(DISTINCT rec) AS recommendations
WITH t, year, reviews, recommendations, size([x IN yearly WHERE x.year = year]) AS reviews_that_year
RETURN t.code AS theme, t.label AS label, year, reviews, recommendations, reviews_that_year,
       round(100.0 * reviews / reviews_that_year, 1) AS pct_of_reviews
ORDER BY theme, year
