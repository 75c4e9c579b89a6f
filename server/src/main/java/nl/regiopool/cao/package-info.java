/**
 * Pure working-time (Arbeidstijdenwet) and CAO rules: values in, values out. No database, no HTTP.
 *
 * <ul>
 *   <li>{@link nl.regiopool.cao.RuleSetVersion}: typed, sourced parameters of one version of a rule set, with
 *       inheritance from a parent version ({@code CAO_HUISARTSENZORG} extends {@code ATW});
 *       {@link nl.regiopool.cao.SeededRuleSets} holds the public figures.</li>
 *   <li>{@link nl.regiopool.cao.WorkingTimeRules#check}: the violations a candidate shift causes among a worker's
 *       other shifts (at every employer).</li>
 *   <li>{@link nl.regiopool.cao.Surcharges#costLines}: base and irregular-hours surcharge lines of a worked
 *       shift, with Dutch public holidays from {@link nl.regiopool.cao.DutchHolidays}.</li>
 * </ul>
 */
package nl.regiopool.cao;
