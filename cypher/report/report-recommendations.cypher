// name: report-recommendations
// Every recommendation within a report's scope, one row each: its review (title, kind,
// publication date), number and text, its key themes, practice standards and their quadrants,
// the agencies it is directed at, the agencies owning actions in response, how many actions
// and how many of them are done (completed or impact evidenced), whether it is SMART, and why
// it needs attention (unmapped, no-agency, not-smart, no-action), if it does.
// for: analysts and the board: the appendix of a cross-review report
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// returns: review, title, kind, published, recommendation, number, text, themes, standards, quadrants, agencies, owners, actions, done, smart, attention
// example: theme=neglect
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
WITH DISTINCT r, rec
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
     COLLECT { MATCH (rec)<-[:RESPONDS_TO]-(a:Action) RETURN DISTINCT a } AS acts
RETURN r.id AS review, r.title AS title, r.kind AS kind, r.published AS published,
       rec.id AS recommendation, rec.number AS number, rec.text AS text, themes, standards,
       quadrants, agencies, owners, size(acts) AS actions,
       size([a IN acts WHERE a.status IN ['completed', 'impact-evidenced']]) AS done,
       coalesce(rec.smart, false) AS smart,
       [reason IN [CASE WHEN size(themes) = 0 AND size(standards) = 0 THEN 'unmapped' END,
                   CASE WHEN size(agencies) = 0 THEN 'no-agency' END,
                   CASE WHEN NOT coalesce(rec.smart, false) THEN 'not-smart' END,
                   CASE WHEN size(acts) = 0 THEN 'no-action' END] WHERE reason IS NOT NULL]
         AS attention
ORDER BY r.publishedAs, review, rec.numberOrder, recommendation
