// name: similar-reviews
// Which other reviews are most like this one, by the Jaccard similarity of the two reviews'
// key themes (themes shared over themes raised by either, so a review raising every theme
// does not look like everything): one row per other review sharing at least one theme, with
// the number shared and the shared themes, most similar first.
// for: lead reviewers at commissioning, analysts looking for related learning
// param: review review -- the review: its ID or its title, any case
// param: limit integer default=5 -- how many similar reviews to list
// returns: review, title, kind, published, shared_themes, jaccard, themes
// example: review=NSCP-LCSPR-2021-01
MATCH (r:Review {id: $review})-[:MADE]->(:Recommendation)-[h:HAS_THEME]->(t:Theme)
WITH r, collect(DISTINCT t.code) AS mine
MATCH (other:Review)-[:MADE]->(:Recommendation)-[h:HAS_THEME]->(t:Theme)
WHERE other <> r
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
ORDER BY jaccard DESC, shared_themes DESC, review
LIMIT $limit
