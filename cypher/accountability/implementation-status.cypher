// name: implementation-status
// How far each review's recommendations have been acted on, one row per review: its actions by
// status, the share complete (completed or impact evidenced) and the share with impact
// evidenced, and the barriers to implementation that were recorded. The percentages leave
// superseded actions out of the denominator (they were replaced, not failed); not-implemented
// ones stay in. Every count can be added up across reviews; the percentages cannot.
// for: the SCR subgroup and the monitoring and evaluation officer
// param: partnership_type string default=null choices=children|adults|community-safety|national -- only reviews commissioned by this type of partnership
// param: kind string default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of this kind
// returns: review, title, kind, published, recommendations, actions, open, in_progress, completed, impact_evidenced, not_implemented, superseded, pct_complete, pct_impact_evidenced, barriers
MATCH (r:Review)
WHERE ($kind IS NULL OR r.kind = $kind)
  AND ($partnership_type IS NULL
       OR EXISTS { (r)-[:COMMISSIONED_BY]->(:Partnership {type: $partnership_type}) })
OPTIONAL MATCH (r)-[:MADE]->(rec:Recommendation)
OPTIONAL MATCH (rec)<-[:RESPONDS_TO]-(a:Action)
WITH r, count(DISTINCT rec) AS recommendations, collect(DISTINCT a) AS acts
WITH r, recommendations, acts, size(acts) AS actions,
     size([x IN acts WHERE x.status IN ['completed', 'impact-evidenced']]) AS done,
     size([x IN acts WHERE x.status = 'impact-evidenced']) AS evidenced,
     size([x IN acts WHERE x.status <> 'superseded']) AS counted
RETURN r.id AS review, r.title AS title, r.kind AS kind, r.published AS published,
       recommendations, actions,
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
       COLLECT {
         UNWIND acts AS x
         WITH x WHERE trim(coalesce(x.barriers, '')) <> ''
         RETURN x.id + ': ' + x.barriers AS barrier ORDER BY barrier
       } AS barriers
ORDER BY r.publishedAs, review
