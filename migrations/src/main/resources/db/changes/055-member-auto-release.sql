--liquibase formatted sql

--changeset regiopool:055-member-auto-release
-- A member that releases its workers as soon as they accept an offer: the accept places them.
ALTER TABLE member ADD COLUMN auto_release boolean NOT NULL DEFAULT false;
