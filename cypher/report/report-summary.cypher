// name: report-summary
// The scope of a theme report in one row: how many reviews (by kind and by type of partnership),
// recommendations and the actions responding to them, when the reviews were published, and the
// headline counts of accountability and gaps: actions overdue (open or in progress past their due
// date), done (completed or impact evidenced), impact evidenced, recommendations without any
// action, not SMART (as the analyst marked it), missing something the SMART check stored at
// load looks for (smart_gaps: see report-smart-gaps for which), not mapped to the framework,
// reaching two or more quadrants, and practice standards no recommendation in scope maps to. As things stood on $as_of (default: today): only
// reviews published by then count, and each action in the status it had that day, read as
// agency-accountability reads it: one completed after that day counts as in progress, a decision
// dated after it (the Actions sheet's "Status date") as the status before, and a decision with no
// status date as it stands today. Only codings count (suggestions are not). A joint review counts
// once in reviews but under each of its partnerships' types, so the type columns add up to
// reviews only when no review is joint.
// for: business managers and analysts writing a cross-review report for the board
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then, each action's status on that day, overdue against it (default: today)
// returns: reviews, first_published, last_published, SCR, LCSPR, SAR, DHR, THEMATIC, NATIONAL, children_reviews, adults_reviews, community_safety_reviews, national_reviews, recommendations, agencies, actions, overdue, done, impact_evidenced, recommendations_without_action, not_smart, smart_gaps, unmapped, cross_quadrant, standards_without_learning, as_of
// example: partnership=children
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
WITH collect(DISTINCT r) AS reviews, collect(DISTINCT rec) AS recs
WITH reviews, recs, coalesce(date($as_of), date()) AS as_of
WITH reviews, recs, as_of,
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
                       due: a.due} } AS acts,
     COLLECT { UNWIND reviews AS x MATCH (x)-[:COMMISSIONED_BY]->(p:Partnership)
               RETURN {review: x.id, type: p.type} } AS commissioned
RETURN size(reviews) AS reviews,
       reduce(m = null, x IN reviews | CASE WHEN m IS NULL OR x.published < m
                                          THEN x.published ELSE m END) AS first_published,
       reduce(m = null, x IN reviews | CASE WHEN m IS NULL OR x.published > m
                                          THEN x.published ELSE m END) AS last_published,
       size([x IN reviews WHERE x.kind = 'SCR']) AS SCR,
       size([x IN reviews WHERE x.kind = 'LCSPR']) AS LCSPR,
       size([x IN reviews WHERE x.kind = 'SAR']) AS SAR,
       size([x IN reviews WHERE x.kind = 'DHR']) AS DHR,
       size([x IN reviews WHERE x.kind = 'THEMATIC']) AS THEMATIC,
       size([x IN reviews WHERE x.kind = 'NATIONAL']) AS NATIONAL,
       size([x IN commissioned WHERE x.type = 'children']) AS children_reviews,
       size([x IN commissioned WHERE x.type = 'adults']) AS adults_reviews,
       size([x IN commissioned WHERE x.type = 'community-safety']) AS community_safety_reviews,
       size([x IN commissioned WHERE x.type = 'national']) AS national_reviews,
       size(recs) AS recommendations,
       size(COLLECT { UNWIND recs AS x MATCH (x)-[:DIRECTED_AT]->(g:Agency) RETURN DISTINCT g })
         AS agencies,
       size(acts) AS actions,
       size([a IN acts WHERE a.status IN ['open', 'in-progress'] AND a.due < as_of]) AS overdue,
       size([a IN acts WHERE a.status IN ['completed', 'impact-evidenced']]) AS done,
       size([a IN acts WHERE a.status = 'impact-evidenced']) AS impact_evidenced,
       size([x IN recs WHERE NOT EXISTS { (x)<-[:RESPONDS_TO]-(:Action) }])
         AS recommendations_without_action,
       size([x IN recs WHERE NOT coalesce(x.smart, false)]) AS not_smart,
       size([x IN recs WHERE size(coalesce(x.smartGaps, [])) > 0]) AS smart_gaps,
       size([x IN recs WHERE
             NOT EXISTS { (x)-[h:HAS_THEME]->(:Theme) }
             AND NOT EXISTS { (x)-[m:MAPS_TO]->(:Standard) }])
         AS unmapped,
       size([x IN recs WHERE COUNT {
               MATCH (x)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
               RETURN DISTINCT q } >= 2]) AS cross_quadrant,
       COUNT { MATCH (s:Standard) WHERE NOT EXISTS {
                 MATCH (s)<-[m:MAPS_TO]-(x:Recommendation)
                 WHERE x IN recs } } AS standards_without_learning,
       as_of
ORDER BY reviews
