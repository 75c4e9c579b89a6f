package nl.regiopool.ruleset;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import nl.regiopool.api.model.CaoRuleSet;
import nl.regiopool.api.model.CaoRuleSetVersion;
import nl.regiopool.api.model.RuleParameterValue;
import nl.regiopool.cao.RuleSetVersion;
import nl.regiopool.cao.SeededRuleSets;
import nl.regiopool.tenancy.Ids;
import nl.regiopool.page.Where;
import org.jdbi.v3.core.Handle;

/** Rule sets and their versions as stored per cooperative, and the engine's view of them. */
public final class CaoRuleSetDao {

    /** The rule set that applies when an agreement names none (or one without a version on the date). */
    public static final String FALLBACK = "ATW";

    private static final Map<String, String> SEEDED_NAMES = Map.of(
            "ATW", "Arbeidstijdenwet", "CAO_HUISARTSENZORG", "CAO Huisartsenzorg");
    private static final int MAX_DEPTH = 16;

    private CaoRuleSetDao() {
    }

    record Row(UUID id, String code, String name, String extendsCode, int version, OffsetDateTime createdAt) {
    }

    record StoredVersion(String code, LocalDate validFrom, LocalDate validTo, List<RuleParameterValue> parameters,
                         OffsetDateTime createdAt) {
        CaoRuleSetVersion view() {
            return new CaoRuleSetVersion(validFrom, parameters, createdAt).validTo(validTo);
        }
    }

    /** The codes of the cooperative's rule sets, in order. */
    public static List<String> codes(Handle handle) {
        return handle.createQuery("SELECT code FROM cao_rule_set ORDER BY code").mapTo(String.class).list();
    }

    /**
     * Refuses (422 on {@code field}) a code that names none of the cooperative's rule sets, listing the known ones:
     * with an unknown code the rule engine would fall back to the law alone and silently drop every CAO surcharge.
     * Null (no rule set named) passes.
     */
    public static void requireKnown(Handle handle, String field, String code) {
        if (code == null) {
            return;
        }
        List<String> known = codes(handle);
        if (!known.contains(code)) {
            throw nl.regiopool.problem.ProblemException.invalid(field, "NOT_FOUND", "This cooperative has no CAO rule set "
                    + code + "; known codes: " + String.join(", ", known)
                    + ". Add a rule set first (POST /v1/cao-rule-sets) to use another code.");
        }
    }

    /** Gives a new cooperative the public rule sets of {@link SeededRuleSets}; the handle is bound to it. */
    public static void seed(Handle handle, UUID tenantId) {
        for (RuleSetVersion version : SeededRuleSets.ALL) {
            insert(handle, tenantId, Ids.next(), version.code(), SEEDED_NAMES.getOrDefault(version.code(), version.code()),
                    version.parent().map(RuleSetVersion::code).orElse(null));
            insertVersion(handle, tenantId, version.code(), version.validFrom(), version.validTo().orElse(null),
                    RuleSetJson.toApi(version));
        }
    }

    static void insert(Handle handle, UUID tenantId, UUID id, String code, String name, String extendsCode) {
        handle.createUpdate("""
                        INSERT INTO cao_rule_set (tenant_id, id, code, name, extends_code)
                        VALUES (:tenant, :id, :code, :name, :extends)""")
                .bind("tenant", tenantId).bind("id", id).bind("code", code).bind("name", name)
                .bind("extends", extendsCode)
                .execute();
    }

    static void insertVersion(Handle handle, UUID tenantId, String code, LocalDate validFrom, LocalDate validTo,
                              List<RuleParameterValue> parameters) {
        handle.createUpdate("""
                        INSERT INTO cao_rule_set_version (tenant_id, rule_set_code, valid_from, valid_to, parameters)
                        VALUES (:tenant, :code, :from, :to, CAST(:parameters AS jsonb))""")
                .bind("tenant", tenantId).bind("code", code).bind("from", validFrom).bind("to", validTo)
                .bind("parameters", RuleSetJson.write(parameters))
                .execute();
    }

    static void touch(Handle handle, String code) {
        handle.createUpdate("UPDATE cao_rule_set SET version = version + 1 WHERE code = :code").bind("code", code).execute();
    }

    static Optional<Row> find(Handle handle, String code, boolean forUpdate) {
        return handle.createQuery("SELECT id, code, name, extends_code, version, created_at FROM cao_rule_set"
                        + " WHERE code = :code" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("code", code)
                .map((rs, ctx) -> row(rs))
                .findOne();
    }

    static List<Row> list(Handle handle, String afterCode, int limit) {
        Where where = new Where().and("after", afterCode, "code > :after").bind("limit", limit + 1);
        return where.bindTo(handle.createQuery("SELECT id, code, name, extends_code, version, created_at FROM cao_rule_set"
                        + where.clause() + "ORDER BY code LIMIT :limit"))
                .map((rs, ctx) -> row(rs))
                .list();
    }

    static Map<String, List<StoredVersion>> versions(Handle handle, Collection<String> codes) {
        return handle.createQuery("""
                        SELECT rule_set_code, valid_from, valid_to, parameters::text AS parameters, created_at
                        FROM cao_rule_set_version WHERE rule_set_code = ANY(:codes) ORDER BY rule_set_code, valid_from""")
                .bind("codes", codes.toArray(String[]::new))
                .map((rs, ctx) -> new StoredVersion(rs.getString("rule_set_code"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                        RuleSetJson.read(rs.getString("parameters")), rs.getObject("created_at", OffsetDateTime.class)))
                .stream()
                .collect(Collectors.groupingBy(StoredVersion::code));
    }

    static CaoRuleSet view(Row row, List<StoredVersion> versions) {
        return new CaoRuleSet(row.code(), row.name(),
                versions == null ? List.of() : versions.stream().map(StoredVersion::view).toList(), row.createdAt())
                ._extends(row.extendsCode());
    }

    /**
     * The engine's rule set version of {@code code} valid on {@code date}, with the parent rule set's version
     * valid on the same date behind it; empty when the code has no version on that date.
     */
    public static Optional<RuleSetVersion> resolve(Handle handle, String code, LocalDate date) {
        List<Link> chain = chain(handle, code, date);
        Optional<RuleSetVersion> built = BUILT.get(chain);
        if (built == null) {
            built = resolve(chain, 0);
            if (BUILT.size() >= BUILT_MAX) {
                BUILT.clear();
            }
            BUILT.put(List.copyOf(chain), built);
        }
        return built;
    }

    /** {@link #resolve}, falling back to {@link #FALLBACK} when the code is null or has no version on the date. */
    public static Optional<RuleSetVersion> resolveOrFallback(Handle handle, String code, LocalDate date) {
        return Optional.ofNullable(code).flatMap(c -> resolve(handle, c, date))
                .or(() -> resolve(handle, FALLBACK, date));
    }

    /**
     * Versions built from chains read before, by the chain's full content (codes, parents, periods and parameter
     * JSON as stored): building is a pure function of that content, and a {@link RuleSetVersion} is immutable, so
     * a chain read again builds to the same version without parsing its parameters again. Every resolve still
     * reads the chain from the database; a changed rule set is a different key. Bounded by clearing.
     */
    private static final Map<List<Link>, Optional<RuleSetVersion>> BUILT = new ConcurrentHashMap<>();
    private static final int BUILT_MAX = 1024;

    /** One link of a rule set's chain: the rule set at that depth and its version valid on the date, if any. */
    private record Link(String code, String extendsCode, LocalDate validFrom, LocalDate validTo, String parameters) {
    }

    /**
     * The chain of {@code code} and the rule sets it extends, in one statement, as far as {@link #MAX_DEPTH}
     * parents (a cycle ends there too), each with its version valid on the date, if any.
     */
    private static List<Link> chain(Handle handle, String code, LocalDate date) {
        return handle.createQuery("""
                        WITH RECURSIVE chain (code, extends_code, depth) AS (
                            SELECT code, extends_code, 0 FROM cao_rule_set WHERE code = :code
                            UNION ALL
                            SELECT r.code, r.extends_code, c.depth + 1
                            FROM chain c JOIN cao_rule_set r ON r.code = c.extends_code
                            WHERE c.depth < :maxDepth)
                        SELECT c.code, c.extends_code, v.valid_from, v.valid_to, v.parameters::text AS parameters
                        FROM chain c
                        LEFT JOIN cao_rule_set_version v ON v.rule_set_code = c.code AND v.valid_from <= :date
                             AND (v.valid_to IS NULL OR v.valid_to >= :date)
                        ORDER BY c.depth""")
                .bind("code", code).bind("date", date).bind("maxDepth", MAX_DEPTH)
                .map((rs, ctx) -> new Link(rs.getString("code"), rs.getString("extends_code"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                        rs.getString("parameters")))
                .list();
    }

    /**
     * The version of the rule set at {@code depth} of the chain valid on the date, with its parent's version (the
     * next link's) behind it: empty when the rule set does not exist or has no version on the date; a parent
     * without a version on the date is left out. More than {@link #MAX_DEPTH} parents are refused.
     */
    private static Optional<RuleSetVersion> resolve(List<Link> chain, int depth) {
        if (depth >= chain.size() || chain.get(depth).validFrom() == null) {
            return Optional.empty();
        }
        Link link = chain.get(depth);
        RuleSetVersion.Builder builder = RuleSetVersion.builder(link.code(), link.validFrom()).validTo(link.validTo());
        if (link.extendsCode() != null) {
            if (depth + 1 > MAX_DEPTH) {
                throw new IllegalStateException("rule set " + link.extendsCode() + " extends too deep a chain");
            }
            resolve(chain, depth + 1).ifPresent(builder::extendsVersion);
        }
        return Optional.of(RuleSetJson.apply(builder, RuleSetJson.read(link.parameters())).build());
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"),
                rs.getString("extends_code"), rs.getInt("version"), rs.getObject("created_at", OffsetDateTime.class));
    }
}
