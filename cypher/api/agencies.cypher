// name: agencies
// The agencies, by name, each with the recommendations directed at it and the actions it owns
// (with their status and due date); or one agency by its id. The web service's lists and pages
// of agencies.
// for: the web service, and anyone browsing the graph
// param: id string default=null -- only the agency with this id
// param: sector string default=null -- only agencies in this sector (e.g. police)
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: id, name, sector, recommendations, actions
// example: sector=health
MATCH (a:Agency)
WHERE ($id IS NULL OR a.id = $id) AND ($sector IS NULL OR a.sector = $sector)
RETURN a.id AS id, a.name AS name, a.sector AS sector,
       COLLECT {
         MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[:DIRECTED_AT]->(a)
         RETURN DISTINCT {id: rec.id, review: r.id} AS item ORDER BY item.id
       } AS recommendations,
       COLLECT {
         MATCH (x:Action)-[:OWNED_BY]->(a)
         OPTIONAL MATCH (x)-[:RESPONDS_TO]->(rec:Recommendation)
         RETURN {id: x.id, status: x.status, due: x.due, recommendation: rec.id} AS item
         ORDER BY item.id
       } AS actions
ORDER BY name, id SKIP $skip
LIMIT $limit
