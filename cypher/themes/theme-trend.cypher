// name: theme-trend
// How often each key theme is raised, year by year of publication, so a rise can be read as a
// share: one row per theme and year, every year from the first review to the last (years in
// which the theme was not raised show 0), with the separate reviews and the recommendations
// raising it that year, how many reviews were published that year, and the percentage of them
// raising it. Reviews can be added up across years for one theme, not across themes (a review
// raises several themes). A review counts in the year of its publication date even when the
// report gives only the year or the month; a review with no publication date (a thematic
// review may have none) is in no year's row. Optionally one theme (by code).
// A local theme (one a partnership declared beside the framework's 13, scope local) is a row
// of its own, never counted in a framework theme's row; scope says which is which.
// for: business managers and analysts reporting trends to the board
// param: theme theme default=null -- only this theme (its code, e.g. neglect)
// param: scope string default=all choices=all|framework|local -- all themes, only the framework's 13 key themes, or only the local themes partnerships declared beside them
// returns: theme, scope, year, reviews, recommendations, reviews_published, pct_of_reviews
// example: theme=neglect
MATCH (r:Review)
WITH coalesce(r.year, r.published.year) AS year, count(r) AS published
WITH collect({year: year, published: published}) AS per_year, min(year) AS first,
     max(year) AS last
MATCH (t:Theme)
WHERE ($theme IS NULL OR t.code = $theme)
  AND ($scope = 'all' OR coalesce(t.scope, 'framework') = $scope)
  AND EXISTS { (t)<-[h:HAS_THEME]-(:Recommendation) }
UNWIND range(first, last) AS year
CALL (t, year) {
  OPTIONAL MATCH (t)<-[coded:HAS_THEME]-(rec:Recommendation)<-[:MADE]-(r:Review)
  WHERE coalesce(r.year, r.published.year) = year
  RETURN count(DISTINCT r) AS reviews, count(DISTINCT rec) AS recommendations
}
WITH t, year, reviews, recommendations,
     coalesce(head([p IN per_year WHERE p.year = year | p.published]), 0) AS reviews_published
RETURN t.code AS theme, coalesce(t.scope, 'framework') AS scope, year, reviews, recommendations, reviews_published,
       CASE WHEN reviews_published = 0 THEN null
            ELSE round(100.0 * reviews / reviews_published, 1) END AS pct_of_reviews
ORDER BY theme, year
