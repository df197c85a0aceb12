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
MATCH (t:Theme)
OPTIONAL MATCH (t)<-[h:HAS_THEME]-(rec:Recommendation)<-[:MADE]-(r:Review)
WHERE rec IN scoped
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership)
WITH t, collect(DISTINCT rec) AS recs, collect(DISTINCT r) AS reviewed,
     collect(DISTINCT {review: r.id, type: p.type}) AS raised
WITH t, recs, reviewed, [x IN raised WHERE x.review IS NOT NULL] AS raised,
     [x IN reviewed WHERE coalesce(x.year, x.published.year) IS NOT NULL
        | coalesce(x.year, x.published.year)] AS years
RETURN t.code AS theme, t.label AS label, coalesce(t.scope, 'framework') AS scope,
       t.kind AS theme_kind, size(reviewed) AS reviews,
       size([x IN raised WHERE x.type = 'children']) AS children_reviews,
       size([x IN raised WHERE x.type = 'adults']) AS adults_reviews,
       size([x IN raised WHERE x.type = 'community-safety']) AS community_safety_reviews,
       size([x IN raised WHERE x.type = 'national']) AS national_reviews,
       size([x IN reviewed WHERE x.kind = 'SCR']) AS SCR,
       size([x IN reviewed WHERE x.kind = 'LCSPR']) AS LCSPR,
       size([x IN reviewed WHERE x.kind = 'SAR']) AS SAR,
       size([x IN reviewed WHERE x.kind = 'DHR']) AS DHR,
       size([x IN reviewed WHERE x.kind = 'THEMATIC']) AS THEMATIC,
       size([x IN reviewed WHERE x.kind = 'NATIONAL']) AS NATIONAL,
       size(recs) AS recommendations,
       size(COLLECT { UNWIND recs AS x MATCH (x)-[:DIRECTED_AT]->(g:Agency) RETURN DISTINCT g })
         AS agencies,
       reduce(m = null, y IN years | CASE WHEN m IS NULL OR y < m THEN y ELSE m END)
         AS first_year,
       reduce(m = null, y IN years | CASE WHEN m IS NULL OR y > m THEN y ELSE m END)
         AS last_year
ORDER BY scope = 'local', reviews DESC, recommendations DESC, theme
