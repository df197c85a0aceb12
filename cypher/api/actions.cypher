// name: actions
// The SMART actions, by id, each with the recommendation it responds to, its review and the
// agency that owns it; or one action by its id. The web service's lists and pages of actions.
// for: the web service, and anyone browsing the graph
// param: id string default=null -- only the action with this id
// param: status string default=null choices=open|in-progress|completed|impact-evidenced|not-implemented|superseded -- only actions with this status
// param: owner agency default=null -- only actions owned by this agency (its ID or name, any case)
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: id, text, status, due, completed, evidence, barriers, status_reason, recommendation, review, owner
// example: status=not-implemented
MATCH (x:Action)
WHERE ($id IS NULL OR x.id = $id) AND ($status IS NULL OR x.status = $status)
OPTIONAL MATCH (x)-[:OWNED_BY]->(owner:Agency)
WITH x, owner
WHERE $owner IS NULL OR owner.id = $owner
OPTIONAL MATCH (x)-[:RESPONDS_TO]->(rec:Recommendation)
OPTIONAL MATCH (r:Review)-[:MADE]->(rec)
RETURN x.id AS id, x.text AS text, x.status AS status, x.due AS due, x.completed AS completed,
       x.evidence AS evidence, x.barriers AS barriers, x.statusReason AS status_reason,
       rec.id AS recommendation, r.id AS review, owner.id AS owner
ORDER BY id SKIP $skip
LIMIT $limit
