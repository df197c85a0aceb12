// name: recommendations-needing-attention
// Which recommendations need attention before they can drive SMART action: not mapped to the
// framework (no key theme and no practice standard), directed at no agency, not SMART (as the
// analyst marked it), missing what the SMART check looks for (smart-gaps: no owning agency,
// no timescale, no measure of it done, or no specific action beyond 'consider' or 'raise
// awareness'; missing lists which), or without any action. One row per recommendation and
// reason: count distinct recommendations, not rows, for how many need attention.
// for: the monitoring and evaluation officer and the business manager
// param: reason string default=null choices=unmapped|no-agency|not-smart|smart-gaps|no-action -- only this reason
// returns: review, recommendation, number, text, reason, missing
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WITH r, rec, [
  ['unmapped', NOT EXISTS { (rec)-[h:HAS_THEME]->(:Theme) }
               AND NOT EXISTS { (rec)-[m:MAPS_TO]->(:Standard)
                                }],
  ['no-agency', NOT EXISTS { (rec)-[:DIRECTED_AT]->(:Agency) }],
  ['not-smart', NOT coalesce(rec.smart, false)],
  ['smart-gaps', size(coalesce(rec.smartGaps, [])) > 0],
  ['no-action', NOT EXISTS { (rec)<-[:RESPONDS_TO]-(:Action) }]
] AS checks
UNWIND range(0, size(checks) - 1) AS i
WITH r, rec, i, checks[i][0] AS reason, checks[i][1] AS failed
WHERE failed AND ($reason IS NULL OR reason = $reason)
RETURN r.id AS review, rec.id AS recommendation, rec.number AS number, rec.text AS text,
       reason, CASE reason WHEN 'smart-gaps' THEN coalesce(rec.smartGaps, []) ELSE [] END
       AS missing
ORDER BY review, rec.numberOrder, recommendation, i
