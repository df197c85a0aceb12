// name: withdraw-review
// Withdraws one review (a takedown or a legal ruling): deletes it, its recommendations and the
// actions that respond only to them, in the caller's write transaction. Partnerships, agencies,
// the framework and load records stay (they belong to no single review). Returns nothing when
// there is no such review.
// param: review string -- the review's id
// returns: review, recommendations, actions
MATCH (r:Review {id: $review})
OPTIONAL MATCH (r)-[:MADE]->(rec:Recommendation)
WITH r, collect(DISTINCT rec) AS recs
OPTIONAL MATCH (x:Action)-[:RESPONDS_TO]->(rec:Recommendation)
WHERE rec IN recs
  AND NOT EXISTS {
    MATCH (x)-[:RESPONDS_TO]->(:Recommendation)<-[:MADE]-(other:Review) WHERE other <> r
  }
WITH r, recs, collect(DISTINCT x) AS actions
WITH r, recs, actions, r.id AS review, size(recs) AS recommendations, size(actions) AS removed
FOREACH (x IN actions | DETACH DELETE x)
FOREACH (rec IN recs | DETACH DELETE rec)
DETACH DELETE r
RETURN review, recommendations, removed AS actions
