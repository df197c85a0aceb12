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
// A theme most reviews raise comes back after almost anything, which says little about the
// actions on it; so the rows are ranked by times_expected, how many times more often the theme
// came back than its usual frequency predicts: later_reviews divided by expected_reviews, the
// reviews_after (reviews of the partnership types concerned that looked at practice after the
// theme's first completed action, by the same rule) times pct_reviews_raising (the share of
// all reviews in the database raising the theme). About 1 or below: it comes back as often as
// any review raises it; well above 1: more often than its frequency explains. Small numbers:
// read times_expected beside later_reviews, never on its own.
// for: the board deciding where completed actions did not change practice
// param: across_partnerships boolean default=false -- also count later reviews commissioned by other types of partnership
// param: gap_months integer default=12 -- for a later review with no period under review recorded: least time, in months, from the completion to its publication
// returns: theme, label, completed_actions, first_completed, last_completed, later_reviews, reviews_after, pct_reviews_raising, expected_reviews, times_expected
MATCH (t:Theme)
// Whether a later review points back at an action depends on the completion date only through
// "completed before" (the period begins after it, or the review came out $gap_months after
// it). So, theme by theme, nothing is tested pair by pair except through the action's owner
// (agencies belong to an area, so an owner's later recommendations on a theme are few):
// * a later review points back through a shared standard when, for that standard and a
//   partnership type both reviews have, the earliest completed action from another review
//   came before it: the two earliest completions (from two reviews) per standard and type
//   decide, and the reviews are found from the standard;
// * an action is pointed back at through a shared standard when, for a standard of its
//   recommendation and a type of its review, the later review (not its own) whose period
//   begins last, or that without a period came out last, came after it: the two of each per
//   standard and type decide, and the actions are found from the standard.
// Each part is a subquery of its own per theme, so its shape does not depend on the plan.
CALL (t) {
  MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action),
        (original:Review)-[:MADE]->(rec)-[:MAPS_TO]->(s:Standard)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
  UNWIND CASE WHEN $across_partnerships THEN [null]
              ELSE COLLECT { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership)
                             RETURN DISTINCT p.type } END AS type
  WITH s, type, original, min(a.completed) AS completed
  WITH s, type, collect({original: original, completed: completed}) AS done
  WITH s, type, COLLECT { UNWIND done AS d RETURN d ORDER BY d.completed LIMIT 2 } AS earliest
  MATCH (s)<-[:MAPS_TO]-(again:Recommendation)-[:HAS_THEME]->(t),
        (later:Review)-[:MADE]->(again)
  WHERE $across_partnerships
        OR EXISTS { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership) WHERE p.type = type }
  WITH DISTINCT later, [d IN earliest WHERE d.original <> later][0].completed AS completed
  WHERE CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > completed
             ELSE date(later.publishedAs) >= completed + duration({months: $gap_months}) END
  RETURN later, null AS a
  UNION ALL
  MATCH (t)<-[:HAS_THEME]-(again:Recommendation)-[:MAPS_TO]->(s:Standard),
        (later:Review)-[:MADE]->(again)
  UNWIND CASE WHEN $across_partnerships THEN [null]
              ELSE COLLECT { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership)
                             RETURN DISTINCT p.type } END AS type
  WITH DISTINCT s, type, later
  WITH s, type, collect(later) AS laters
  WITH s, type,
       COLLECT { UNWIND laters AS l WITH l WHERE l.periodFrom IS NOT NULL
                 RETURN l ORDER BY l.periodFrom DESC LIMIT 2 } AS begun,
       COLLECT { UNWIND laters AS l WITH l WHERE l.periodFrom IS NULL
                 WITH l, date(l.publishedAs) AS published WHERE published IS NOT NULL
                 RETURN {review: l, published: published} ORDER BY published DESC LIMIT 2 }
         AS published
  MATCH (s)<-[:MAPS_TO]-(rec:Recommendation)-[:HAS_THEME]->(t),
        (original:Review)-[:MADE]->(rec)<-[:RESPONDS_TO]-(a:Action)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
    AND ($across_partnerships
         OR EXISTS { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership)
                     WHERE p.type = type })
    AND (any(l IN [x IN begun WHERE x <> original][0..1] WHERE l.periodFrom > a.completed)
         OR any(l IN [x IN published WHERE x.review <> original][0..1]
                WHERE l.published >= a.completed + duration({months: $gap_months})))
  RETURN null AS later, a
  UNION ALL
  MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
          -[:OWNED_BY]->(owner:Agency),
        (original:Review)-[:MADE]->(rec)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
  WITH DISTINCT t, a, owner, original
  MATCH (owner)<-[:DIRECTED_AT]-(again:Recommendation)-[:HAS_THEME]->(t),
        (later:Review)-[:MADE]->(again)
  WHERE later <> original
    AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > a.completed
             ELSE date(later.publishedAs) >= a.completed + duration({months: $gap_months}) END
    AND ($across_partnerships
         OR EXISTS { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership),
                           (original)-[:COMMISSIONED_BY]->(q:Partnership)
                     WHERE p.type = q.type })
  RETURN DISTINCT later, a
}
WITH t, collect(DISTINCT later) AS found, collect(DISTINCT a) AS pointed_at
WHERE size(found) > 0
// The baseline: the reviews of the partnership types concerned that looked at practice after
// the theme's first completed action, and the theme's share of all reviews.
CALL (t) {
  MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action),
        (original:Review)-[:MADE]->(rec)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
  OPTIONAL MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership)
  RETURN min(a.completed) AS first, collect(DISTINCT p.type) AS types
}
CALL (t) {
  MATCH (t)<-[:HAS_THEME]-(:Recommendation)<-[:MADE]-(r:Review)
  RETURN count(DISTINCT r) AS raising
}
WITH t, found, pointed_at, raising * 1.0 / COUNT { MATCH (:Review) } AS share,
     COUNT { MATCH (r:Review)
             WHERE CASE WHEN r.periodFrom IS NOT NULL THEN r.periodFrom > first
                        ELSE date(r.publishedAs) >= first + duration({months: $gap_months}) END
               AND ($across_partnerships
                    OR EXISTS { MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership)
                                WHERE p.type IN types }) }
       AS reviews_after
WITH t, share, reviews_after, size(pointed_at) AS completed_actions,
     reduce(m = null, a IN pointed_at | CASE WHEN m IS NULL OR a.completed < m
                                           THEN a.completed ELSE m END) AS first_completed,
     reduce(m = null, a IN pointed_at | CASE WHEN m IS NULL OR a.completed > m
                                           THEN a.completed ELSE m END) AS last_completed,
     COLLECT { UNWIND found AS later RETURN later.id AS id ORDER BY later.publishedAs, id }
       AS later_reviews
WITH t, completed_actions, first_completed, last_completed, later_reviews, reviews_after, share,
     reviews_after * share AS expected
RETURN t.code AS theme, t.label AS label, completed_actions, first_completed, last_completed,
       later_reviews, reviews_after, round(100 * share, 1) AS pct_reviews_raising,
       round(expected, 1) AS expected_reviews,
       round(size(later_reviews) / expected, 2) AS times_expected
ORDER BY times_expected DESC, size(later_reviews) DESC, theme
