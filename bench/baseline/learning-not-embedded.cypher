// name: learning-not-embedded
// Where learning has not been embedded: a completed action, and the later recommendations
// that raise its key theme again in a way that points back at it. A later recommendation
// counts when (1) it shares a practice standard with the recommendation the action answered,
// or is directed at the agency that owns the action, and (2) its review looked at practice
// after the action was completed: the review's period under review (Reviews sheet, "Period
// from") starts after the completion date; for a review with no period recorded, it was
// published at least $gap_months months after the completion (a review's period under review
// usually ends about a year before it is published, so a review published sooner mostly looks
// at practice from before the action).
// A later review without a period whose report gives only the month or the year counts from
// the first day of that month or year, so it counts only when all of it is late enough; a
// review with neither a period nor a publication date never counts as later.
// By default only reviews commissioned by the same type of partnership count (an adults
// board's self-neglect is not the children's workforce's neglect). One row per completed
// action and theme: an action coded to two themes has two rows, and a later review can follow
// many actions, so do not add up later reviews across rows.
// for: the board and the SCR subgroup testing whether completed actions changed practice
// param: theme theme default=null -- only this theme (its code)
// param: across_partnerships boolean default=false -- also count later reviews commissioned by other types of partnership
// param: gap_months integer default=12 -- for a later review with no period under review recorded: least time, in months, from the completion to its publication
// returns: theme, action, owner, original_review, completed, later_reviews, later_recommendations
// example: theme=neglect
MATCH (t:Theme)<-[h1:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
WHERE ($theme IS NULL OR t.code = $theme)
  AND a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
MATCH (original:Review)-[:MADE]->(rec)
OPTIONAL MATCH (original)-[:COMMISSIONED_BY]->(p1:Partnership)
OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
MATCH (t)<-[h2:HAS_THEME]-(again:Recommendation)<-[:MADE]-(later:Review)
WHERE later <> original
  AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > a.completed
           ELSE date(later.publishedAs) >= a.completed + duration({months: $gap_months}) END
OPTIONAL MATCH (later)-[:COMMISSIONED_BY]->(p2:Partnership)
WITH t, a, rec, owner, original, again, later, p1, p2
WHERE ($across_partnerships OR p1.type = p2.type)
  AND (EXISTS { (rec)-[m1:MAPS_TO]->(:Standard)<-[m2:MAPS_TO]-(again)
                }
       OR EXISTS { (again)-[:DIRECTED_AT]->(owner) })
WITH t, a, owner, original, again, later ORDER BY later.publishedAs, later.id, again.numberOrder
WITH t, a, owner, original, collect(DISTINCT later.id) AS later_reviews,
     collect(DISTINCT again.id) AS later_recommendations
RETURN t.code AS theme, a.id AS action, owner.id AS owner, original.id AS original_review,
       a.completed AS completed, later_reviews, later_recommendations
ORDER BY theme, completed, action
