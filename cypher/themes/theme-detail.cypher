// name: theme-detail
// One key theme across reviews: every recommendation that raises it, with its review, the
// practice standards it maps to, the agencies it is directed at and the agencies that own
// actions in response. The theme may be given by code, id or label (any case). One row per
// recommendation; the rows can be counted. scope says whether the theme is one of the
// framework's 13 or a local theme a partnership declared beside them.
// A joint review's partnerships (their IDs, names and types) are joined with ';'.
// for: theme leads, business managers preparing a thematic briefing
// param: theme theme -- the theme's code (e.g. domestic-abuse), id or label
// returns: theme, scope, review, review_kind, partnership_type, published, recommendation, number, text, standards, directed_at, action_owners
// example: theme=domestic-abuse
MATCH (t:Theme)
WHERE t.code = $theme
MATCH (t)<-[coded:HAS_THEME]-(rec:Recommendation)<-[:MADE]-(r:Review)
WITH *, COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(x:Partnership) RETURN x ORDER BY x.id } AS ps
WITH *, CASE WHEN size(ps) = 0 THEN null ELSE
          {id: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.id),
           name: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE '; ' END + x.name),
           type: reduce(s = '', x IN ps | s + CASE s WHEN '' THEN '' ELSE ';' END + x.type)}
        END AS p
RETURN t.code AS theme, coalesce(t.scope, 'framework') AS scope, r.id AS review, r.kind AS review_kind, p.type AS partnership_type,
       r.published AS published, rec.id AS recommendation, rec.number AS number,
       rec.text AS text,
       COLLECT {
         MATCH (rec)-[m:MAPS_TO]->(s:Standard)
         RETURN DISTINCT s.code AS code ORDER BY code
       } AS standards,
       COLLECT {
         MATCH (rec)-[:DIRECTED_AT]->(a:Agency) RETURN DISTINCT a.id AS id ORDER BY id
       } AS directed_at,
       COLLECT {
         MATCH (rec)<-[:RESPONDS_TO]-(:Action)-[:OWNED_BY]->(a:Agency)
         RETURN DISTINCT a.id AS id ORDER BY id
       } AS action_owners
ORDER BY r.publishedAs, review, rec.numberOrder, recommendation
