-- Where a notice came from: typed by a notice sender (page/API), or raised by a directive mail.
-- Directive alerts keep the mail's subject and sender so the history can link them to the mail.
ALTER TABLE notice ADD COLUMN kind VARCHAR(16) DEFAULT 'notice' NOT NULL;
ALTER TABLE notice ADD COLUMN mail_subject VARCHAR(998);
ALTER TABLE notice ADD COLUMN mail_sender VARCHAR(255);
