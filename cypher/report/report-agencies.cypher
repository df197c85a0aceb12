// name: report-agencies
// Where each agency stood, within a report's scope: the recommendations directed at it, the
// actions it owns that respond to recommendations in scope, by status (done means completed or
// impact evidenced), those overdue (open or in progress past their due date), those done after
// their due date, those with barriers recorded, and the recommendations directed at it with no
// action that it owns. As things stood on $as_of (default: today): only reviews published by then
// count, and each action in the status it had that day, read as agency-accountability reads it:
// one completed after that day counts as in progress, a decision dated after it (the Actions
// sheet's "Status date") as the status before, and a decision with no status date as it stands
// today. One row per agency (agencies with none of these are left out); the action columns can be
// added up across agencies, recommendations and recommendations_without_action cannot (a
// recommendation directed at several agencies counts under each).
// for: the board and its monitoring and evaluation officer holding agencies to account
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then, each action's status on that day, overdue against it (default: today)
// returns: agency, name, sector, recommendations, actions, open, in_progress, completed, impact_evidenced, not_implemented, superseded, done, overdue, completed_late, with_barriers, recommendations_without_action
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
// Each recommendation in scope once, then from it to its agencies: the ones it is directed at
// (and whether the agency owns an action on it) and the owners of the actions on it; never a
// scan of every recommendation for each agency.
WITH DISTINCT rec
WITH rec, coalesce(date($as_of), date()) AS as_of
CALL (rec, as_of) {
  MATCH (rec)-[:DIRECTED_AT]->(g:Agency)
  RETURN g, rec AS directed,
         NOT EXISTS { (rec)<-[:RESPONDS_TO]-(:Action)-[:OWNED_BY]->(g) } AS without_action,
         null AS act
  UNION
  MATCH (rec)<-[:RESPONDS_TO]-(a:Action)-[:OWNED_BY]->(g:Agency)
  RETURN g, null AS directed, null AS without_action,
         {id: a.id,
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
          due: a.due, completed: a.completed, barriers: a.barriers} AS act
}
WITH g, as_of, count(DISTINCT directed) AS directed,
     count(DISTINCT CASE WHEN without_action THEN directed END) AS without_action,
     collect(DISTINCT act) AS acts
RETURN g.id AS agency, g.name AS name, g.sector AS sector, directed AS recommendations,
       size(acts) AS actions,
       size([a IN acts WHERE a.status = 'open']) AS open,
       size([a IN acts WHERE a.status = 'in-progress']) AS in_progress,
       size([a IN acts WHERE a.status = 'completed']) AS completed,
       size([a IN acts WHERE a.status = 'impact-evidenced']) AS impact_evidenced,
       size([a IN acts WHERE a.status = 'not-implemented']) AS not_implemented,
       size([a IN acts WHERE a.status = 'superseded']) AS superseded,
       size([a IN acts WHERE a.status IN ['completed', 'impact-evidenced']]) AS done,
       size([a IN acts WHERE a.status IN ['open', 'in-progress'] AND a.due < as_of]) AS overdue,
       size([a IN acts WHERE a.status IN ['completed', 'impact-evidenced']
                             AND a.completed > a.due]) AS completed_late,
       size([a IN acts WHERE trim(coalesce(a.barriers, '')) <> '']) AS with_barriers,
       without_action AS recommendations_without_action
ORDER BY overdue DESC, recommendations_without_action DESC, actions DESC, agency
