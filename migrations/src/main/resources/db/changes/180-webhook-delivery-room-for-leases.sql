--liquibase formatted sql

--changeset regiopool:180-webhook-delivery-room-for-leases
-- Every delivery is updated twice after its insert: the claim's lease (next_attempt_at, in no index) and the
-- attempt's result. Room left on each page lets the lease stay on its page without new entries in the four
-- indexes (a heap-only update); full pages made every lease a new row version in all of them.
ALTER TABLE webhook_delivery SET (fillfactor = 70);
