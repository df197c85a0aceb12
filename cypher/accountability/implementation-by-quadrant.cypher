// name: implementation-by-quadrant
// How far the learning in each quadrant of the framework has been acted on: the actions
// responding to recommendations mapped to the quadrant's standards, by status, with the share
// complete and the share with impact evidenced, and how many recorded barriers.
// for: the SCR subgroup shaping high-level actions per quadrant, and the board
// param: partnership_type string default=null choices=children|adults|community-safety -- only reviews commissioned by this type of partnership
// returns: quadrant, label, recommendations, actions, open, in_progress, completed, impact_evidenced, not_implemented, superseded, pct_complete, pct_impact_evidenced, barriers
MATCH (q:Quadrant)
OPTIONAL MATCH (q)<-[:IN_QUADRANT]-(:Standard)<-[m:MAPS_TO]-(rec:Recommendation)
               <-[:MADE]-(r:Review)
WHERE coalesce(m.accepted, true)
  AND ($partnership_type IS NULL
       OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) })
OPTIONAL MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
WITH q, count(DISTINCT rec) AS recommendations, collect(DISTINCT a) AS acts
WITH q, recommendations, acts, size(acts) AS actions,
     size([x IN acts WHERE x.status IN ['completed', 'impact-evidenced']]) AS done,
     size([x IN acts WHERE x.status = 'impact-evidenced']) AS evidenced
RETURN q.code AS quadrant, q.label AS label, recommendations, actions,
       size([x IN acts WHERE x.status = 'open']) AS open,
       size([x IN acts WHERE x.status = 'in-progress']) AS in_progress,
       size([x IN acts WHERE x.status = 'completed']) AS completed,
       evidenced AS impact_evidenced,
       size([x IN acts WHERE x.status = 'not-implemented']) AS not_implemented,
       size([x IN acts WHERE x.status = 'superseded']) AS superseded,
       CASE WHEN actions = 0 THEN null ELSE round(100.0 * done / actions, 1) END
         AS pct_complete,
       CASE WHEN actions = 0 THEN null ELSE round(100.0 * evidenced / actions, 1) END
         AS pct_impact_evidenced,
       size([x IN acts WHERE trim(coalesce(x.barriers, '')) <> '']) AS barriers
ORDER BY quadrant
