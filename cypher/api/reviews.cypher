// name: reviews
// The reviews, newest first, each with the partnership that commissioned it, the
// recommendations it made and the key themes they raise; or one review by its id. The web
// service's lists and pages of reviews.
// A joint review's partnerships (their IDs, names and types) are joined with ';'.
// for: the web service, and anyone browsing the graph
// param: id string default=null -- only the review with this id
// param: kind string default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of this kind
// param: partnership_type string default=null choices=children|adults|community-safety|national -- only reviews commissioned by this type of partnership
// param: skip integer default=0 -- how many rows to skip (paging)
// param: limit integer default=100 -- the most rows to return (paging)
// returns: id, title, kind, published, guidance, summary, partnership, partnership_name, partnership_type, recommendations, themes
// example: kind=DHR
MATCH (r:Review)
WHERE ($id IS NULL OR r.id = $id) AND ($kind IS NULL OR r.kind = $kind)
WITH *, COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(x:Partnership) RETURN x ORDER BY x.id } AS ps
WITH *, CASE WHEN size(ps) = 0 THEN null ELSE
          {id: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.id),
           name: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE '; ' END + x.name),
           type: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.type)}
        END AS p
WITH r, p, ps
WHERE $partnership_type IS NULL OR any(x IN ps WHERE x.type = $partnership_type)
RETURN r.id AS id, r.title AS title, r.kind AS kind, r.published AS published,
       r.guidance AS guidance, r.summary AS summary, p.id AS partnership,
       p.name AS partnership_name, p.type AS partnership_type,
       COLLECT {
         MATCH (r)-[:MADE]->(rec:Recommendation)
         RETURN {id: rec.id, number: rec.number, text: rec.text} AS item
         ORDER BY rec.numberOrder, item.id
       } AS recommendations,
       COLLECT {
         MATCH (r)-[:MADE]->(:Recommendation)-[h:HAS_THEME]->(t:Theme)
         RETURN DISTINCT t.code AS code ORDER BY code
       } AS themes
ORDER BY r.publishedAs DESC, id SKIP $skip
LIMIT $limit
