// name: recommendation-network
// Every recommendation as a small network, one row each: its review, its text, the key themes
// and practice standards it is coded to (codings only, not suggestions) with the standards' quadrants,
// the agencies it is directed at, and each action in response with its owner, status and dates.
// Optionally only the recommendations raising one theme (by code, label or alias) or made by one
// review (by ID or title).
// for: the network pages (scrgraph viz): a theme or a review in focus, agency accountability
// param: theme theme default=null -- only recommendations coded to this theme (its code, e.g. domestic-abuse)
// param: review review default=null -- only recommendations made by this review (its ID or title, any case)
// returns: review, recommendation, number, text, smart, themes, standards, quadrants, agencies, actions
// example: theme=domestic-abuse
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($review IS NULL OR r.id = $review)
  AND ($theme IS NULL OR EXISTS {
        MATCH (rec)-[h:HAS_THEME]->(:Theme {code: $theme}) })
RETURN r.id AS review, rec.id AS recommendation, rec.number AS number, rec.text AS text,
       rec.smart AS smart,
       COLLECT {
         MATCH (rec)-[h:HAS_THEME]->(t:Theme)
         RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(s:Standard)
         RETURN DISTINCT s.code AS code ORDER BY code
       } AS standards,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
         RETURN DISTINCT q.code AS code ORDER BY code
       } AS quadrants,
       COLLECT {
         MATCH (rec)-[:DIRECTED_AT]->(a:Agency) RETURN DISTINCT a.id AS id ORDER BY id
       } AS agencies,
       COLLECT {
         MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
         OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
         RETURN {id: a.id, text: a.text, owner: owner.id, status: a.status, due: a.due,
                 completed: a.completed} AS action ORDER BY action.id
       } AS actions
ORDER BY review, rec.numberOrder, recommendation
