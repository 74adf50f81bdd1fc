-- Directive alerts handed over by mail-server: one SMS per (Message-ID, number), however often it retries.
CREATE TABLE alert_delivery (
    message_id VARCHAR(998) NOT NULL,
    recipient  VARCHAR(20)  NOT NULL,
    notice_id  BIGINT       NOT NULL REFERENCES notice (id),
    PRIMARY KEY (message_id, recipient)
);
