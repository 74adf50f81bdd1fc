-- Which gateway holds a message it is submitting: when that gateway dies, the others put it back in the queue.
ALTER TABLE message ADD COLUMN claimed_by VARCHAR(64);
