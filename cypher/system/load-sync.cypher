// name: load-sync
// For `scrgraph load --sync`: deletes the recommendations and actions of the loaded reviews
// that the source no longer has, and returns what it deleted: each item's kind and ID and, for
// a recommendation, its review and how many recommendations that review held before; and the
// source that wrote it (the property named by $source_property), so that items another
// source wrote are not removed unless the load is told to replace them.
// param: reviews list -- IRIs of the reviews in the source
// param: keep list -- IRIs of every item in the source
// param: source_property string -- the node property recording the source (nscb:loadedFrom)
UNWIND $reviews AS review
MATCH (r:Review {iri: review})-[:MADE]->(rec:Recommendation)
OPTIONAL MATCH (action:Action)-[:RESPONDS_TO]->(rec)
WITH collect(rec) + collect(action) AS items,
     collect(DISTINCT {rec: rec.iri, review: r.id,
                       held: COUNT { (r)-[:MADE]->(:Recommendation) }}) AS made
UNWIND items AS item
WITH DISTINCT item, made
WHERE item IS NOT NULL AND NOT item.iri IN $keep
WITH item, [label IN labels(item) WHERE label <> 'Resource'][0] AS label, item.id AS id,
     [m IN made WHERE m.rec = item.iri][0] AS maker, item[$source_property] AS source
DETACH DELETE item
RETURN label, id, maker.review AS review, maker.held AS held, source
ORDER BY label, id
