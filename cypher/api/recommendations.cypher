// name: recommendations
// The recommendations, by review and number, each with its review, key themes, practice
// standards, the agencies it is directed at and the actions in response, and what the SMART
// check stored at load finds missing (smart_gaps: owner, timescale, measure, action); or one by
// its id. The web service's lists and pages of recommendations.
// for: the web service, and anyone browsing the graph
// param: id string default=null -- only the recommendation with this id
// param: review review default=null -- only the recommendations of this review (its ID or title, any case)
// param: theme theme default=null -- only recommendations coded to this key theme (its code)
// param: agency agency default=null -- only recommendations directed at this agency (its ID or name, any case)
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: id, number, text, smart, smart_gaps, review, review_title, themes, standards, agencies, actions
// example: theme=engaging-fathers
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($id IS NULL OR rec.id = $id) AND ($review IS NULL OR r.id = $review)
  AND ($theme IS NULL
       OR EXISTS { (rec)-[h:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($agency IS NULL OR EXISTS { (rec)-[:DIRECTED_AT]->(:Agency {id: $agency}) })
RETURN rec.id AS id, rec.number AS number, rec.text AS text, rec.smart AS smart,
       coalesce(rec.smartGaps, []) AS smart_gaps,
       r.id AS review, r.title AS review_title,
       COLLECT {
         MATCH (rec)-[h:HAS_THEME]->(t:Theme)
         RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(s:Standard)
         RETURN DISTINCT s.code AS code ORDER BY code
       } AS standards,
       COLLECT {
         MATCH (rec)-[:DIRECTED_AT]->(a:Agency) RETURN DISTINCT a.id AS id ORDER BY id
       } AS agencies,
       COLLECT {
         MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
         OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
         RETURN {id: a.id, owner: owner.id, status: a.status, due: a.due} AS item
         ORDER BY item.id
       } AS actions
ORDER BY review, rec.numberOrder, id SKIP $skip
LIMIT $limit
