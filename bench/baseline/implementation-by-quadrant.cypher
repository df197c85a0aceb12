// name: implementation-by-quadrant
// How far the learning in each quadrant of the framework has been acted on: the actions
// responding to recommendations mapped to the quadrant's standards, by status, with the share
// complete (completed or impact evidenced) and the share with impact evidenced, and how many
// recorded barriers. One row per quadrant, then a row 'all' that counts each action once. A
// recommendation mapped to standards in two quadrants is counted under both, and so are its
// actions (in_several_quadrants says how many of a row's actions are): do not add up the
// quadrant rows, read the 'all' row instead. The percentages leave superseded actions out
// of the denominator (they were replaced, not failed); not-implemented ones stay in.
// for: the SCR subgroup shaping high-level actions per quadrant, and the board
// param: partnership_type string default=null choices=children|adults|community-safety|national -- only reviews commissioned by this type of partnership
// returns: quadrant, label, recommendations, actions, open, in_progress, completed, impact_evidenced, not_implemented, superseded, pct_complete, pct_impact_evidenced, barriers, in_several_quadrants
CALL () {
  MATCH (q:Quadrant)
  OPTIONAL MATCH (q)<-[:IN_QUADRANT]-(:Standard)<-[m:MAPS_TO]-(rec:Recommendation)
                 <-[:MADE]-(r:Review)
    WHERE ($partnership_type IS NULL
         OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) })
  OPTIONAL MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
  RETURN q.code AS quadrant, q.label AS label, count(DISTINCT rec) AS recommendations,
         collect(DISTINCT a) AS acts
  UNION ALL
  OPTIONAL MATCH (:Quadrant)<-[:IN_QUADRANT]-(:Standard)<-[m:MAPS_TO]-(rec:Recommendation)
                 <-[:MADE]-(r:Review)
    WHERE ($partnership_type IS NULL
         OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) })
  OPTIONAL MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
  RETURN 'all' AS quadrant, 'All quadrants (each action once)' AS label,
         count(DISTINCT rec) AS recommendations, collect(DISTINCT a) AS acts
}
WITH quadrant, label, recommendations, acts, size(acts) AS actions,
     size([x IN acts WHERE x.status IN ['completed', 'impact-evidenced']]) AS done,
     size([x IN acts WHERE x.status = 'impact-evidenced']) AS evidenced,
     size([x IN acts WHERE x.status <> 'superseded']) AS counted
RETURN quadrant, label, recommendations, actions,
       size([x IN acts WHERE x.status = 'open']) AS open,
       size([x IN acts WHERE x.status = 'in-progress']) AS in_progress,
       size([x IN acts WHERE x.status = 'completed']) AS completed,
       evidenced AS impact_evidenced,
       size([x IN acts WHERE x.status = 'not-implemented']) AS not_implemented,
       size([x IN acts WHERE x.status = 'superseded']) AS superseded,
       CASE WHEN counted = 0 THEN null ELSE round(100.0 * done / counted, 1) END
         AS pct_complete,
       CASE WHEN counted = 0 THEN null ELSE round(100.0 * evidenced / counted, 1) END
         AS pct_impact_evidenced,
       size([x IN acts WHERE trim(coalesce(x.barriers, '')) <> '']) AS barriers,
       size([x IN acts WHERE size(COLLECT {
         MATCH (x)-[:RESPONDS_TO]->(:Recommendation)-[mm:MAPS_TO]->(:Standard)
               -[:IN_QUADRANT]->(q2:Quadrant)
         RETURN DISTINCT q2.code }) > 1]) AS in_several_quadrants
ORDER BY quadrant
