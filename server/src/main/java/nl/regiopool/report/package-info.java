/**
 * Planning reports over the cooperative's data: the capacity report (requested, filled and unfilled shift hours
 * per role and ISO week, against the pool's hours).
 */
package nl.regiopool.report;
