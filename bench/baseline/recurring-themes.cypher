// name: recurring-themes
// Which key themes recur across separate reviews: for each theme, how many separate reviews and
// recommendations raise it, broken down by review kind and by the commissioning partnership's
// type. Only codings count: a tagger suggestion no analyst has accepted is a SUGGESTS_THEME
// relationship, never counted here. cases counts the separate cases behind those reviews, by
// their case keys: a SAR and a DHR of one death are two reviews and one case, a thematic
// review of three cases is one review and three cases, and a review without a case key is a
// case of its own. A joint review counts under each type of partnership that commissioned it,
// so do not add up by_partnership_type. One row per theme; do not add up reviews or cases
// across themes (a review raises several themes).
// A local theme (one a partnership declared beside the framework's 13, scope local) is a row
// of its own, never counted in a framework theme's row; scope says which is which.
// for: business managers, the SCR subgroup, analysts planning thematic work
// param: min_reviews integer default=2 -- fewest separate reviews that must raise a theme
// param: partnership_type string default=null choices=children|adults|community-safety|national -- only reviews commissioned by this type of partnership
// param: kind string default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of this kind
// param: scope string default=all choices=all|framework|local -- all themes, only the framework's 13 key themes, or only the local themes partnerships declared beside them
// returns: theme, label, scope, theme_kind, reviews, cases, recommendations, by_review_kind, by_partnership_type
MATCH (t:Theme)<-[coded:HAS_THEME]-(rec:Recommendation)<-[:MADE]-(r:Review)
  WHERE ($kind IS NULL OR r.kind = $kind)
    AND ($scope = 'all' OR coalesce(t.scope, 'framework') = $scope)
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership)
WITH t, rec, r, p
WHERE $partnership_type IS NULL OR p.type = $partnership_type
WITH t, count(DISTINCT r) AS reviews, count(DISTINCT rec) AS recommendations,
     collect(DISTINCT {review: r.id, kind: r.kind, type: p.type}) AS raised,
     collect(DISTINCT r) AS reviewed
WHERE reviews >= $min_reviews
WITH t, reviews, recommendations, raised, reviewed,
     size(COLLECT { UNWIND reviewed AS x UNWIND coalesce(x.cases, ['review:' + x.id]) AS c
                    RETURN DISTINCT c }) AS cases
RETURN t.code AS theme, t.label AS label, coalesce(t.scope, 'framework') AS scope,
       t.kind AS theme_kind, reviews, cases, recommendations,
       {SCR: size([x IN reviewed WHERE x.kind = 'SCR']),
        LCSPR: size([x IN reviewed WHERE x.kind = 'LCSPR']),
        SAR: size([x IN reviewed WHERE x.kind = 'SAR']),
        DHR: size([x IN reviewed WHERE x.kind = 'DHR']),
        THEMATIC: size([x IN reviewed WHERE x.kind = 'THEMATIC']),
        NATIONAL: size([x IN reviewed WHERE x.kind = 'NATIONAL'])} AS by_review_kind,
       {children: size([x IN raised WHERE x.type = 'children']),
        adults: size([x IN raised WHERE x.type = 'adults']),
        `community-safety`: size([x IN raised WHERE x.type = 'community-safety']),
        national: size([x IN raised WHERE x.type = 'national'])}
         AS by_partnership_type
ORDER BY reviews DESC, recommendations DESC, theme
