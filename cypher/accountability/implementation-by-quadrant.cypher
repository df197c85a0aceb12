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
  // Counted recommendation by recommendation, then action by action, each with its quadrants
  // found once (grouping every action of a quadrant in one list, and following each of them
  // back to its quadrants once per row, took 4-5 s at national size).
  // The recommendations in scope mapped to each quadrant; 'all': each once.
  MATCH (r:Review)-[:MADE]->(rec:Recommendation)
  WHERE $partnership_type IS NULL
     OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) }
  WITH DISTINCT rec
  WITH COLLECT { MATCH (rec)-[:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
                 RETURN DISTINCT q.code AS code } AS quads
  WHERE size(quads) > 0
  UNWIND quads + ['all'] AS quadrant
  WITH quadrant, count(*) AS recommendations
  RETURN collect({quadrant: quadrant, recommendations: recommendations}) AS counted_recs
}
// The actions responding to them, by quadrant: an action is under each quadrant of the
// recommendations in scope it answers, and once under 'all'; in_several_quadrants counts the
// actions whose recommendations (any, in scope or not) map to standards in several quadrants.
CALL () {
  MATCH (r:Review)-[:MADE]->(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
  WHERE $partnership_type IS NULL
     OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) }
  WITH a, rec, COLLECT { MATCH (rec)-[:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
                         RETURN DISTINCT q.code AS code } AS quads
  WITH a, collect(DISTINCT rec) AS recs, collect(quads) AS quads
  WITH a, recs, COLLECT { UNWIND quads AS each UNWIND each AS code RETURN DISTINCT code }
         AS quads
  WHERE size(quads) > 0
  // When every recommendation the action answers is in scope, its quadrants are those above;
  // otherwise they are followed from the action.
  WITH a, quads,
       CASE WHEN COUNT { (a)-[:RESPONDS_TO]->(:Recommendation) } = size(recs)
            THEN size(quads) > 1
            ELSE size(COLLECT { MATCH (a)-[:RESPONDS_TO]->(:Recommendation)-[:MAPS_TO]
                                      ->(:Standard)-[:IN_QUADRANT]->(q2:Quadrant)
                                RETURN DISTINCT q2.code }) > 1 END AS several
  UNWIND quads + ['all'] AS quadrant
  WITH quadrant, count(*) AS actions,
       count(CASE WHEN a.status = 'open' THEN 1 END) AS open,
       count(CASE WHEN a.status = 'in-progress' THEN 1 END) AS in_progress,
       count(CASE WHEN a.status = 'completed' THEN 1 END) AS completed,
       count(CASE WHEN a.status = 'impact-evidenced' THEN 1 END) AS evidenced,
       count(CASE WHEN a.status = 'not-implemented' THEN 1 END) AS not_implemented,
       count(CASE WHEN a.status = 'superseded' THEN 1 END) AS superseded,
       count(CASE WHEN a.status <> 'superseded' THEN 1 END) AS counted,
       count(CASE WHEN trim(coalesce(a.barriers, '')) <> '' THEN 1 END) AS barriers,
       count(CASE WHEN several THEN 1 END) AS several
  RETURN collect({quadrant: quadrant, actions: actions, open: open, in_progress: in_progress,
                  completed: completed, evidenced: evidenced,
                  not_implemented: not_implemented, superseded: superseded,
                  counted: counted, barriers: barriers, several: several}) AS counted_actions
}
// Every quadrant (none left out for having no recommendations), then 'all'.
CALL () {
  MATCH (q:Quadrant)
  RETURN q.code AS quadrant, q.label AS label
  UNION ALL
  RETURN 'all' AS quadrant, 'All quadrants (each action once)' AS label
}
WITH quadrant, label, [x IN counted_recs WHERE x.quadrant = quadrant][0] AS recs,
     coalesce([x IN counted_actions WHERE x.quadrant = quadrant][0], {actions: 0, open: 0,
       in_progress: 0, completed: 0, evidenced: 0, not_implemented: 0, superseded: 0,
       counted: 0, barriers: 0, several: 0}) AS acts
RETURN quadrant, label, coalesce(recs.recommendations, 0) AS recommendations,
       acts.actions AS actions, acts.open AS open, acts.in_progress AS in_progress,
       acts.completed AS completed, acts.evidenced AS impact_evidenced,
       acts.not_implemented AS not_implemented, acts.superseded AS superseded,
       CASE WHEN acts.counted = 0 THEN null
            ELSE round(100.0 * (acts.completed + acts.evidenced) / acts.counted, 1) END
         AS pct_complete,
       CASE WHEN acts.counted = 0 THEN null
            ELSE round(100.0 * acts.evidenced / acts.counted, 1) END AS pct_impact_evidenced,
       acts.barriers AS barriers, acts.several AS in_several_quadrants
ORDER BY quadrant
