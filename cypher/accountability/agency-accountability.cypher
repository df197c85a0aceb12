// name: agency-accountability
// Where each agency stood on $as_of (default: today) on the actions it owns, as things stood
// on that date: only reviews published by then count, and an action completed after that date
// counts as still in progress on it. One row per agency: its actions by status (done means
// completed or impact evidenced by that date), done_late (done after its due date), overdue
// (not done and due before that date), and the recommendations directed at it that had no
// action at all, or had actions only by other agencies. Each status counts from the day it was
// decided (the Actions sheet's "Status date"; for done, "Completed on"): an action judged not
// implemented or superseded after that date counts as in progress on it, one moved in
// progress after it as open, and one whose impact was evidenced after it as completed; a
// decision with no status date counts as it stands today. Every column but the last two can
// be added up across agencies; those two cannot, because a recommendation directed at several
// agencies is counted under each. A review whose report gives only the month or the year
// counts from the first day of that month or year; a review with no publication date (a
// thematic review may have none) always counts.
// for: the board and its monitoring and evaluation officer holding agencies to account
// param: as_of date default=null -- the date to look back from (default: today)
// returns: agency, name, actions, open, in_progress, done, done_late, not_implemented, superseded, overdue, recommendations_with_no_action, recommendations_left_to_others
// example: as_of=2024-01-01
MATCH (agency:Agency)
WITH agency, coalesce(date($as_of), date()) AS as_of
OPTIONAL MATCH (agency)<-[:OWNED_BY]-(a:Action)-[:RESPONDS_TO]->(:Recommendation)
               <-[:MADE]-(review:Review)
WHERE review.publishedAs IS NULL OR date(review.publishedAs) <= as_of
WITH agency, as_of,
     collect(DISTINCT {id: a.id,
                       // an action's status on as_of (the same words in every query that
                       // reads statuses as of a date)
                       status: CASE
                         WHEN a.status IN ['completed', 'impact-evidenced']
                              AND a.completed > as_of THEN 'in-progress'
                         WHEN a.status = 'impact-evidenced' AND a.statusDate > as_of
                              THEN 'completed'
                         WHEN a.status IN ['not-implemented', 'superseded']
                              AND a.statusDate > as_of THEN 'in-progress'
                         WHEN a.status = 'in-progress' AND a.statusDate > as_of THEN 'open'
                         ELSE a.status END,
                       due: a.due, completed: a.completed}) AS owned
WITH agency, as_of, [x IN owned WHERE x.status IS NOT NULL] AS owned
CALL (agency, as_of) {
  OPTIONAL MATCH (agency)<-[:DIRECTED_AT]-(rec:Recommendation)<-[:MADE]-(review:Review)
  WHERE review.publishedAs IS NULL OR date(review.publishedAs) <= as_of
  WITH rec, COUNT { (rec)<-[:RESPONDS_TO]-(:Action) } AS actions,
       COUNT { (rec)<-[:RESPONDS_TO]-(:Action)-[:OWNED_BY]->(agency) } AS own
  RETURN count(CASE WHEN rec IS NOT NULL AND actions = 0 THEN 1 END)
           AS recommendations_with_no_action,
         count(CASE WHEN actions > 0 AND own = 0 THEN 1 END) AS recommendations_left_to_others
}
WITH agency, as_of, owned, recommendations_with_no_action, recommendations_left_to_others
WHERE size(owned) > 0 OR recommendations_with_no_action + recommendations_left_to_others > 0
WITH agency, owned, recommendations_with_no_action, recommendations_left_to_others,
     recommendations_with_no_action + recommendations_left_to_others AS unanswered,
     [x IN owned WHERE x.status IN ['completed', 'impact-evidenced']] AS done,
     size([x IN owned WHERE x.status IN ['open', 'in-progress'] AND x.due < as_of])
       AS overdue
RETURN agency.id AS agency, agency.name AS name, size(owned) AS actions,
       size([x IN owned WHERE x.status = 'open']) AS open,
       size([x IN owned WHERE x.status = 'in-progress']) AS in_progress,
       size(done) AS done,
       size([x IN done WHERE x.completed > x.due]) AS done_late,
       size([x IN owned WHERE x.status = 'not-implemented']) AS not_implemented,
       size([x IN owned WHERE x.status = 'superseded']) AS superseded,
       overdue, recommendations_with_no_action, recommendations_left_to_others
ORDER BY overdue DESC, unanswered DESC, agency
