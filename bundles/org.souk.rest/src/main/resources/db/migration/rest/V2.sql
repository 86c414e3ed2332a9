-- Tickets for the event stream: a browser's EventSource cannot send a bearer token, so it trades one for a
-- ticket first. A ticket is good once, for a minute; only its SHA-256 is kept. Times are epoch milliseconds.
CREATE TABLE rest_event_ticket (
    ticket_hash CHAR(64) NOT NULL PRIMARY KEY,
    user_id VARCHAR(128) NOT NULL,
    user_role VARCHAR(16) NOT NULL,
    expires_ms BIGINT NOT NULL
);
CREATE INDEX rest_event_ticket_expiry ON rest_event_ticket (expires_ms);
