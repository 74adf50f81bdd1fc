-- Durable outbox, SQLite form of postgresql/V1: INTEGER PRIMARY KEY is SQLite's auto-assigned row id (the
-- same ids as an identity column). Times are epoch milliseconds (BIGINT) everywhere, no time zones.

CREATE TABLE notice (
    id                 INTEGER PRIMARY KEY,
    created_at         BIGINT        NOT NULL,
    sender             VARCHAR(255)  NOT NULL,
    text               VARCHAR(4000) NOT NULL,
    requested_encoding VARCHAR(8)    NOT NULL,
    alphabet           VARCHAR(8)    NOT NULL,
    sent_text          VARCHAR(4000) NOT NULL,
    parts              INT           NOT NULL,
    urgent             BOOLEAN       NOT NULL
);

-- One row per recipient of a notice.
CREATE TABLE message (
    id              INTEGER PRIMARY KEY,
    notice_id       BIGINT        NOT NULL REFERENCES notice (id),
    target          VARCHAR(255)  NOT NULL,
    recipient       VARCHAR(20),
    state           VARCHAR(20)   NOT NULL,
    detail          VARCHAR(1000),
    urgent          BOOLEAN       NOT NULL,
    parts           INT           NOT NULL,
    account         VARCHAR(64),
    attempts        INT           NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    submitted_at    BIGINT,
    updated_at      BIGINT        NOT NULL
);
CREATE INDEX message_ready ON message (state, next_attempt_at);
CREATE INDEX message_recipient ON message (recipient, id);
CREATE INDEX message_notice ON message (notice_id);

-- A row exists only once the SMSC acknowledged the part: such a part is never sent again.
CREATE TABLE message_part (
    message_id    BIGINT       NOT NULL REFERENCES message (id),
    seq           INT          NOT NULL,
    account       VARCHAR(64)  NOT NULL,
    smsc_id       VARCHAR(65)  NOT NULL,
    smsc_key      VARCHAR(65)  NOT NULL,
    accepted_at   BIGINT       NOT NULL,
    receipt_state VARCHAR(10),
    receipt_error VARCHAR(16),
    receipt_at    BIGINT,
    PRIMARY KEY (message_id, seq)
);
CREATE INDEX part_smsc ON message_part (account, smsc_key);

-- Receipts that came before we stored the submit_sm_resp they answer.
CREATE TABLE unmatched_receipt (
    id            INTEGER PRIMARY KEY,
    account       VARCHAR(64) NOT NULL,
    smsc_key      VARCHAR(65) NOT NULL,
    receipt_state VARCHAR(10) NOT NULL,
    receipt_error VARCHAR(16),
    received_at   BIGINT      NOT NULL
);
CREATE INDEX unmatched_key ON unmatched_receipt (account, smsc_key);
