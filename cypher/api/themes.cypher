// name: themes
// The 13 key themes of the framework, each with its other names, the practice standards that
// speak to it, and how many recommendations and separate reviews raise it (zeros included); or
// one theme by its code, with its recommendations. The web service's lists and pages of themes.
// Local themes partnerships declared beside the 13 follow them, with scope local and the
// quadrants and standards they relate to in related.
// for: the web service, and anyone browsing the graph
// param: code string default=null -- only the theme with this code (e.g. domestic-abuse)
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: code, label, scope, kind, alt_labels, related, standards, reviews, recommendations
// example: code=neglect
MATCH (t:Theme)
WHERE $code IS NULL OR t.code = $code
RETURN t.code AS code, t.label AS label, coalesce(t.scope, 'framework') AS scope, t.kind AS kind,
       t.altLabels AS alt_labels,
       COLLECT { MATCH (t)-[:RELATES_TO]->(c) RETURN c.code AS code ORDER BY code } AS related,
       COLLECT {
         MATCH (s:Standard)-[:SPEAKS_TO]->(t) RETURN DISTINCT s.code AS code ORDER BY code
       } AS standards,
       COUNT {
         MATCH (r:Review)-[:MADE]->(:Recommendation)-[h:HAS_THEME]->(t)
         RETURN DISTINCT r
       } AS reviews,
       COLLECT {
         MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[h:HAS_THEME]->(t)
         RETURN DISTINCT {id: rec.id, review: r.id, text: rec.text} AS item ORDER BY item.id
       } AS recommendations
ORDER BY t.scope IS NOT NULL, code SKIP $skip
LIMIT $limit
