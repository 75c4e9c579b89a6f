--liquibase formatted sql

-- An erased applicant's internships keep their dates and member under a pseudonym.
--changeset regiopool:102-applicant-erasure
GRANT UPDATE (student_name) ON internship TO ${appRole};
