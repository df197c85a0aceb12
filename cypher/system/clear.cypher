// name: clear
// Deletes every node and relationship in the database, in batches (`scrgraph db reset`).
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
