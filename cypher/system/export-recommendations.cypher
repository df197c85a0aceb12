// name: export-recommendations
// The Recommendations sheet of the workbook, read back from the graph (`scrgraph export`):
// theme and standard codes (accepted codings only, not a tagger's pending suggestions),
// agency IDs, and who coded it and when, from the most recent accepted coding.
// returns: id, review, number, text, themes, standards, agencies, smart, codedBy, codedOn
MATCH (n:Recommendation)
WITH n, COLLECT {
  MATCH (n)-[c:HAS_THEME|MAPS_TO]->(:Theme|Standard)
  WHERE coalesce(c.accepted, true) AND (c.assignedBy IS NOT NULL OR c.assignedAt IS NOT NULL)
  RETURN c ORDER BY c.assignedAt IS NULL, c.assignedAt DESC, c.assignedBy
}[0] AS coding
RETURN n.id AS id,
       COLLECT { MATCH (r:Review)-[:MADE]->(n) RETURN r.id ORDER BY r.id }[0] AS review,
       n.number AS number, n.text AS text,
       COLLECT { MATCH (n)-[c:HAS_THEME]->(t:Theme) WHERE coalesce(c.accepted, true)
                 RETURN DISTINCT t.code ORDER BY t.code } AS themes,
       COLLECT { MATCH (n)-[c:MAPS_TO]->(s:Standard) WHERE coalesce(c.accepted, true)
                 RETURN DISTINCT s.code ORDER BY s.code } AS standards,
       COLLECT { MATCH (n)-[:DIRECTED_AT]->(a:Agency) RETURN DISTINCT a.id ORDER BY a.id }
         AS agencies,
       n.smart AS smart, coding.assignedBy AS codedBy, coding.assignedAt AS codedOn
ORDER BY id
