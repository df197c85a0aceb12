// name: suggestions-held
// For the recommendations a load is about to write: the tagger's suggestions the graph holds
// (SUGGESTS_THEME, SUGGESTS_STANDARD), the ones analysts rejected (REJECTED_THEME,
// REJECTED_STANDARD) and the ones they accepted (HAS_THEME or MAPS_TO that keep the tagger's
// model version), so that a reload keeps those decisions.
// param: iris list -- the recommendations' IRIs
// returns: recommendation, code, type, props
UNWIND $iris AS iri
MATCH (rec:Resource {iri: iri}) WHERE rec:Recommendation
MATCH (rec)
      -[s:SUGGESTS_THEME|SUGGESTS_STANDARD|REJECTED_THEME|REJECTED_STANDARD|HAS_THEME|MAPS_TO]->
      (c:Resource)
WHERE NOT type(s) IN ['HAS_THEME', 'MAPS_TO'] OR s.modelVersion IS NOT NULL
RETURN rec.iri AS recommendation, c.iri AS code, type(s) AS type, properties(s) AS props
ORDER BY recommendation, code, type
