// name: report-themes
// Each of the 13 key themes within a report's scope (zeros included): the separate reviews
// raising it, by type of commissioning partnership and by kind of review, the recommendations
// coded to it, the agencies those recommendations are directed at, and the first and last year
// it was raised. A recommendation coded to two themes counts under each; a joint review counts
// once in reviews and under each type of partnership that commissioned it. Local themes a
// partnership declared beside the 13 are rows of their own (scope local), never one of the 13,
// listed after them.
// for: business managers and analysts writing a cross-review report for the board
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: theme, label, scope, theme_kind, reviews, children_reviews, adults_reviews, community_safety_reviews, national_reviews, SCR, LCSPR, SAR, DHR, THEMATIC, NATIONAL, recommendations, agencies, first_year, last_year
// example: from_year=2018
MATCH (t:Theme)
// Each theme's recommendations in scope, found from the theme (a list of every recommendation
// in scope, tested for each coding, cost more than the counting at national size).
OPTIONAL MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:MADE]-(r:Review)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
// Review by review first: each review's partnerships and kind are read once, not once for
// each of its recommendations on the theme.
WITH t, r, collect(DISTINCT rec) AS recs
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership)
WITH t, r, recs, collect(DISTINCT p.type) AS types
WITH t, count(r) AS reviews, sum(size(recs)) AS recommendations, collect(recs) AS by_review,
     sum(CASE WHEN 'children' IN types THEN 1 ELSE 0 END) AS children_reviews,
     sum(CASE WHEN 'adults' IN types THEN 1 ELSE 0 END) AS adults_reviews,
     sum(CASE WHEN 'community-safety' IN types THEN 1 ELSE 0 END) AS community_safety_reviews,
     sum(CASE WHEN 'national' IN types THEN 1 ELSE 0 END) AS national_reviews,
     sum(CASE WHEN r.kind = 'SCR' THEN 1 ELSE 0 END) AS SCR,
     sum(CASE WHEN r.kind = 'LCSPR' THEN 1 ELSE 0 END) AS LCSPR,
     sum(CASE WHEN r.kind = 'SAR' THEN 1 ELSE 0 END) AS SAR,
     sum(CASE WHEN r.kind = 'DHR' THEN 1 ELSE 0 END) AS DHR,
     sum(CASE WHEN r.kind = 'THEMATIC' THEN 1 ELSE 0 END) AS THEMATIC,
     sum(CASE WHEN r.kind = 'NATIONAL' THEN 1 ELSE 0 END) AS NATIONAL,
     min(coalesce(r.year, r.published.year)) AS first_year,
     max(coalesce(r.year, r.published.year)) AS last_year
RETURN t.code AS theme, t.label AS label, coalesce(t.scope, 'framework') AS scope,
       t.kind AS theme_kind, reviews, children_reviews, adults_reviews,
       community_safety_reviews, national_reviews,
       SCR, LCSPR, SAR, DHR, THEMATIC, NATIONAL, recommendations,
       size(COLLECT { UNWIND by_review AS recs UNWIND recs AS x
                      MATCH (x)-[:DIRECTED_AT]->(g:Agency) RETURN DISTINCT g }) AS agencies,
       first_year, last_year
ORDER BY scope = 'local', reviews DESC, recommendations DESC, theme
