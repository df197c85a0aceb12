// name: export-graph
// Every scrgraph node (label Resource) and every relationship between two of them, for
// `scrgraph export graphml`: one row per node (its IRI, its labels other than Resource and
// its properties), then one row per relationship (type, start and end IRIs, properties).
// returns: element, iri, labels, type, source, target, props
MATCH (n:Resource)
RETURN 'node' AS element, n.iri AS iri, [l IN labels(n) WHERE l <> 'Resource'] AS labels,
       null AS type, null AS source, null AS target, properties(n) AS props
ORDER BY iri
UNION ALL
MATCH (a:Resource)-[r]->(b:Resource)
RETURN 'relationship' AS element, null AS iri, [] AS labels, type(r) AS type,
       a.iri AS source, b.iri AS target, properties(r) AS props
ORDER BY type, source, target
