// name: load-sync
// For `scrgraph load --sync`: deletes the recommendations and actions of the loaded reviews
// that the source no longer has, and returns what it deleted.
// param: reviews list -- IRIs of the reviews in the source
// param: keep list -- IRIs of every item in the source
UNWIND $reviews AS review
MATCH (:Review {iri: review})-[:MADE]->(rec:Recommendation)
OPTIONAL MATCH (action:Action)-[:RESPONDS_TO]->(rec)
WITH collect(rec) + collect(action) AS items
UNWIND items AS item
WITH DISTINCT item
WHERE item IS NOT NULL AND NOT item.iri IN $keep
WITH item, [label IN labels(item) WHERE label <> 'Resource'][0] AS label, item.id AS id
DETACH DELETE item
RETURN label, id
ORDER BY label, id
