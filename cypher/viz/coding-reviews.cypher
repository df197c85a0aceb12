// name: coding-reviews
// The reviews behind each key theme (and local theme) and each practice standard: one row per
// theme or standard coded on at least one recommendation, with how many recommendations and
// separate reviews it is coded on, and review by review which reviews those are (in_reviews,
// by id) and how many of each one's recommendations (per_review, in the same order). Codings
// only, never a tagger's suggestions. Do not add up across rows: a recommendation is coded to
// several themes and standards.
// for: the network pages (scrgraph viz): the theme map's and the reviews-and-themes view's sizes and review filters, counted in the database rather than from every coding
// param: item string default=all choices=all|theme|standard -- themes and standards, or only one of the two
// returns: item, code, recommendations, reviews, in_reviews, per_review
// example: item=theme
CALL () {
  MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[:HAS_THEME]->(t:Theme)
  WHERE $item IN ['all', 'theme']
  WITH t.code AS code, r.id AS review, count(DISTINCT rec) AS n
  RETURN 'theme' AS item, code, review, n
  UNION ALL
  MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[:MAPS_TO]->(s:Standard)
  WHERE $item IN ['all', 'standard']
  WITH s.code AS code, r.id AS review, count(DISTINCT rec) AS n
  RETURN 'standard' AS item, code, review, n
}
WITH item, code, review, n
ORDER BY item DESC, code, review
WITH item, code, collect(review) AS in_reviews, collect(n) AS per_review
RETURN item, code, reduce(total = 0, x IN per_review | total + x) AS recommendations,
       size(in_reviews) AS reviews, in_reviews, per_review
ORDER BY item DESC, code
