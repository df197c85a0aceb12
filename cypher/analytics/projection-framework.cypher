// name: projection-framework
// The framework and theme network as an edge list, for graph analytics: recommendations
// linked to the key themes and practice standards they are coded to, and standards linked to
// their quadrants. Nodes are named by kind and code (recommendations by id). One row per
// link; rows are links, not things, so they count nothing a board should read.
// for: scrgraph analyse (betweenness of themes and standards across quadrants)
// returns: source_kind, source, source_label, target_kind, target, target_label
CALL () {
  MATCH (rec:Recommendation)-[h:HAS_THEME]->(t:Theme)
  RETURN 'recommendation' AS source_kind, rec.id AS source, rec.id AS source_label,
         'theme' AS target_kind, t.code AS target, t.label AS target_label
  UNION
  MATCH (rec:Recommendation)-[m:MAPS_TO]->(s:Standard)
  RETURN 'recommendation' AS source_kind, rec.id AS source, rec.id AS source_label,
         'standard' AS target_kind, s.code AS target, s.label AS target_label
  UNION
  MATCH (s:Standard)-[:IN_QUADRANT]->(q:Quadrant)
  RETURN 'standard' AS source_kind, s.code AS source, s.label AS source_label,
         'quadrant' AS target_kind, q.code AS target, q.label AS target_label
}
RETURN source_kind, source, source_label, target_kind, target, target_label
ORDER BY source_kind, source, target_kind, target
