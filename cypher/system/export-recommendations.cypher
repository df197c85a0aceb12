// name: export-recommendations
// The Recommendations sheet of the workbook, read back from the graph (`scrgraph export`):
// theme and standard codes (codings only: a tagger's pending suggestions are SUGGESTS_*
// relationships), agency IDs, and who coded it and when, from the most recent coding.
// returns: id, review, number, text, themes, standards, agencies, smart, codedBy, codedOn
MATCH (n:Recommendation)
WITH n, COLLECT {
  MATCH (n)-[c:HAS_THEME|MAPS_TO]->(:Theme|Standard)
  WHERE (c.assignedBy IS NOT NULL OR c.assignedAt IS NOT NULL)
  RETURN c ORDER BY c.assignedAt IS NULL, c.assignedAt DESC, c.assignedBy
}[0] AS coding
RETURN n.id AS id,
       COLLECT { MATCH (r:Review)-[:MADE]->(n) RETURN r.id ORDER BY r.id }[0] AS review,
       n.number AS number, n.text AS text,
       COLLECT { MATCH (n)-[c:HAS_THEME]->(t:Theme)
                 RETURN DISTINCT t.code ORDER BY t.code } AS themes,
       COLLECT { MATCH (n)-[c:MAPS_TO]->(s:Standard)
                 RETURN DISTINCT s.code ORDER BY s.code } AS standards,
       COLLECT { MATCH (n)-[:DIRECTED_AT]->(a:Agency) RETURN DISTINCT a.id ORDER BY a.id }
         AS agencies,
       n.smart AS smart, coding.assignedBy AS codedBy, coding.assignedAt AS codedOn
ORDER BY id
