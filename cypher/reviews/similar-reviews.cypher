// name: similar-reviews
// Which other reviews are most like this one: reviews sharing the most key themes with it,
// with the number shared, the Jaccard similarity of the two reviews' theme sets and the shared
// themes.
// for: lead reviewers at commissioning, analysts looking for related learning
// param: review string -- the review's id
// param: limit integer default=5 -- how many similar reviews to list
// returns: review, title, kind, published, shared_themes, jaccard, themes
// example: review=NSCP-LCSPR-2021-01
MATCH (r:Review {id: $review})-[:MADE]->(:Recommendation)-[h:HAS_THEME]->(t:Theme)
WHERE coalesce(h.accepted, true)
WITH r, collect(DISTINCT t.code) AS mine
MATCH (other:Review)-[:MADE]->(:Recommendation)-[h:HAS_THEME]->(t:Theme)
WHERE other <> r AND coalesce(h.accepted, true)
WITH mine, other, collect(DISTINCT t.code) AS theirs
WITH mine, other, theirs, [c IN mine WHERE c IN theirs] AS shared
WHERE size(shared) > 0
UNWIND shared AS code
WITH mine, other, theirs, shared, code ORDER BY code
WITH mine, other, theirs, collect(code) AS shared
RETURN other.id AS review, other.title AS title, other.kind AS kind,
       other.published AS published, size(shared) AS shared_themes,
       round(toFloat(size(shared)) / (size(mine) + size(theirs) - size(shared)), 3) AS jaccard,
       shared AS themes
ORDER BY shared_themes DESC, jaccard DESC, review
LIMIT $limit
