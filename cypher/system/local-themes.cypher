// name: local-themes
// The local themes the graph holds: those partnerships declared beside the framework's 13 key
// themes (scope local), with their other names, the quadrants and practice standards they
// relate to and the partnerships that declared them. Query parameters naming a theme resolve
// against them as well as the framework's, and 'scrgraph framework --local' lists them.
// returns: iri, id, code, label, definition, alt_labels, hidden_labels, related, partnerships
MATCH (t:Theme {scope: 'local'})
RETURN t.iri AS iri, t.id AS id, t.code AS code, t.label AS label, t.definition AS definition,
       coalesce(t.altLabels, []) AS alt_labels, coalesce(t.hiddenLabels, []) AS hidden_labels,
       COLLECT { MATCH (t)-[:RELATES_TO]->(c:Quadrant|Standard) RETURN c.code AS code
                 ORDER BY code } AS related,
       COLLECT { MATCH (t)-[:DECLARED_BY]->(p:Partnership) RETURN p.id AS id ORDER BY id }
         AS partnerships
ORDER BY code
