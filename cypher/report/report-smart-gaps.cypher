// name: report-smart-gaps
// What the SMART check stored at load finds missing from the recommendations within a report's
// scope: one row per element the check looks for (an owning agency, a timescale, a measure of it
// done, a specific action beyond 'consider' or 'raise awareness'), with how many recommendations
// in scope lack it and how many are in scope. A recommendation can lack several elements and
// counts under each, so the rows do not add up to the recommendations missing something (the
// summary's smart_gaps). This is the check's finding, not the analyst's SMART column (not_smart).
// As things stood on $as_of (default: today): only reviews published by then count.
// for: the monitoring and evaluation officer and the board: the quality section of a cross-review report
// param: from_year integer default=null -- only reviews published in or after this year
// param: to_year integer default=null -- only reviews published in or before this year
// param: kind list default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of these kinds (comma-separated)
// param: partnership string default=null -- only reviews commissioned by this partnership: its ID (e.g. NSCP) or its type (children, adults, community-safety)
// param: theme theme default=null -- only recommendations coded to this key theme (a code, label or alias)
// param: as_of date default=null -- as things stood on this day: only reviews published by then (default: today)
// returns: element, lacking, recommendations, in_scope
// example: partnership=children
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WHERE ($from_year IS NULL OR coalesce(r.year, r.published.year) >= $from_year)
  AND ($to_year IS NULL OR coalesce(r.year, r.published.year) <= $to_year)
  AND ($kind IS NULL OR r.kind IN $kind)
  AND ($partnership IS NULL OR EXISTS {
        (r)-[:COMMISSIONED_BY]->(p:Partnership)
        WHERE p.id = $partnership OR p.type = $partnership })
  AND ($theme IS NULL OR EXISTS { (rec)-[:HAS_THEME]->(:Theme {code: $theme}) })
  AND ($as_of IS NULL OR r.publishedAs IS NULL OR date(r.publishedAs) <= date($as_of))
WITH collect(DISTINCT rec) AS recs
UNWIND [['owner', 'an owning agency'], ['timescale', 'a timescale'],
        ['measure', 'a measure of it done'], ['action', 'a specific action']] AS element
WITH recs, element, CASE element[0] WHEN 'owner' THEN 1 WHEN 'timescale' THEN 2
                                    WHEN 'measure' THEN 3 ELSE 4 END AS position
RETURN element[0] AS element, element[1] AS lacking,
       size([x IN recs WHERE element[0] IN coalesce(x.smartGaps, [])]) AS recommendations,
       size(recs) AS in_scope
ORDER BY position
