// name: theme-standard-reviews
// Which key themes (and local themes) and practice standards are coded on the same
// recommendations, and in which reviews: one row per theme and standard coded together at
// least once, with the standard's quadrant, how many recommendations carry both and in how
// many separate reviews, and review by review which reviews those are (in_reviews, by id) and
// how many of each one's recommendations carry both (per_review, in the same order). Codings
// only, never a tagger's suggestions. Do not add up across rows: a recommendation with two
// themes and two standards is in four pairs.
// for: the network pages (scrgraph viz): the theme map's links between themes and standards, counted in the database rather than from every recommendation
// returns: theme, standard, quadrant, recommendations, reviews, in_reviews, per_review
MATCH (r:Review)
CALL (r) {
  // counted review by review (small groups, each review's id read once), then gathered by pair
  MATCH (r)-[:MADE]->(rec:Recommendation)-[:HAS_THEME]->(t:Theme)
  MATCH (rec)-[:MAPS_TO]->(s:Standard)
  WITH t, s, count(DISTINCT rec) AS n
  RETURN t.code AS theme, s.code AS standard, n
}
WITH theme, standard, r.id AS review, n
ORDER BY theme, standard, review
WITH theme, standard, collect(review) AS in_reviews, collect(n) AS per_review
RETURN theme, standard,
       COLLECT { MATCH (:Standard {code: standard})-[:IN_QUADRANT]->(q:Quadrant)
                 RETURN q.code AS code ORDER BY code }[0] AS quadrant,
       reduce(total = 0, x IN per_review | total + x) AS recommendations,
       size(in_reviews) AS reviews, in_reviews, per_review
ORDER BY theme, standard
