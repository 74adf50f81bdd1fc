-- Receipts are looked up by SMSC id first and account second: telcos send some receipts on another
-- account (a receiver bind, a second system_id) than the one that submitted the message.
DROP INDEX part_smsc;
CREATE INDEX part_smsc_key ON message_part (smsc_key, account);
DROP INDEX unmatched_key;
CREATE INDEX unmatched_smsc_key ON unmatched_receipt (smsc_key, account);
