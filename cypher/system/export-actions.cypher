// name: export-actions
// The Actions sheet of the workbook, read back from the graph (`scrgraph export`): each
// action with the recommendation it responds to and the agency that owns it.
// returns: id, recommendation, text, owner, due, status, completed, evidence, barriers, statusReason, statusDate
MATCH (a:Action)
RETURN a.id AS id,
       COLLECT { MATCH (a)-[:RESPONDS_TO]->(r:Recommendation) RETURN r.id ORDER BY r.id }[0]
         AS recommendation,
       a.text AS text,
       COLLECT { MATCH (a)-[:OWNED_BY]->(g:Agency) RETURN g.id ORDER BY g.id }[0] AS owner,
       a.due AS due, a.status AS status, a.completed AS completed, a.evidence AS evidence,
       a.barriers AS barriers, a.statusReason AS statusReason, a.statusDate AS statusDate
ORDER BY id
