// name: export-themes
// The Themes sheet of the workbook, read back from the graph (`scrgraph export`): the local
// themes partnerships declared beside the framework's 13 (the framework's own are not data).
// returns: id, label, definition, aliases, relatedQuadrants, relatedStandards, partnership
MATCH (t:Theme {scope: 'local'})
RETURN t.id AS id, t.label AS label, t.definition AS definition, t.altLabels AS aliases,
       COLLECT { MATCH (t)-[:RELATES_TO]->(q:Quadrant) RETURN q.code AS code ORDER BY code }
         AS relatedQuadrants,
       COLLECT { MATCH (t)-[:RELATES_TO]->(s:Standard) RETURN s.code AS code ORDER BY code }
         AS relatedStandards,
       COLLECT { MATCH (t)-[:DECLARED_BY]->(p:Partnership) RETURN p.id AS id ORDER BY id }
         AS partnership
ORDER BY id
