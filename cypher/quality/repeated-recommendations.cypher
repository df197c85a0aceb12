// name: repeated-recommendations
// Where the same agency has been asked for substantially the same thing by different reviews:
// pairs of recommendations from different reviews, directed at one or more of the same
// agencies, sharing at least one key theme and one practice standard, whose texts overlap
// (Jaccard similarity of their sets of lower-cased words longer than three letters) by at
// least $min_similarity. One row per pair, earlier review first, with every agency both are
// directed at; rows can be counted as repeats, but a recommendation can be in several pairs.
// Most similar first (then by the two ids: every pair has its own place), a page of $limit
// pairs at a time: the next page starts at skip=$skip+$limit.
// for: the board and the business manager, before accepting another similar recommendation
// param: min_similarity float default=0.5 -- least word overlap (0 to 1) for a pair to be listed; on the sample data 0.5 keeps every known repeat and little else
// param: skip integer default=0 -- how many pairs to skip (paging)
// param: limit integer default=100 -- the most pairs to return (paging)
// returns: agencies, earlier_review, earlier_recommendation, earlier_text, later_review, later_recommendation, later_text, shared_themes, shared_standards, similarity
// Each recommendation once: its agencies, themes and standards, and its set of words.
MATCH (r:Review)-[:MADE]->(rec:Recommendation)
WITH r, rec,
     COLLECT { MATCH (rec)-[:DIRECTED_AT]->(g:Agency)
               RETURN DISTINCT g.id AS id ORDER BY id } AS agencies,
     COLLECT { MATCH (rec)-[:HAS_THEME]->(t:Theme)
               RETURN DISTINCT t.code AS code ORDER BY code } AS themes,
     COLLECT { MATCH (rec)-[:MAPS_TO]->(s:Standard)
               RETURN DISTINCT s.code AS code ORDER BY code } AS standards
WHERE size(agencies) > 0 AND size(themes) > 0 AND size(standards) > 0
WITH {id: rec.id, review: r.id, published: r.published, agencies: agencies,
      themes: themes, standards: standards,
      words: reduce(s = [], w IN [w IN split(toLower(rec.text),
                                               [' ', '\t', '\n', ',', '.', ';', ':', '(', ')', '!',
                                                '?', '"', '\'', '/'])
                                   WHERE size(w) > 3]
                    | CASE WHEN w IN s THEN s ELSE s + w END)} AS rec
// Candidate pairs: recommendations directed at one agency and sharing one theme; each pair is
// kept once, under the first agency and the first theme they share.
UNWIND rec.agencies AS agency
UNWIND rec.themes AS theme
WITH agency, theme, collect(rec) AS recs
UNWIND recs AS a
UNWIND recs AS b
WITH agency, theme, a, b
WHERE a.review <> b.review
  AND (a.published < b.published OR (a.published = b.published AND a.review < b.review))
WITH agency, theme, a, b, [g IN a.agencies WHERE g IN b.agencies] AS agencies,
     [t IN a.themes WHERE t IN b.themes] AS shared_themes
WHERE agency = agencies[0] AND theme = shared_themes[0]
WITH a, b, agencies, shared_themes, [s IN a.standards WHERE s IN b.standards] AS shared_standards
WHERE size(shared_standards) > 0
WITH a, b, agencies, shared_themes, shared_standards,
     size([w IN a.words WHERE w IN b.words]) AS common
WITH a, b, agencies, shared_themes, shared_standards,
     CASE WHEN size(a.words) + size(b.words) - common = 0 THEN 0.0
          ELSE toFloat(common) / (size(a.words) + size(b.words) - common) END AS similarity
WHERE similarity >= $min_similarity
// One page, ordered by what the rows show. Grouping (each pair is one row already) makes the
// rows sorted hold these values alone, not the candidate lists and word sets before them (the
// runtime keeps every earlier value in a row: a sort holding them ran out of transaction
// memory at 1,000 reviews); the texts are read for the page alone.
WITH agencies, a.review AS earlier_review, a.id AS earlier_recommendation,
     b.review AS later_review, b.id AS later_recommendation, shared_themes, shared_standards,
     round(similarity, 3) AS similarity, count(*) AS once
ORDER BY similarity DESC, earlier_recommendation, later_recommendation
SKIP $skip
LIMIT $limit
MATCH (earlier:Recommendation {id: earlier_recommendation})
MATCH (later:Recommendation {id: later_recommendation})
RETURN agencies, earlier_review, earlier_recommendation, earlier.text AS earlier_text,
       later_review, later_recommendation, later.text AS later_text, shared_themes,
       shared_standards, similarity
ORDER BY similarity DESC, earlier_recommendation, later_recommendation
