// name: cross-partnership-themes
// Which key themes recur across children's reviews, safeguarding adult reviews and domestic
// homicide reviews: for each theme, the separate reviews raising it per partnership type,
// kept when it appears under at least $min_types types of partnership. One row per theme;
// do not add up reviews across themes (a review raises several themes). A joint review counts
// under each type of partnership that commissioned it, once in reviews; cases counts the
// separate cases behind the reviews by their case keys (a SAR and a DHR of one death are one
// case; a review without a case key is a case of its own).
// A local theme (one a partnership declared beside the framework's 13, scope local) is a row
// of its own, never counted in a framework theme's row; scope says which is which.
// for: the Public Protection Forum and chairs of the partnership boards
// param: min_types integer default=2 -- fewest partnership types whose reviews raise the theme
// param: scope string default=all choices=all|framework|local -- all themes, only the framework's 13 key themes, or only the local themes partnerships declared beside them
// returns: theme, label, scope, children_reviews, adults_reviews, community_safety_reviews, partnership_types, reviews, cases
MATCH (t:Theme)<-[coded:HAS_THEME]-(:Recommendation)<-[:MADE]-(r:Review)
      -[:COMMISSIONED_BY]->(p:Partnership)
WHERE ($scope = 'all' OR coalesce(t.scope, 'framework') = $scope)
WITH t, collect(DISTINCT {review: r.id, type: p.type}) AS raised, collect(DISTINCT r) AS reviewed
WITH t, raised,
     size(COLLECT { UNWIND reviewed AS x UNWIND coalesce(x.cases, ['review:' + x.id]) AS c
                    RETURN DISTINCT c }) AS cases,
     size([x IN raised WHERE x.type = 'children']) AS children_reviews,
     size([x IN raised WHERE x.type = 'adults']) AS adults_reviews,
     size([x IN raised WHERE x.type = 'community-safety']) AS community_safety_reviews
WITH t, children_reviews, adults_reviews, community_safety_reviews, cases,
     size([n IN [children_reviews, adults_reviews, community_safety_reviews] WHERE n > 0])
       AS partnership_types,
     size(COLLECT { UNWIND raised AS x RETURN DISTINCT x.review }) AS reviews
WHERE partnership_types >= $min_types
RETURN t.code AS theme, t.label AS label, coalesce(t.scope, 'framework') AS scope,
       children_reviews, adults_reviews,
       community_safety_reviews, partnership_types, reviews, cases
ORDER BY partnership_types DESC, reviews DESC, theme
