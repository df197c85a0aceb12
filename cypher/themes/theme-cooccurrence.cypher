// name: theme-cooccurrence
// Which key themes travel together: pairs of themes raised in the same reviews (or, with
// unit=recommendation, coded on the same recommendation), with how many they share and their
// lift P(a,b) / (P(a) P(b)), where probabilities are shares of the reviews (recommendations)
// that raise any theme. Lift above 1: together more often than chance.
// for: analysts, the SCR subgroup deciding which themes to tackle together
// param: min_count integer default=2 -- fewest shared reviews (recommendations) to list a pair
// param: unit string default=review choices=review|recommendation -- count co-occurrence within reviews or within single recommendations
// returns: theme_a, theme_b, shared, count_a, count_b, lift, shared_in
MATCH (r:Review)-[:MADE]->(rec:Recommendation)-[coded:HAS_THEME]->(t:Theme)
WHERE coalesce(coded.accepted, true)
WITH CASE $unit WHEN 'recommendation' THEN rec.id ELSE r.id END AS unit, t.code AS theme
ORDER BY unit, theme
WITH unit, collect(DISTINCT theme) AS themes
WITH collect({unit: unit, themes: themes}) AS units
WITH units, size(units) AS total
UNWIND units AS u
UNWIND u.themes AS a
UNWIND u.themes AS b
WITH units, total, a, b, u.unit AS unit
WHERE a < b
WITH units, total, a, b, collect(unit) AS shared_in
WHERE size(shared_in) >= $min_count
WITH total, a, b, shared_in,
     size([x IN units WHERE a IN x.themes]) AS count_a,
     size([x IN units WHERE b IN x.themes]) AS count_b
RETURN a AS theme_a, b AS theme_b, size(shared_in) AS shared, count_a, count_b,
       round(toFloat(size(shared_in)) * total / (count_a * count_b), 3) AS lift,
       shared_in
ORDER BY shared DESC, lift DESC, theme_a, theme_b
