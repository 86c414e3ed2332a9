-- Users' addresses and languages live in the user directory (user_contact, migrated by the auth bundle);
-- the copy kept here is no longer read or written.
DROP TABLE notification_contact;
