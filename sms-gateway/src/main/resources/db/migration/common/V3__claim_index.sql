-- The dispatcher walks pending messages in (urgent, id) order and stops at its batch size:
-- this index gives that order without sorting every pending row on each claim.
DROP INDEX message_ready;
CREATE INDEX message_claim ON message (state, urgent, id);
