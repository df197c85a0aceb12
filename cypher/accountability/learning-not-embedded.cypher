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
// Each review raising a theme, once: its partnership types and, for each of its recommendations
// on the theme, the standards it maps to and the agencies it is directed at.
MATCH (t:Theme)<-[:HAS_THEME]-(again:Recommendation)<-[:MADE]-(later:Review)
WHERE $theme IS NULL OR t.code = $theme
WITH t, later, again ORDER BY again.numberOrder, again.id
WITH t, later, collect({id: again.id,
                        standards: COLLECT { MATCH (again)-[:MAPS_TO]->(s:Standard) RETURN s },
                        agencies: COLLECT { MATCH (again)-[:DIRECTED_AT]->(g:Agency) RETURN g }
                       }) AS again
WITH t, collect({review: later, id: later.id, publishedAs: later.publishedAs,
                 periodFrom: later.periodFrom,
                 published: CASE WHEN later.periodFrom IS NULL
                                 THEN date(later.publishedAs) END,
                 types: COLLECT { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership)
                                  RETURN p.type },
                 again: again}) AS laters
// Each completed action on the theme, then the reviews above that came later and point back.
MATCH (t)<-[h1:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
MATCH (original:Review)-[:MADE]->(rec)
OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
WITH t, laters, a, rec, owner, original,
     COLLECT { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership) RETURN p.type } AS types,
     COLLECT { MATCH (rec)-[:MAPS_TO]->(s:Standard) RETURN s } AS standards
UNWIND laters AS later
WITH t, a, owner, original, standards, later
WHERE later.review <> original
  AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > a.completed
           ELSE later.published >= a.completed + duration({months: $gap_months}) END
  AND ($across_partnerships OR any(type IN later.types WHERE type IN types))
WITH t, a, owner, original, later.id AS later, later.publishedAs AS publishedAs,
     [again IN later.again
      WHERE any(s IN again.standards WHERE s IN standards) OR owner IN again.agencies
      | again.id] AS again
WHERE size(again) > 0
WITH t, a, owner, original, later, again ORDER BY publishedAs, later
WITH t, a, owner, original, collect(DISTINCT later) AS later_reviews,
     reduce(ids = [], again IN collect(again) | ids + [id IN again WHERE NOT id IN ids])
       AS later_recommendations
RETURN t.code AS theme, a.id AS action, owner.id AS owner, original.id AS original_review,
       a.completed AS completed, later_reviews, later_recommendations
ORDER BY theme, completed, action
