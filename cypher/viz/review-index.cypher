// name: review-index
// Every review, with its kind, date and year of publication, the partnership that commissioned
// it and how many recommendations it made: the reviews a network page can be filtered by.
// for: the network pages (scrgraph viz), analysts listing what has been loaded
// param: kind string default=null choices=SCR|LCSPR|SAR|DHR|THEMATIC|NATIONAL -- only reviews of this kind
// returns: review, title, kind, published, year, partnership, partnership_name, partnership_type, recommendations
// example: kind=SCR
MATCH (r:Review)
WHERE $kind IS NULL OR r.kind = $kind
OPTIONAL MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership)
RETURN r.id AS review, r.title AS title, r.kind AS kind, r.published AS published,
       coalesce(r.year, r.published.year) AS year, p.id AS partnership,
       p.name AS partnership_name, p.type AS partnership_type,
       COUNT { (r)-[:MADE]->(:Recommendation) } AS recommendations
ORDER BY r.publishedAs, review
