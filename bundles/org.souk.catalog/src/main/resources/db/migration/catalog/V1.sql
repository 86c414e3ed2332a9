-- Gigs and their packages.
CREATE TABLE catalog_gig (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    freelancer_id VARCHAR(128) NOT NULL,
    title VARCHAR(120) NOT NULL,
    description VARCHAR(4000) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX catalog_gig_created ON catalog_gig (created_at);
CREATE INDEX catalog_gig_freelancer ON catalog_gig (freelancer_id, created_at);
CREATE TABLE catalog_gig_package (
    id VARCHAR(48) NOT NULL PRIMARY KEY,
    gig_id VARCHAR(36) NOT NULL REFERENCES catalog_gig (id),
    tier VARCHAR(16) NOT NULL,
    title VARCHAR(120) NOT NULL,
    description VARCHAR(2000) NOT NULL,
    price_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    delivery_days INTEGER NOT NULL,
    revisions INTEGER NOT NULL,
    deliverables VARCHAR(4000) NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT catalog_gig_package_tier UNIQUE (gig_id, tier)
);
