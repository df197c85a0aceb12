// name: theme-cooccurrence
// Which key themes travel together: pairs of themes coded on the same recommendations (or,
// with unit=review, raised in the same reviews), most surprising first. Each row is one pair:
// how many recommendations (reviews) carry both (shared, the pair's support), how many carry
// each, and their lift P(a,b) / (P(a) P(b)), where probabilities are shares of the
// recommendations (reviews) that carry any theme. Lift above 1: together more often than
// chance; below 1, less often, however large shared is. Pairs shared by fewer than $min_count
// are left out, so a lift is never read off one or two cases. Do not add up shared across
// rows: a recommendation with three themes is in three pairs. Counted per review, most themes
// meet most others (a review raises many themes), so lifts sit close to 1.
// With scope=framework (or local) only those themes count, in the pairs and in the shares:
// a unit carrying only local themes is then not one of the units that carry any theme.
// scope_a and scope_b say whether each theme is the framework's or a local one. shared_in
// lists the first $max_ids of the shared recommendations (reviews) by id (shared counts them
// all; max_ids=0 lists every one).
// for: analysts, the SCR subgroup deciding which themes to tackle together
// param: min_count integer default=2 -- fewest shared recommendations (reviews) to list a pair
// param: unit string default=recommendation choices=review|recommendation -- count co-occurrence within single recommendations or within reviews
// param: scope string default=all choices=all|framework|local -- all themes, only the framework's 13 key themes, or only the local themes partnerships declared beside them
// param: max_ids integer default=20 -- the most recommendation (review) ids to list per pair in shared_in, lowest first; 0 or less lists every one
// returns: theme_a, theme_b, scope_a, scope_b, shared, count_a, count_b, lift, shared_in
// example: min_count=3
MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[coded:HAS_THEME]->(t:Theme)
WHERE ($scope = 'all' OR coalesce(t.scope, 'framework') = $scope)
WITH CASE $unit WHEN 'review' THEN r.id ELSE rec.id END AS unit, t.code AS theme
ORDER BY unit, theme
WITH unit, collect(DISTINCT theme) AS themes
ORDER BY unit
WITH collect({unit: unit, themes: themes}) AS units
// Each theme's count once (13 rows), not a scan of every unit for each pair; and the pairs
// are grouped by those small counts, never by the list of every unit.
WITH units, size(units) AS total,
     COLLECT { UNWIND units AS u UNWIND u.themes AS theme
               WITH theme, count(*) AS n RETURN {theme: theme, n: n} } AS counts
UNWIND units AS u
UNWIND u.themes AS a
UNWIND u.themes AS b
WITH counts, total, a, b, u.unit AS unit
WHERE a < b
WITH counts, total, a, b, collect(unit) AS shared_in
WHERE size(shared_in) >= $min_count
WITH total, a, b, shared_in,
     [c IN counts WHERE c.theme = a][0].n AS count_a,
     [c IN counts WHERE c.theme = b][0].n AS count_b
RETURN a AS theme_a, b AS theme_b,
       COLLECT { MATCH (x:Theme {code: a}) RETURN coalesce(x.scope, 'framework') }[0] AS scope_a,
       COLLECT { MATCH (x:Theme {code: b}) RETURN coalesce(x.scope, 'framework') }[0] AS scope_b,
       size(shared_in) AS shared, count_a, count_b,
       round(toFloat(size(shared_in)) * total / (count_a * count_b), 3) AS lift,
       CASE WHEN $max_ids > 0 THEN shared_in[..$max_ids] ELSE shared_in END AS shared_in
ORDER BY lift DESC, shared DESC, theme_a, theme_b
