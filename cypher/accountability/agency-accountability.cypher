// name: agency-accountability
// Where each agency stands on the actions it owns: open, in progress, done (completed or impact
// evidenced), not implemented, superseded and overdue (open or in progress with a due date
// before $as_of), and how many recommendations directed at it have no action that it owns.
// for: the board and its monitoring and evaluation officer holding agencies to account
// param: as_of date default=null -- the date against which actions are overdue (default: today)
// returns: agency, name, actions, open, in_progress, done, not_implemented, superseded, overdue, recommendations_without_action
MATCH (agency:Agency)
OPTIONAL MATCH (agency)<-[:OWNED_BY]-(a:Action)
WITH agency, collect(DISTINCT a) AS owned, coalesce(date($as_of), date()) AS as_of
WITH agency, owned, as_of,
     COUNT {
       MATCH (agency)<-[:DIRECTED_AT]-(rec:Recommendation)
       WHERE NOT EXISTS { (rec)<-[:RESPONDS_TO]-(:Action)-[:OWNED_BY]->(agency) }
     } AS recommendations_without_action
WHERE size(owned) > 0 OR recommendations_without_action > 0
RETURN agency.id AS agency, agency.name AS name, size(owned) AS actions,
       size([x IN owned WHERE x.status = 'open']) AS open,
       size([x IN owned WHERE x.status = 'in-progress']) AS in_progress,
       size([x IN owned WHERE x.status IN ['completed', 'impact-evidenced']]) AS done,
       size([x IN owned WHERE x.status = 'not-implemented']) AS not_implemented,
       size([x IN owned WHERE x.status = 'superseded']) AS superseded,
       size([x IN owned WHERE x.status IN ['open', 'in-progress'] AND x.due < as_of])
         AS overdue,
       recommendations_without_action
ORDER BY overdue DESC, recommendations_without_action DESC, agency
