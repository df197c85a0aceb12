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
// Each review raising a theme, once: its partnership types, and the standards and agencies of
// its recommendations on the theme.
MATCH (t:Theme)<-[:HAS_THEME]-(again:Recommendation)<-[:MADE]-(later:Review)
WITH t, later, collect(again) AS again
WITH t, collect({review: later, id: later.id, publishedAs: later.publishedAs,
                 periodFrom: later.periodFrom,
                 published: CASE WHEN later.periodFrom IS NULL
                                 THEN date(later.publishedAs) END,
                 types: COLLECT { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership)
                                  RETURN p.type },
                 standards: COLLECT { UNWIND again AS r MATCH (r)-[:MAPS_TO]->(s:Standard)
                                      RETURN DISTINCT s },
                 agencies: COLLECT { UNWIND again AS r MATCH (r)-[:DIRECTED_AT]->(g:Agency)
                                     RETURN DISTINCT g }}) AS laters
// Each completed action on the theme, then the reviews above that came later and point back.
MATCH (t)<-[h1:HAS_THEME]-(rec:Recommendation)<-[:RESPONDS_TO]-(a:Action)
WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
MATCH (original:Review)-[:MADE]->(rec)
OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Agency)
WITH t, laters, a, owner, original,
     COLLECT { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership) RETURN p.type } AS types,
     COLLECT { MATCH (rec)-[:MAPS_TO]->(s:Standard) RETURN s } AS standards
WITH t, laters, min(a.completed) AS first, collect(types) AS all_types,
     collect({action: a, owner: owner, original: original, types: types,
              standards: standards}) AS done
// The baseline: the reviews that looked at practice after the first completion.
WITH t, laters, done, size(laters) * 1.0 / COUNT { MATCH (:Review) } AS share,
     COUNT { MATCH (r:Review)
             WHERE CASE WHEN r.periodFrom IS NOT NULL THEN r.periodFrom > first
                        ELSE date(r.publishedAs) >= first + duration({months: $gap_months}) END
               AND ($across_partnerships
                    OR EXISTS { MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership)
                                WHERE any(types IN all_types WHERE p.type IN types) }) }
       AS reviews_after
// Whether a later review points back at an action depends on the completion date only through
// "completed before", so through a shared standard only the earliest completed actions can
// decide it: for each standard and partnership type, the earliest action and the earliest from
// another review (the review itself never counts). The same holds the other way: for each
// standard and type, the two later reviews whose periods begin last and the two published last
// (without a period) decide whether an action is pointed back at. Through the action's owner,
// the graph is followed from the agency (agencies are local, so this stays small). Nothing is
// tested against every action or every review of a theme.
WITH t, share, reviews_after, done, laters,
     COLLECT { UNWIND done AS d
               UNWIND d.standards AS standard
               UNWIND CASE WHEN $across_partnerships THEN [null] ELSE d.types END AS type
               WITH standard, type, d ORDER BY d.action.completed
               WITH standard, type, collect(DISTINCT d) AS ds
               RETURN {standard: standard, type: type, first: ds[0],
                       second: [x IN ds WHERE x.original <> ds[0].original][0]} } AS earliest,
     COLLECT { UNWIND laters AS later
               UNWIND later.standards AS standard
               UNWIND CASE WHEN $across_partnerships THEN [null] ELSE later.types END AS type
               WITH standard, type, collect(DISTINCT later) AS ls
               RETURN {standard: standard, type: type,
                       from: COLLECT { UNWIND ls AS l WITH l WHERE l.periodFrom IS NOT NULL
                                       RETURN l ORDER BY l.periodFrom DESC LIMIT 2 },
                       published: COLLECT { UNWIND ls AS l
                                            WITH l WHERE l.periodFrom IS NULL
                                                     AND l.published IS NOT NULL
                                            RETURN l ORDER BY l.published DESC LIMIT 2 }} }
       AS latest
WITH t, share, reviews_after, done, latest,
     [later IN laters WHERE
        any(g IN earliest WHERE g.standard IN later.standards
              AND ($across_partnerships OR g.type IN later.types)
              AND any(d IN [CASE WHEN g.first.original <> later.review THEN g.first
                                 ELSE g.second END]
                      WHERE CASE WHEN later.periodFrom IS NOT NULL
                                 THEN later.periodFrom > d.action.completed
                                 ELSE later.published >= d.action.completed
                                                         + duration({months: $gap_months}) END))
        OR EXISTS {
          UNWIND [later.review] AS review
          MATCH (review)-[:MADE]->(again:Recommendation)-[:HAS_THEME]->(t),
                (again)-[:DIRECTED_AT]->(:Agency)<-[:OWNED_BY]-(a:Action)
                  -[:RESPONDS_TO]->(rec:Recommendation)-[:HAS_THEME]->(t),
                (original:Review)-[:MADE]->(rec)
          WHERE a.completed IS NOT NULL AND a.status IN ['completed', 'impact-evidenced']
            AND original <> review
            AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > a.completed
                     ELSE later.published >= a.completed + duration({months: $gap_months}) END
            AND ($across_partnerships
                 OR EXISTS { MATCH (original)-[:COMMISSIONED_BY]->(p:Partnership)
                             WHERE p.type IN later.types }) }] AS found
WHERE size(found) > 0
UNWIND done AS d
WITH t, share, reviews_after, found, latest, d, d.owner AS owner
WHERE any(g IN latest WHERE g.standard IN d.standards
            AND ($across_partnerships OR g.type IN d.types)
            AND (any(l IN [x IN g.from WHERE x.review <> d.original][0..1]
                     WHERE l.periodFrom > d.action.completed)
                 OR any(l IN [x IN g.published WHERE x.review <> d.original][0..1]
                        WHERE l.published >= d.action.completed
                                             + duration({months: $gap_months}))))
   OR EXISTS {
        MATCH (owner)<-[:DIRECTED_AT]-(again:Recommendation)-[:HAS_THEME]->(t),
              (later:Review)-[:MADE]->(again)
        WHERE later <> d.original
          AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > d.action.completed
                   ELSE date(later.publishedAs) >= d.action.completed
                                                   + duration({months: $gap_months}) END
          AND ($across_partnerships
               OR EXISTS { MATCH (later)-[:COMMISSIONED_BY]->(p:Partnership)
                           WHERE p.type IN d.types }) }
WITH t, share, reviews_after, found, count(DISTINCT d.action) AS completed_actions,
     min(d.action.completed) AS first_completed, max(d.action.completed) AS last_completed
WITH t, share, reviews_after, completed_actions, first_completed, last_completed,
     COLLECT { UNWIND found AS later RETURN later.id AS id ORDER BY later.publishedAs, id }
       AS later_reviews
WITH t, completed_actions, first_completed, last_completed, later_reviews, reviews_after, share,
     reviews_after * share AS expected
RETURN t.code AS theme, t.label AS label, completed_actions, first_completed, last_completed,
       later_reviews, reviews_after, round(100 * share, 1) AS pct_reviews_raising,
       round(expected, 1) AS expected_reviews,
       round(size(later_reviews) / expected, 2) AS times_expected
ORDER BY times_expected DESC, size(later_reviews) DESC, theme
