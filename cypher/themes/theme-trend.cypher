// name: theme-trend
// How often each key theme is raised, year by year of publication: the separate reviews and
// the recommendations raising it in each year. Optionally one theme (by code).
// for: business managers and analysts reporting trends to the board
// param: theme string default=null -- only this theme (its code, e.g. neglect)
// returns: theme, year, reviews, recommendations
// example: theme=neglect
MATCH (t:Theme)<-[coded:HAS_THEME]-(rec:Recommendation)<-[:MADE]-(r:Review)
WHERE coalesce(coded.accepted, true) AND ($theme IS NULL OR t.code = $theme)
WITH t.code AS theme, coalesce(r.year, r.published.year) AS year,
     count(DISTINCT r) AS reviews, count(DISTINCT rec) AS recommendations
RETURN theme, year, reviews, recommendations
ORDER BY theme, year
