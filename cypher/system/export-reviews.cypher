// name: export-reviews
// The Reviews sheet of the workbook, read back from the graph (`scrgraph export`): each
// review with the partnerships that commissioned it (several for a joint review), its period
// under review and its case keys.
// returns: id, title, kind, partnership, published, guidance, summary, periodFrom, periodTo, cases
MATCH (r:Review)
RETURN r.id AS id, r.title AS title, r.kind AS kind,
       COLLECT { MATCH (r)-[:COMMISSIONED_BY]->(p:Partnership) RETURN p.id ORDER BY p.id }
         AS partnership,
       r.publishedAs AS published, r.guidance AS guidance, r.summary AS summary,
       r.periodFrom AS periodFrom, r.periodTo AS periodTo, r.cases AS cases
ORDER BY id
