// name: agency-action-groups
// The actions each agency owns, in groups: by status (as recorded now) and by whether the
// action is overdue on $as_of (default: today), that is open or in progress with a due date
// before it. One row per agency, status and overdue: how many actions, which reviews they
// respond to (in_reviews, by id) with how many of the group's actions each (per_review, in
// the same order), and the key themes and quadrants of the recommendations they respond to.
// An action responding to two recommendations counts once for each. Unlike
// agency-accountability, every action counts, whenever its review was published, and at its
// status today. Can be added up across rows. Rows come agency by agency, an agency's groups
// by status and then by the lowest action id in each.
// for: the network pages (scrgraph viz): agency accountability with too many actions to draw one by one
// param: as_of date default=null -- the date an action is overdue on (default: today)
// returns: agency, status, overdue, actions, in_reviews, per_review, themes, quadrants
// example: as_of=2024-01-01
MATCH (r:Review)-[:MADE]->(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
      -[:OWNED_BY]->(owner:Agency)
WITH owner.id AS agency, a.status AS status, a.id AS action, r.id AS review, rec,
     coalesce(a.status IN ['open', 'in-progress']
              AND a.due < coalesce(date($as_of), date()), false) AS overdue
WITH agency, status, overdue, review, count(*) AS n, collect(DISTINCT rec) AS recs,
     min(action) AS first
ORDER BY agency, status, overdue, review
WITH agency, status, overdue, collect(review) AS in_reviews, collect(n) AS per_review,
     collect(recs) AS recs, min(first) AS first
RETURN agency, status, overdue, reduce(total = 0, x IN per_review | total + x) AS actions,
       in_reviews, per_review,
       COLLECT { UNWIND recs AS some UNWIND some AS x MATCH (x)-[:HAS_THEME]->(t:Theme)
                 RETURN DISTINCT t.code AS code ORDER BY code } AS themes,
       COLLECT { UNWIND recs AS some UNWIND some AS x
                 MATCH (x)-[:MAPS_TO]->(:Standard)-[:IN_QUADRANT]->(q:Quadrant)
                 RETURN DISTINCT q.code AS code ORDER BY code } AS quadrants
ORDER BY agency, coalesce(status, ''), first
