// name: report-overdue-actions
// Which actions are overdue within a report's scope: open or in progress with a due date before
// $as_of, one row per action with its owner, the recommendation and review it responds to,
// how many days overdue it is, and any barriers recorded.
// for: the board and its monitoring and evaluation officer chasing late actions
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- the date against which actions are overdue (default: today)
// returns: agency, name, action, text, status, due, days_overdue, barriers, recommendation, review
// example: as_of=2026-11-28
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
WITH DISTINCT r, rec, coalesce(date($as_of), date()) AS as_of
MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
WHERE a.status IN ['open', 'in-progress'] AND a.due < as_of
OPTIONAL MATCH (a)-[:OWNED_BY]->(g:Agency)
RETURN g.id AS agency, g.name AS name, a.id AS action, a.text AS text, a.status AS status,
       a.due AS due, duration.inDays(a.due, as_of).days AS days_overdue,
       a.barriers AS barriers, rec.id AS recommendation, r.id AS review
ORDER BY days_overdue DESC, agency, action
