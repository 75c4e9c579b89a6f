/**
 * CAO rule sets as tenant data: the API resource, the SQL, and the JSON form of the typed parameters that
 * {@link nl.regiopool.cao.RuleSetVersion} (pure rules) is built from.
 */
package nl.regiopool.ruleset;
