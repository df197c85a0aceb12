// name: review-index
// Every review, with its kind, date and year of publication, the partnership that commissioned
// it and how many recommendations it made: the reviews a network page can be filtered by.
// A joint review's partnerships (their IDs, names and types) are joined with ';'.
// for: the network pages (scrgraph viz), analysts listing what has been loaded
// param: kind string default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of this kind
// returns: review, title, kind, published, year, partnership, partnership_name, partnership_type, recommendations
// example: kind=SCR
MATCH (r:Review)
WHERE $kind IS NULL OR r.kind = $kind
WITH *, COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(x:Partnership) RETURN x ORDER BY x.id } AS ps
WITH *, CASE WHEN size(ps) = 0 THEN null ELSE
          {id: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.id),
           name: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE '; ' END + x.name),
           type: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.type)}
        END AS p
RETURN r.id AS review, r.title AS title, r.kind AS kind, r.published AS published,
       coalesce(r.year, r.published.year) AS year, p.id AS partnership,
       p.name AS partnership_name, p.type AS partnership_type,
       COUNT { (r)-[:MADE]->(:Recommendation) } AS recommendations
ORDER BY r.publishedAs, review
