package nl.regiopool.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhereTest {

    @Test
    void aFilterWithoutValueAddsNoCondition() {
        Where where = new Where().and("status", null, "status = :status");

        assertThat(where.clause()).isEqualTo(" ");
    }

    @Test
    void filtersInUseAreJoinedWithAnd() {
        Where where = new Where().and("status", "ACTIVE", "status = :status").and("after", null, "id > :after")
                .and("sector", "CARE", "sector = :sector");

        assertThat(where.clause()).isEqualTo(" WHERE status = :status AND sector = :sector ");
    }

    @Test
    void conditionsFollowingTheQuerysOwnStartWithAnd() {
        Where where = new Where().and("m.pool_id = :pool").and("after", 7L, "m.id > :after");

        assertThat(where.andClause()).isEqualTo(" AND m.pool_id = :pool AND m.id > :after ");
    }

    @Test
    void noConditionsFollowAsASpace() {
        assertThat(new Where().andClause()).isEqualTo(" ");
    }

    @Test
    void aClauseCanBeAppendedToATableNameAndFollowedByOrderBy() {
        String sql = "SELECT id FROM member" + new Where().clause() + "ORDER BY id";

        assertThat(sql).isEqualTo("SELECT id FROM member ORDER BY id");
    }
}
