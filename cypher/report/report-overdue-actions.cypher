// name: report-overdue-actions
// Which actions were overdue within a report's scope: open or in progress on that day with a due
// date before it, one row per action with its owner, the recommendation and review it responds
// to, its status that day, how many days overdue it was, and any barriers recorded. As things
// stood on $as_of (default: today): only reviews published by then count, and each action in the
// status it had that day, read as agency-accountability reads it: one completed after that day
// counts as in progress, a decision dated after it (the Actions sheet's "Status date") as the
// status before, and a decision with no status date as it stands today. The rows can be counted.
// for: the board and its monitoring and evaluation officer chasing late actions
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then, each action's status on that day, overdue against it (default: today)
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
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
WITH DISTINCT r, rec, coalesce(date($as_of), date()) AS as_of
MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
WHERE a.due < as_of
WITH r, rec, as_of, a,
     // an action's status on as_of (the same words in every query that
     // reads statuses as of a date)
     CASE
       WHEN a.status IN ['completed', 'impact-evidenced']
            AND a.completed > as_of THEN 'in-progress'
       WHEN a.status = 'impact-evidenced' AND a.statusDate > as_of
            THEN 'completed'
       WHEN a.status IN ['not-implemented', 'superseded']
            AND a.statusDate > as_of THEN 'in-progress'
       WHEN a.status = 'in-progress' AND a.statusDate > as_of THEN 'open'
       ELSE a.status END AS status
WHERE status IN ['open', 'in-progress']
OPTIONAL MATCH (a)-[:OWNED_BY]->(g:Agency)
RETURN g.id AS agency, g.name AS name, a.id AS action, a.text AS text, status,
       a.due AS due, duration.inDays(a.due, as_of).days AS days_overdue,
       a.barriers AS barriers, rec.id AS recommendation, r.id AS review
ORDER BY days_overdue DESC, agency, action
