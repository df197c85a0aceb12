// name: other-reviews
// The reviews the database holds besides those in $keep (IRIs): how many, and the first few
// IDs. The demo uses it to refuse to mix its fictional sample with anyone's own data.
// param: keep list
// returns: reviews, examples
MATCH (r:Review)
WHERE NOT r.iri IN $keep
WITH r ORDER BY r.id
RETURN count(r) AS reviews, collect(r.id)[..5] AS examples
