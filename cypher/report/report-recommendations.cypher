// name: report-recommendations
// Every recommendation within a report's scope, one row each: its review (title, kind,
// publication date), number and text, its key themes, practice standards and their quadrants, the
// agencies it is directed at, the agencies owning actions in response, how many actions and how
// many of them are done (completed or impact evidenced), whether it is SMART (as the analyst
// marked it), what the SMART check stored at load finds missing (smart_gaps: owner, timescale,
// measure, action), and why it needs attention (unmapped, no-agency, not-smart, smart-gaps,
// no-action), if it does. As things stood on $as_of
// (default: today): only reviews published by then count, and each action in the status it had
// that day, read as agency-accountability reads it: one completed after that day counts as in
// progress, a decision dated after it (the Actions sheet's "Status date") as the status before,
// and a decision with no status date as it stands today.
// for: analysts and the board: the appendix of a cross-review report
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then, each action's status on that day, overdue against it (default: today)
// returns: review, title, kind, published, recommendation, number, text, themes, standards, quadrants, agencies, owners, actions, done, smart, smart_gaps, attention
// example: theme=neglect
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
WITH r, rec,
     COLLECT { MATCH (rec)-[h:HAS_THEME]->(t:Theme)
               RETURN DISTINCT t.code AS code ORDER BY code } AS themes,
     COLLECT { MATCH (rec)-[m:MAPS_TO]->(s:Standard)
               RETURN DISTINCT s.code AS code
               ORDER BY toInteger(split(code, '.')[0]), toInteger(split(code, '.')[1]) }
       AS standards,
     COLLECT { MATCH (rec)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
               RETURN DISTINCT q.code AS code ORDER BY code } AS quadrants,
     COLLECT { MATCH (rec)-[:DIRECTED_AT]->(g:Agency) RETURN DISTINCT g.id AS id ORDER BY id }
       AS agencies,
     COLLECT { MATCH (rec)<-[:RESPONDS_TO]-(:Action)-[:OWNED_BY]->(g:Agency)
               RETURN DISTINCT g.id AS id ORDER BY id } AS owners,
     COLLECT { MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
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
RETURN r.id AS review, r.title AS title, r.kind AS kind, r.published AS published,
       rec.id AS recommendation, rec.number AS number, rec.text AS text, themes, standards,
       quadrants, agencies, owners, size(acts) AS actions,
       size([a IN acts WHERE a.status IN ['completed', 'impact-evidenced']]) AS done,
       coalesce(rec.smart, false) AS smart,
       coalesce(rec.smartGaps, []) AS smart_gaps,
       [reason IN [CASE WHEN size(themes) = 0 AND size(standards) = 0 THEN 'unmapped' END,
                   CASE WHEN size(agencies) = 0 THEN 'no-agency' END,
                   CASE WHEN NOT coalesce(rec.smart, false) THEN 'not-smart' END,
                   CASE WHEN size(coalesce(rec.smartGaps, [])) > 0 THEN 'smart-gaps' END,
                   CASE WHEN size(acts) = 0 THEN 'no-action' END] WHERE reason IS NOT NULL]
         AS attention
ORDER BY r.publishedAs, review, rec.numberOrder, recommendation
