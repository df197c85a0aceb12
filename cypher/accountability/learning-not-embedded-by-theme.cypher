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
// The later reviews that point back at some completed action (each test stops at the first
// action that qualifies), then the actions that some of those reviews point back at: never
// every action against every review as rows.
WITH t, share, reviews_after, done,
     [later IN laters WHERE any(d IN done WHERE later.review <> d.original
        AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > d.action.completed
                 ELSE later.published >= d.action.completed + duration({months: $gap_months}) END
        AND ($across_partnerships OR any(type IN later.types WHERE type IN d.types))
        AND (any(s IN later.standards WHERE s IN d.standards) OR d.owner IN later.agencies))] AS found
WHERE size(found) > 0
UNWIND [d IN done WHERE any(later IN found WHERE later.review <> d.original
        AND CASE WHEN later.periodFrom IS NOT NULL THEN later.periodFrom > d.action.completed
                 ELSE later.published >= d.action.completed + duration({months: $gap_months}) END
        AND ($across_partnerships OR any(type IN later.types WHERE type IN d.types))
        AND (any(s IN later.standards WHERE s IN d.standards) OR d.owner IN later.agencies))] AS d
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
