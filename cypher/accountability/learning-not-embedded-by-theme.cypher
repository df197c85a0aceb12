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
// it), and the link is a key both share: a practice standard (of the later review's
// recommendations on the theme, and of the action's recommendation) or an agency (one the
// later recommendations are directed at, and the action's owner), under a partnership type
// both reviews have. So, per theme, key and type, the two earliest completions (from two
// reviews) decide which of the later reviews sharing them point back, and the two later
// reviews whose periods begin last and the two published last (without a period) decide
// which of the actions are pointed back at. No review is tested against every action: each
// review and each action is grouped under its keys once, so the work grows with the corpus.
CALL (t) {
  CALL (t) {
    MATCH (t)<-[:HAS_THEME]-(again:Recommendation)<-[:MADE]-(later:Review)
    WITH later, collect(again) AS again
    WITH later,
         CASE WHEN $across_partnerships THEN [null]
              ELSE COLLECT { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership)
                             RETURN DISTINCT p.type } END AS types,
         COLLECT { UNWIND again AS r MATCH (r)-[:MAPS_TO]->(s:Standard) RETURN DISTINCT s }
         + COLLECT { UNWIND again AS r MATCH (r)-[:DIRECTED_AT]->(g:Agency) RETURN DISTINCT g }
           AS keys
    UNWIND keys AS key
    UNWIND types AS type
    RETURN key, type, later, null AS done
    UNION ALL
    MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
    WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
    // Each recommendation's review followed from it: written as one pattern, the planner,
    // its statistics out of date just after a load, joined every action with every review
    // through a hash table (out of transaction memory at 500 reviews).
    CALL (rec) { MATCH (original:Review)-[:MADE]->(rec) RETURN original }
    WITH a, original,
         CASE WHEN $across_partnerships THEN [null]
              ELSE COLLECT { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership)
                             RETURN DISTINCT p.type } END AS types,
         COLLECT { MATCH (rec)-[:MAPS_TO]->(s:Standard) RETURN s }
         + COLLECT { MATCH (a)-[:OWNED_BY]->(g:Agency) RETURN g } AS keys
    UNWIND keys AS key
    UNWIND types AS type
    RETURN key, type, null AS later, {action: a, original: original} AS done
  }
  WITH key, type, collect(later) AS laters, collect(done) AS done
  WHERE size(laters) > 0 AND size(done) > 0
  WITH laters, done,
       COLLECT { UNWIND done AS d RETURN d ORDER BY d.action.completed LIMIT 1 } AS earliest
  // The earliest completion, and the earliest from another review (no aggregation over the
  // list here: the runtime would account the list once per group).
  WITH laters, done,
       earliest + COLLECT { UNWIND done AS d WITH d WHERE d.original <> earliest[0].original
                            RETURN d ORDER BY d.action.completed LIMIT 1 } AS earliest,
       COLLECT { UNWIND laters AS l WITH l WHERE l.periodFrom IS NOT NULL
                 RETURN l ORDER BY l.periodFrom DESC LIMIT 2 } AS begun,
       COLLECT { UNWIND laters AS l WITH l WHERE l.periodFrom IS NULL
                 WITH l, date(l.publishedAs) AS published WHERE published IS NOT NULL
                 RETURN {review: l, published: published} ORDER BY published DESC LIMIT 2 }
         AS published
  CALL (laters, done, earliest, begun, published) {
    UNWIND laters AS later
    WITH later, [e IN earliest WHERE e.original <> later][0].action.completed AS completed
    WHERE CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > completed
               ELSE date(later.publishedAs) >= completed + duration({months: $gap_months}) END
    RETURN later, null AS a
    UNION ALL
    UNWIND done AS d
    WITH d
    WHERE any(l IN [x IN begun WHERE x <> d.original][0..1]
              WHERE l.periodFrom > d.action.completed)
       OR any(l IN [x IN published WHERE x.review <> d.original][0..1]
              WHERE l.published >= d.action.completed + duration({months: $gap_months}))
    RETURN null AS later, d.action AS a
  }
  RETURN later, a
}
WITH t, collect(DISTINCT later) AS found, collect(DISTINCT a) AS pointed_at
WHERE size(found) > 0
// The baseline: the reviews of the partnership types concerned that looked at practice after
// the theme's first completed action, and the theme's share of all reviews.
CALL (t) {
  MATCH (t)<-[:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
  WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
  CALL (rec) { MATCH (original:Review)-[:MADE]->(rec) RETURN original }
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
// Grouped on every column (each row is one theme already), so that the rows the sort holds
// carry only the answer: sorted with every value gathered before it, the 13 rows ran out of
// the server's transaction memory at 500 reviews (1 GB heap).
WITH t.code AS theme, t.label AS label, completed_actions, first_completed, last_completed,
     later_reviews, reviews_after, round(100 * share, 1) AS pct_reviews_raising,
     round(expected, 1) AS expected_reviews,
     round(size(later_reviews) / expected, 2) AS times_expected, count(*) AS rows
RETURN theme, label, completed_actions, first_completed, last_completed, later_reviews,
       reviews_after, pct_reviews_raising, expected_reviews, times_expected
ORDER BY times_expected DESC, size(later_reviews) DESC, theme
