// name: learning-not-embedded-by-theme
// Which key themes came back after actions on them were completed, one row per theme: how
// many completed actions were followed by a later recommendation on the theme that points back
// at them (it shares a practice standard with the recommendation the action answered, or is
// directed at the action's owner) in a review that looked at practice after the completion
// (its period under review starts after it or, with no period recorded, the review was
// published at least $gap_months months after it); when the first and last of those actions
// were completed; and the later reviews in order of publication. By default only reviews
// commissioned by the same type of partnership count. An action coded to two themes counts
// under both, so do not add up completed_actions across themes (see learning-not-embedded
// for the actions one by one).
// A later review without a period known only by its month or year counts from that month's
// or year's first day; one with neither a period nor a publication date never counts as later.
// for: the board deciding where completed actions did not change practice
// param: across_partnerships boolean default=false -- also count later reviews commissioned by other types of partnership
// param: gap_months integer default=12 -- for a later review with no period under review recorded: least time, in months, from the completion to its publication
// returns: theme, label, completed_actions, first_completed, last_completed, later_reviews
MATCH (t:Theme)<-[h1:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
MATCH (original:Review)-[:MADE]->(rec)
OPTIONAL MATCH (original)-[:COMMISSIONED_BY]->(p1:Partnership)
OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
MATCH (t)<-[h2:HAS_THEME]-(again:Recommendation)<-[:MADE]-(later:Review)
WHERE later <> original
  AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > a.completed
           ELSE date(later.publishedAs) >= a.completed + duration({months: $gap_months}) END
OPTIONAL MATCH (later)-[:COMMISSIONED_BY]->(p2:Partnership)
WITH t, a, rec, owner, again, later, p1, p2
WHERE ($across_partnerships OR p1.type = p2.type)
  AND (EXISTS { (rec)-[m1:MAPS_TO]->(:Standard)<-[m2:MAPS_TO]-(again)
                }
       OR EXISTS { (again)-[:DIRECTED_AT]->(owner) })
WITH t, a, later ORDER BY later.publishedAs, later.id
WITH t, count(DISTINCT a) AS completed_actions, min(a.completed) AS first_completed,
     max(a.completed) AS last_completed, collect(DISTINCT later.id) AS later_reviews
RETURN t.code AS theme, t.label AS label, completed_actions, first_completed, last_completed,
       later_reviews
ORDER BY size(later_reviews) DESC, theme
