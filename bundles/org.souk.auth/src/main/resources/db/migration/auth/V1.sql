-- How to reach each user: an email address and a language (en, fr, ar), from their tokens' claims or
-- chosen by the user (*_chosen = TRUE: tokens no longer overwrite it).
CREATE TABLE user_contact (
    user_id VARCHAR(128) NOT NULL PRIMARY KEY,
    email VARCHAR(254),
    email_chosen BOOLEAN NOT NULL,
    language VARCHAR(8),
    language_chosen BOOLEAN NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
