-- claimed_by now also means "claimed before": the claim looks for acknowledged parts only of such messages.
-- Messages stored before V4 never had it set; mark those that have parts so their next claim skips them.
UPDATE message SET claimed_by = 'before-v7'
 WHERE claimed_by IS NULL AND EXISTS (SELECT 1 FROM message_part p WHERE p.message_id = message.id);
