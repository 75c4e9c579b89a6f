package nl.regiopool.page;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The conditions of a list query, holding only those of the filters in use. The planner then sees each
 * shape as it is; testing every filter parameter for null in the SQL would give one generic plan that
 * can use no index.
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> binds = new LinkedHashMap<>();

    /** A condition that always applies; its parameters are bound with {@link #bind}. */
    public Where and(String sql) {
        conditions.add(sql);
        return this;
    }

    /** A filter: its condition applies, and {@code value} is bound as {@code name}, only when the value is set. */
    public Where and(String name, Object value, String sql) {
        if (value != null) {
            conditions.add(sql);
            binds.put(name, value);
        }
        return this;
    }

    public Where bind(String name, Object value) {
        binds.put(name, value);
        return this;
    }

    /** {@code WHERE c1 AND c2 ...}, or nothing when no condition applies; spaced on both sides. */
    public String clause() {
        return conditions.isEmpty() ? " " : " WHERE " + String.join(" AND ", conditions) + " ";
    }

    /** {@code AND c1 AND c2 ...}, to follow conditions the query writes itself; spaced on both sides. */
    public String andClause() {
        StringBuilder sql = new StringBuilder(" ");
        conditions.forEach(condition -> sql.append("AND ").append(condition).append(' '));
        return sql.toString();
    }

    public <T extends SqlStatement<T>> T bindTo(T statement) {
        binds.forEach(statement::bind);
        return statement;
    }
}
