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
// many actions, so do not add up later reviews across rows. The counts count every later
// review and recommendation; the lists give the first $max_ids of each (a national corpus
// has thousands of later recommendations for one action: every one listed, the answer did
// not fit in the server's memory).
// for: the board and the SCR subgroup testing whether completed actions changed practice
// param: theme theme default=null -- only this theme (its code)
// param: across_partnerships boolean default=false -- also count later reviews commissioned by other types of partnership
// param: gap_months integer default=12 -- for a later review with no period under review recorded: least time, in months, from the completion to its publication
// param: max_ids integer default=20 -- the most later reviews and later recommendations to list per row, earliest first; 0 or less lists every one (the counts always count them all)
// returns: theme, action, owner, original_review, completed, later_review_count, later_reviews, later_recommendation_count, later_recommendations
// example: theme=neglect
// Theme by theme (one, with $theme). Each review raising the theme, once: its partnership
// types and, for each of its recommendations on the theme, the standards it maps to and the
// agencies it is directed at.
MATCH (t:Theme)
WHERE ($theme IS NULL OR t.code = $theme) AND EXISTS { (t)<-[:HAS_THEME]-(:Recommendation) }
WITH t ORDER BY t.code
// The completed actions on the theme, in the answer's order, each with its owner and the
// review it answered (the recommendations it answers there, on the theme, together).
CALL (t) {
  MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
  MATCH (original:Review)-[:MADE]->(rec)
  OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
  WITH a, owner, original, collect(rec) AS recs
  ORDER BY a.completed, a.id, owner.id
  RETURN collect({action: a, owner: owner, original: original, recs: recs}) AS done
}
// Each review raising the theme, once, in the order the answer lists later reviews: its
// partnership types and, for each of its recommendations on the theme, the standards it
// maps to and the agencies it is directed at.
CALL (t) {
  MATCH (t)<-[:HAS_THEME]-(again:Recommendation)<-[:MADE]-(later:Review)
  WITH later, again ORDER BY again.numberOrder, again.id
  WITH later, collect({id: again.id,
                       standards: COLLECT { MATCH (again)-[:MAPS_TO]->(s:Standard) RETURN s },
                       agencies: COLLECT { MATCH (again)-[:DIRECTED_AT]->(g:Agency) RETURN g }
                      }) AS again
  ORDER BY later.publishedAs, later.id
  RETURN collect({review: later, id: later.id, periodFrom: later.periodFrom,
                  published: CASE WHEN later.periodFrom IS NULL
                                  THEN date(later.publishedAs) END,
                  types: COLLECT { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership)
                                   RETURN p.type },
                  again: again}) AS laters
}
// Then one action at a time, the reviews above that came later and point back, in the order
// of the list above: nothing is sorted per action, since a sort holds each row it sorts with
// the theme's whole list of later reviews (at 1,000 reviews, all themes, across partnerships,
// that ran out of the server's transaction memory). A recommendation is made by one review,
// so the later recommendations are the later reviews' own, in the same order, each once.
UNWIND done AS d
CALL (laters, d) {
  WITH laters, d.action AS a, d.owner AS owner, d.original AS original, d.recs AS recs
  WITH laters, a, owner, original,
       COLLECT { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership) RETURN p.type } AS types,
       COLLECT { UNWIND recs AS rec MATCH (rec)-[:MAPS_TO]->(s:Standard) RETURN DISTINCT s }
         AS standards
  UNWIND laters AS later
  WITH a, owner, original, types, standards, later
  WHERE later.review <> original
    AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > a.completed
             ELSE later.published >= a.completed + duration({months: $gap_months}) END
    AND ($across_partnerships OR any(type IN later.types WHERE type IN types))
  WITH later.id AS later,
       [again IN later.again
        WHERE any(s IN again.standards WHERE s IN standards) OR owner IN again.agencies
        | again.id] AS again
  WHERE size(again) > 0
  WITH collect(later) AS later_reviews, collect(again) AS agains
  WITH later_reviews, COLLECT { UNWIND agains AS ids UNWIND ids AS id RETURN id } AS again_ids
  // Cut here, so the full lists never leave one action's subquery.
  RETURN size(later_reviews) AS later_review_count,
         CASE WHEN $max_ids > 0 THEN later_reviews[..$max_ids] ELSE later_reviews END
           AS later_reviews,
         size(again_ids) AS later_recommendation_count,
         CASE WHEN $max_ids > 0 THEN again_ids[..$max_ids] ELSE again_ids END
           AS later_recommendations
}
WITH t, d, later_review_count, later_reviews, later_recommendation_count,
     later_recommendations
WHERE later_review_count > 0
// Grouped on every column (each row is one action, owner and theme already), so that the rows
// the final sort holds carry only the answer, not the theme's list of later reviews.
WITH t.code AS theme, d.action.id AS action, d.owner.id AS owner,
     d.original.id AS original_review, d.action.completed AS completed, later_review_count,
     later_reviews, later_recommendation_count, later_recommendations, count(*) AS rows
RETURN theme, action, owner, original_review, completed, later_review_count, later_reviews,
       later_recommendation_count, later_recommendations
ORDER BY theme, completed, action
