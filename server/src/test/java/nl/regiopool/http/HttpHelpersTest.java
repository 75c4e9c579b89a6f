package nl.regiopool.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HttpHelpersTest {

    @Test
    void ifMatchNeedsAStrongTagOfTheVersion() {
        assertThat(ETags.expectedVersion("\"3\"")).isEqualTo(3);
        assertThat(ETags.expectedVersion(" \"12\" ")).isEqualTo(12);
        assertThat(ETags.of(4).toString()).isEqualTo("\"4\"");
        assertThatThrownBy(() -> ETags.expectedVersion(null)).extracting("status").isEqualTo(428);
        assertThatThrownBy(() -> ETags.expectedVersion("")).extracting("status").isEqualTo(428);
        for (String stale : List.of("3", "W/\"3\"", "\"x\"", "\"\"", "*")) {
            assertThatThrownBy(() -> ETags.expectedVersion(stale)).as(stale).extracting("status").isEqualTo(412);
        }
    }

    @Test
    void cursorsRoundTripAndRejectForgeries() {
        UUID id = UUID.randomUUID();
        assertThat(Cursors.decodeUuid(Cursors.encode(id.toString()))).isEqualTo(id);
        assertThat(Cursors.decodeLong(Cursors.encode("42"))).isEqualTo(42L);
        assertThat(Cursors.decodeUuid(null)).isNull();
        assertThatThrownBy(() -> Cursors.decodeUuid("%%%")).extracting("status").isEqualTo(422);
        assertThatThrownBy(() -> Cursors.decodeUuid(Cursors.encode("not-a-uuid"))).extracting("code").isEqualTo("VALIDATION_FAILED");
        assertThatThrownBy(() -> Cursors.decodeLong(Cursors.encode("x"))).extracting("status").isEqualTo(422);
    }

    @Test
    void pagesFetchOneExtraRowToKnowWhetherMoreFollow() {
        Page<Integer> last = Page.of(List.of(1, 2, 3), 3, String::valueOf);
        assertThat(last.data()).containsExactly(1, 2, 3);
        assertThat(last.nextCursor()).isNull();

        Page<Integer> more = Page.of(List.of(1, 2, 3, 4), 3, String::valueOf);
        assertThat(more.data()).containsExactly(1, 2, 3);
        assertThat(Cursors.decodeLong(more.nextCursor())).isEqualTo(3L);
    }
}
