package nl.regiopool.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PgTextArrayTest {

    @Test
    void readsWhatPostgresqlWritesForATextArray() {
        // SELECT array['a b','c,d','e"f','g\h','','NULL',null,'x{y}','é']::text[]::text
        assertThat(PgTextArray.elements("{\"a b\",\"c,d\",\"e\\\"f\",\"g\\\\h\",\"\",\"NULL\",NULL,\"x{y}\",é}"))
                .isEqualTo(Arrays.asList("a b", "c,d", "e\"f", "g\\h", "", "NULL", null, "x{y}", "é"));
        assertThat(PgTextArray.elements("{coop_admin,member}")).containsExactly("coop_admin", "member");
        assertThat(PgTextArray.elements("{member}")).containsExactly("member");
        assertThat(PgTextArray.elements("{}")).isEmpty();
        assertThat(PgTextArray.elements(null)).isNull();
    }

    @Test
    void refusesWhatIsNotAOneDimensionalArray() {
        assertThatThrownBy(() -> PgTextArray.elements("coop_admin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgTextArray.elements("{")).isInstanceOf(IllegalArgumentException.class);
    }
}
