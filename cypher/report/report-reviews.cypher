// name: report-reviews
// The reviews within a report's scope, in order of publication: title, kind, commissioning
// partnership and its type, publication date, summary, and how many of the review's
// recommendations are in scope (with --theme, those coded to the theme) and their actions.
// A joint review's partnerships (their IDs, names and types) are joined with ';'.
// for: analysts and the board: which reviews a report or briefing draws on
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: review, title, kind, partnership, partnership_type, published, summary, recommendations, actions
// example: theme=domestic-abuse
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
WITH r, collect(DISTINCT rec) AS recs
WITH *, COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(x:Partnership) RETURN x ORDER BY x.id } AS ps
WITH *, CASE WHEN size(ps) = 0 THEN null ELSE
          {id: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.id),
           name: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE '; ' END + x.name),
           type: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.type)}
        END AS p
RETURN r.id AS review, r.title AS title, r.kind AS kind, p.id AS partnership,
       p.type AS partnership_type, r.published AS published, r.summary AS summary,
       size(recs) AS recommendations,
       size(COLLECT { UNWIND recs AS x MATCH (x)<-[:RESPONDS_TO]-(a:Action) RETURN DISTINCT a })
         AS actions
ORDER BY r.publishedAs, review
