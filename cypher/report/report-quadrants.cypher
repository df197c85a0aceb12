// name: report-quadrants
// Each quadrant of the framework within a report's scope: its guiding question, how many of its
// practice standards have learning, the recommendations mapped to its standards and the separate
// reviews they come from, and the actions responding to those recommendations: done (completed or
// impact evidenced), impact evidenced and overdue (open or in progress past their due date). As
// things stood on $as_of (default: today): only reviews published by then count, and each action
// in the status it had that day, read as agency-accountability reads it: one completed after that
// day counts as in progress, a decision dated after it (the Actions sheet's "Status date") as the
// status before, and a decision with no status date as it stands today. One row per quadrant; a
// recommendation mapped to standards in two quadrants counts under each, and so do its actions,
// so quadrant totals must not be added up.
// for: the SCR subgroup shaping high-level actions per quadrant, and the board
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then, each action's status on that day, overdue against it (default: today)
// returns: quadrant, label, question, standards, standards_with_learning, recommendations, reviews, actions, done, impact_evidenced, overdue
// example: partnership=adults
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
WITH scoped, coalesce(date($as_of), date()) AS as_of
MATCH (q:Quadrant)
OPTIONAL MATCH (q)<-[:IN_QUADRANT]-(s:Standard)
OPTIONAL MATCH (s)<-[m:MAPS_TO]-(rec:Recommendation)<-[:MADE]-(r:Review)
WHERE rec IN scoped
WITH q, as_of, count(DISTINCT s) AS standards, count(DISTINCT CASE WHEN rec IS NOT NULL THEN s END)
       AS standards_with_learning,
     collect(DISTINCT rec) AS recs, count(DISTINCT r) AS reviews
WITH q, as_of, standards, standards_with_learning, recs, reviews,
     COLLECT { UNWIND recs AS x MATCH (x)<-[:RESPONDS_TO]-(a:Action)
               RETURN DISTINCT {id: a.id,
                       // an action's status on as_of (the same words in every query that
                       // reads statuses as of a date)
                       status: CASE
                         WHEN a.status IN ['completed', 'impact-evidenced']
                              AND a.completed > as_of THEN 'in-progress'
                         WHEN a.status = 'impact-evidenced' AND a.statusDate > as_of
                              THEN 'completed'
                         WHEN a.status IN ['not-implemented', 'superseded']
                              AND a.statusDate > as_of THEN 'in-progress'
                         WHEN a.status = 'in-progress' AND a.statusDate > as_of THEN 'open'
                         ELSE a.status END,
                       due: a.due} } AS acts
RETURN q.code AS quadrant, q.label AS label, q.question AS question, standards,
       standards_with_learning, size(recs) AS recommendations, reviews, size(acts) AS actions,
       size([a IN acts WHERE a.status IN ['completed', 'impact-evidenced']]) AS done,
       size([a IN acts WHERE a.status = 'impact-evidenced']) AS impact_evidenced,
       size([a IN acts WHERE a.status IN ['open', 'in-progress'] AND a.due < as_of]) AS overdue
ORDER BY quadrant
