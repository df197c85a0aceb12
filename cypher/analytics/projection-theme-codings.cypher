// name: projection-theme-codings
// Which recommendations (and so which reviews) are coded to which key themes, one row per
// coding, for graph analytics: the theme co-occurrence network (communities of themes that
// travel together, connected themes), counted within recommendations or within reviews. One
// row per coding: a recommendation with three themes has three rows.
// for: scrgraph analyse
// returns: review, recommendation, theme, label
MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[h:HAS_THEME]->(t:Theme)
RETURN DISTINCT r.id AS review, rec.id AS recommendation, t.code AS theme, t.label AS label
ORDER BY review, recommendation, theme
