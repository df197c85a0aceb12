// name: export-rejections
// The tagger's suggestions analysts rejected (REJECTED_THEME, REJECTED_STANDARD), with who
// rejected each and when, for the RDF export (`scrgraph export turtle`, `jsonld`).
// returns: recommendation, code, type, props
MATCH (rec:Recommendation)-[s:REJECTED_THEME|REJECTED_STANDARD]->(c:Resource)
RETURN rec.iri AS recommendation, c.iri AS code, type(s) AS type, properties(s) AS props
ORDER BY recommendation, code, type
