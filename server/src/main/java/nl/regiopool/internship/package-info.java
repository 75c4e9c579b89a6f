/**
 * The regional stagepunt: internship offers of members, applicants kept by the coordinator (coop_admin),
 * their documents, shares with practices and the internships that result.
 *
 * <p>Personal data of applicants never enters the audit log: the audit events of this package carry ids,
 * kinds, statuses and dates only, so erasing an applicant (the retention job) leaves the hash chain intact
 * without redacting anything. Documents are kept behind {@link nl.regiopool.internship.DocumentStore}.
 */
package nl.regiopool.internship;
